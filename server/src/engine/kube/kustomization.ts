// What a kustomization names as patches: `patches[].path`, `patchesStrategicMerge[]` (a path, or an inline
// patch with a newline) and `patchesJson6902[].path`. A patch is a fragment of an object (a Deployment patch
// names only what it changes), so neither it nor the kustomization is a workload to judge; the CLI and the
// server leave them out and users lint what kustomize builds.
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { withNodeBinaryTag } from '../yaml/binaryTag';

export const KUSTOMIZATION_FILE = /^(kustomization\.ya?ml|Kustomization)$/;

/** Patch paths as written (relative to the kustomization's folder); none when the text is not a mapping. */
export function patchPaths(text: string): string[] {
  const root = parseDocument(text, { uniqueKeys: false, customTags: withNodeBinaryTag }).contents;
  if (!isMap(root)) return [];
  const out: string[] = [];
  for (const key of ['patches', 'patchesStrategicMerge', 'patchesJson6902']) {
    const list = root.get(key, true) as Node | undefined;
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      const ref = isScalar(item) ? item : isMap(item) ? (item.get('path', true) as Node | undefined) : undefined;
      const value = isScalar(ref) ? ref.value : undefined;
      if (typeof value === 'string' && value && !value.includes('\n')) out.push(value);
    }
  }
  return out;
}
