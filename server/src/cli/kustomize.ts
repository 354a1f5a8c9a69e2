// kustomize inputs in `lint`: a kustomization file is a build recipe and its patches are fragments of objects
// (a Deployment patch names only what it changes), so neither is a workload to judge. The objects kustomize
// builds are: `kubectl kustomize DIR | criu-portability lint -`. Patch files are found from the kustomization
// beside them (`patches[].path`, `patchesStrategicMerge[]`, `patchesJson6902[].path`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';

export const KUSTOMIZATION = /^(kustomization\.ya?ml|Kustomization)$/;

/** Absolute paths of the patch files named by these kustomization files (unreadable ones name none). */
export function kustomizePatches(kustomizations: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const file of kustomizations) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const root = parseDocument(text, { uniqueKeys: false }).contents;
    if (!isMap(root)) continue;
    const dir = path.dirname(path.resolve(file));
    for (const key of ['patches', 'patchesStrategicMerge', 'patchesJson6902']) {
      const list = root.get(key, true) as Node | undefined;
      if (!isSeq(list)) continue;
      for (const item of list.items) {
        // A strategic merge entry is a path (or an inline patch, which has a newline); the others have `path:`.
        const ref = isScalar(item) ? item.value : isMap(item) ? (item.get('path', true) as Node | undefined) : undefined;
        const value = isScalar(ref) ? ref.value : ref;
        if (typeof value === 'string' && value && !value.includes('\n')) out.add(path.resolve(dir, value));
      }
    }
  }
  return out;
}
