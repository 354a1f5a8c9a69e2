// Finding the nodes a finding is about, from its data (JSON pointers, indices) and its range, so fixes never
// depend on message text.
import { isMap, isSeq, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Range } from '../types';
import type { ManifestContext } from '../manifest/context';
import type { FeatureList, FeatureRef } from '../manifest/model';
import { asMap, asSeq, getPair } from '../yaml/nodes';
import { offsetAt } from './text';
import type { SeqLocation } from './sequence';

export interface PointerHit {
  /** The value at the pointer (null for `key:` with nothing), its pair and the map holding the pair. */
  value: unknown;
  pair?: Pair<unknown, unknown>;
  parent?: YAMLMap<unknown, unknown>;
}

export function atPointer(ctx: ManifestContext, pointer: string): PointerHit | undefined {
  let cur: unknown = ctx.document.contents;
  let hit: PointerHit = { value: cur };
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (isSeq(cur) && /^\d+$/.test(seg)) {
      cur = (cur as YAMLSeq<unknown>).items[Number(seg)];
      hit = { value: cur };
    } else if (isMap(cur)) {
      const parent = cur as YAMLMap<unknown, unknown>;
      const pair = getPair(parent, seg);
      if (!pair) return undefined;
      cur = pair.value;
      hit = { value: cur, pair, parent };
    } else return undefined;
  }
  return hit;
}

/** Every feature list of the manifest with the map that holds it. */
export function featureLists(ctx: ManifestContext): { list: FeatureList; parent: YAMLMap<unknown, unknown> }[] {
  const m = ctx.manifest;
  const checkpoint = asMap(getPair(m.root, 'checkpoint')?.value);
  const out: { list: FeatureList; parent: YAMLMap<unknown, unknown> | undefined }[] = [
    { list: m.requires!, parent: m.root },
    { list: m.jitFeatures!, parent: checkpoint },
    { list: m.host?.features as FeatureList, parent: asMap(m.host?.pair.value) },
    ...m.targets.map((t) => ({ list: t.features!, parent: t.node })),
  ];
  return out.filter((e): e is { list: FeatureList; parent: YAMLMap<unknown, unknown> } => !!e.list && !!e.parent);
}

/** The feature reference a finding's range starts at, with its list. */
export function featureRefAt(ctx: ManifestContext, range: Range): { ref: FeatureRef; where: SeqLocation } | undefined {
  const offset = offsetAt(ctx.yaml, range.start);
  for (const { list, parent } of featureLists(ctx)) {
    const ref = list.items.find((r) => r.node.range?.[0] === offset);
    if (ref) return { ref, where: { seq: asSeq(list.pair.value)!, pair: list.pair, parent } };
  }
  return undefined;
}

export function seqLocation(list: FeatureList, parent: YAMLMap<unknown, unknown>): SeqLocation {
  return { seq: asSeq(list.pair.value)!, pair: list.pair, parent };
}

export function targetsLocation(ctx: ManifestContext): SeqLocation | undefined {
  const m = ctx.manifest;
  const seq = asSeq(m.targetsPair?.value);
  const restore = asMap(m.restorePair?.value);
  if (!seq || !m.targetsPair || !restore) return undefined;
  // An emptied target list stays as `targets: []` (the key documents intent); never drop the key.
  return { seq, pair: m.targetsPair, parent: undefined };
}


/** The pair (and its map) whose key starts at a finding's range. */
export function pairWithKeyAt(ctx: ManifestContext, range: Range): { pair: Pair<unknown, unknown>; map: YAMLMap<unknown, unknown> } | undefined {
  const offset = offsetAt(ctx.yaml, range.start);
  const walk = (node: unknown, depth: number): { pair: Pair<unknown, unknown>; map: YAMLMap<unknown, unknown> } | undefined => {
    if (depth > 50) return undefined;
    if (isMap(node)) {
      const map = node as YAMLMap<unknown, unknown>;
      for (const item of map.items) {
        const pair = item as Pair<unknown, unknown>;
        if ((pair.key as { range?: number[] } | null)?.range?.[0] === offset) return { pair, map };
        const inner = walk(pair.value, depth + 1);
        if (inner) return inner;
      }
    } else if (isSeq(node)) {
      for (const item of (node as YAMLSeq<unknown>).items) {
        const inner = walk(item, depth + 1);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  return walk(ctx.document.contents, 0);
}
