// Layers applied in order, the way a container runtime builds the root file system (OCI image-spec layer.md):
// each layer's whiteouts remove paths of the layers below it, then its own files are added.
import type { CollectedFile } from '../engine/criu/evidence';
import type { LayerScan } from './layerScan';

export function mergeLayers(layers: readonly LayerScan[]): CollectedFile[] {
  const state = new Map<string, CollectedFile>();
  const under = (p: string, dir: string): boolean => dir === '' || p === dir || p.startsWith(`${dir}/`);
  for (const layer of layers) {
    for (const w of layer.whiteouts) for (const p of [...state.keys()]) if (under(p, w)) state.delete(p);
    for (const d of layer.opaque) for (const p of [...state.keys()]) if (p !== d && under(p, d)) state.delete(p);
    for (const f of layer.files) state.set(f.path, f);
  }
  return [...state.values()];
}
