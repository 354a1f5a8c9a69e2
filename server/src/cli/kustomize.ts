// kustomize inputs in `lint`: kustomization files and the patches they name are left out (engine/kube/
// kustomization.ts says why); the objects kustomize builds are linted with `kubectl kustomize DIR | lint -`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KUSTOMIZATION_FILE, patchPaths } from '../engine/kube/kustomization';

export const KUSTOMIZATION = KUSTOMIZATION_FILE;

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
    const dir = path.dirname(path.resolve(file));
    for (const p of patchPaths(text)) out.add(path.resolve(dir, p));
  }
  return out;
}
