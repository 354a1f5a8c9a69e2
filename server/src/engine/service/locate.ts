// What the cursor is on in a manifest: the path of keys and indices to the node, and whether it is a key.
import { isMap, isScalar, isSeq, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Analysis } from '../analyze';
import type { Position, Range } from '../types';
import type { ManifestContext } from '../manifest/context';
import { manifestAt } from '../index';
import { offsetAt } from '../edit/text';

export type PathSeg = string | number;

export interface Located {
  ctx: ManifestContext;
  path: PathSeg[];
  onKey: boolean;
  node: Scalar;
  range: Range;
}

type Ranged = { range?: [number, number, number] | null };
const within = (n: Ranged | null | undefined, o: number) => !!n?.range && n.range[0] <= o && o <= n.range[1];

export function locate(analysis: Analysis, pos: Position): Located | undefined {
  const ctx = manifestAt(analysis, pos.line);
  if (!ctx) return undefined;
  const offset = offsetAt(analysis.yaml, pos);
  const hit = walk(ctx.document.contents, offset, [], 0);
  if (!hit) return undefined;
  const r = hit.node.range!;
  return { ctx, ...hit, range: analysis.yaml.range(r[0], r[1]) };
}

function walk(node: unknown, offset: number, path: PathSeg[], depth: number): { path: PathSeg[]; onKey: boolean; node: Scalar } | undefined {
  if (depth > 64) return undefined;
  if (isMap(node)) {
    for (const item of (node as YAMLMap<unknown, unknown>).items) {
      const pair = item as Pair<unknown, unknown>;
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) continue;
      if (within(pair.key as Ranged, offset)) return { path: [...path, key], onKey: true, node: pair.key as Scalar };
      if (within(pair.value as Ranged, offset)) return walk(pair.value, offset, [...path, key], depth + 1);
    }
    return undefined;
  }
  if (isSeq(node)) {
    const items = (node as YAMLSeq<unknown>).items;
    for (let i = 0; i < items.length; i++) {
      if (within(items[i] as Ranged, offset)) return walk(items[i], offset, [...path, i], depth + 1);
    }
    return undefined;
  }
  if (isScalar(node) && node.range) return { path, onKey: false, node };
  return undefined;
}

/** `restore.targets.*.microarchitecture`: indices as `*`, for matching. */
export function pattern(path: readonly PathSeg[]): string {
  return path.map((s) => (typeof s === 'number' ? '*' : s)).join('.');
}

export const FEATURE_LISTS = new Set(['requires.*', 'checkpoint.jitFeatures.*', 'checkpoint.host.features.*', 'restore.targets.*.features.*']);
export const MICRO_KEYS = new Set(['checkpoint.host.microarchitecture', 'restore.targets.*.microarchitecture']);
