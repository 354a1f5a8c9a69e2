// Small accessors over parsed YAML nodes. Rules walk nodes rather than calling toJS(): toJS is quadratic on
// alias-heavy input (alias bombs), and nodes keep the source ranges diagnostics need.
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

export type AnyNode = Node | null | undefined;

export function asMap(node: unknown): YAMLMap<unknown, unknown> | undefined {
  return isMap(node) ? (node as YAMLMap<unknown, unknown>) : undefined;
}

export function asSeq(node: unknown): YAMLSeq<unknown> | undefined {
  return isSeq(node) ? (node as YAMLSeq<unknown>) : undefined;
}

export function asScalar(node: unknown): Scalar | undefined {
  return isScalar(node) ? node : undefined;
}

/** The key of a pair as text, when it is a plain scalar key. */
export function keyText(pair: Pair<unknown, unknown>): string | undefined {
  return isScalar(pair.key) ? scalarToString(pair.key) : undefined;
}

export function scalarToString(s: Scalar): string | undefined {
  const v = s.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined;
}

/** The text of a scalar node; undefined for maps, sequences, aliases and nulls. */
export function textOf(node: unknown): string | undefined {
  return isScalar(node) ? scalarToString(node) : undefined;
}

export function getPair(map: YAMLMap<unknown, unknown> | undefined, key: string): Pair<unknown, unknown> | undefined {
  if (!map) return undefined;
  for (const item of map.items) if (isPair(item) && keyText(item) === key) return item;
  return undefined;
}

// Per map, its pairs by key text, built on first use: a rule looking up every key of a huge map stays linear.
const pairIndexes = new WeakMap<YAMLMap<unknown, unknown>, Map<string, Pair<unknown, unknown>>>();

/** getPair for many lookups in the same map (the first pair of a key, like getPair). */
export function indexedPair(map: YAMLMap<unknown, unknown> | undefined, key: string): Pair<unknown, unknown> | undefined {
  if (!map) return undefined;
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      const k = isPair(item) ? keyText(item) : undefined;
      if (k !== undefined && !index.has(k)) index.set(k, item);
    }
    pairIndexes.set(map, index);
  }
  return index.get(key);
}

export function getValue(map: YAMLMap<unknown, unknown> | undefined, key: string): unknown {
  return getPair(map, key)?.value;
}

/** Walk a path of keys through maps. */
export function getIn(map: YAMLMap<unknown, unknown> | undefined, path: readonly string[]): unknown {
  let cur: unknown = map;
  for (const k of path) {
    const m = asMap(cur);
    if (!m) return undefined;
    cur = getValue(m, k);
  }
  return cur;
}

/** [start, end) of a node's value in the source (without trailing comments). */
export function nodeSpan(node: unknown): [number, number] | undefined {
  const r = (node as Node | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** [start, end) from a pair's key to the end of its value. */
export function pairSpan(pair: Pair<unknown, unknown>): [number, number] | undefined {
  const k = nodeSpan(pair.key);
  const v = nodeSpan(pair.value);
  if (!k) return v;
  return [k[0], v ? Math.max(v[1], k[1]) : k[1]];
}

export { isAlias, isMap, isPair, isScalar, isSeq };
