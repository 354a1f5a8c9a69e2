// Inserting, replacing and removing keys in YAML maps the way a person would type them: new keys at the map's
// own indentation (block) or inline (flow), after the key they conventionally follow, and missing parent maps
// created as nested blocks using the document's indentation step.
import { isMap, isScalar, type Pair, type YAMLMap } from 'yaml';
import type { TextEdit } from '../types';
import type { ParsedYaml } from '../yaml/parse';
import { asMap, getPair, keyText } from '../yaml/nodes';
import { columnOf, contentEnd, edit, eolOf, indentUnit, lineStartOf, nextLineStart } from './text';
import { setPairValue } from './value';

/** A value to write: rendered scalar/flow text, or a nested block map. */
export type NewValue = string | { [key: string]: NewValue };

/** Where a new key goes: first, last, or after the last present key that precedes it in `order`. */
export type Placement = 'first' | 'last' | { order: readonly string[] };

type Ranged = { range?: [number, number, number] | null };

/** The conventional key order of a manifest (docs/manifest.md), used to place inserted keys. */
export const KEY_ORDER: Record<string, readonly string[]> = {
  '': ['apiVersion', 'kind', 'metadata', 'image', 'runtime', 'jvm', 'arch', 'baseline', 'checkpoint', 'requires', 'restore'],
  metadata: ['name', 'description', 'labels'],
  checkpoint: ['image', 'host', 'jitFeatures', 'glibcTunables', 'glibc'],
  jvm: ['release', 'options'],
  host: ['model', 'microarchitecture', 'features'],
  restore: ['onIncompatibleCpu', 'targets'],
  target: ['name', 'microarchitecture', 'features'],
};

export function renderBlock(key: string, value: NewValue, indent: number, unit: number, eol: string): string {
  const pad = ' '.repeat(indent);
  if (typeof value === 'string') return `${pad}${key}: ${value}`;
  const lines = [`${pad}${key}:`];
  for (const [k, v] of Object.entries(value)) lines.push(renderBlock(k, v, indent + unit, unit, eol));
  return lines.join(eol);
}

export function renderFlow(value: NewValue): string {
  if (typeof value === 'string') return value;
  return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${renderFlow(v)}`).join(', ')} }`;
}

/** Insert `key: value` into a map (which must have at least one pair, or be flow); a key already there gets the value. */
export function insertPair(yaml: ParsedYaml, map: YAMLMap<unknown, unknown>, key: string, value: NewValue, placement: Placement): TextEdit | undefined {
  const existing = getPair(map, key);
  if (existing) return setValue(yaml, map, key, existing, value);
  const text = yaml.text;
  const eol = eolOf(text);
  if (map.flow) {
    const open = map.range![0] + 1;
    const body = `${key}: ${renderFlow(value)}`;
    return edit(yaml, open, open, map.items.length ? ` ${body},` : ` ${body} `);
  }
  const first = map.items[0] as Pair<unknown, unknown>;
  const firstKey = first.key as Ranged;
  const column = columnOf(text, firstKey.range![0]);
  const unit = indentUnit(text);
  const block = renderBlock(key, value, column, unit, eol);
  const after = placement === 'first' ? undefined : placement === 'last' ? map.items.length - 1 : lastBefore(map, key, placement.order);
  if (after === undefined) {
    const lineStart = lineStartOf(text, firstKey.range![0]);
    if (/^\s*$/.test(text.slice(lineStart, firstKey.range![0]))) return edit(yaml, lineStart, lineStart, block + eol);
    // The map starts on a `- ` line: the new key takes the dash, the old first key moves to the next line.
    return edit(yaml, firstKey.range![0], firstKey.range![0], block.trimStart() + eol + ' '.repeat(column));
  }
  const end = pairEnd(text, map.items[after] as Pair<unknown, unknown>);
  const at = nextLineStart(text, end);
  if (at === text.length && !text.endsWith('\n')) return edit(yaml, at, at, eol + block);
  return edit(yaml, at, at, block + eol);
}

/** Index of the last pair whose key comes before `key` in `order`; undefined when none does. */
function lastBefore(map: YAMLMap<unknown, unknown>, key: string, order: readonly string[]): number | undefined {
  const rank = order.indexOf(key);
  let found: number | undefined;
  map.items.forEach((p, i) => {
    const k = keyText(p as Pair<unknown, unknown>);
    const r = k === undefined ? -1 : order.indexOf(k);
    if (rank === -1 || (r !== -1 && r < rank)) found = i;
  });
  return found;
}

/** End of a pair's last content line (value, or key when the value is empty). */
export function pairEnd(text: string, pair: Pair<unknown, unknown>): number {
  const v = pair.value as Ranged | null;
  const k = pair.key as Ranged;
  const node = v?.range ? v : k;
  return contentEnd(text, node, k.range![0]);
}

export function removePair(yaml: ParsedYaml, map: YAMLMap<unknown, unknown>, pair: Pair<unknown, unknown>): TextEdit {
  const text = yaml.text;
  const i = map.items.indexOf(pair);
  const key = pair.key as Ranged;
  const next = map.items[i + 1] as Pair<unknown, unknown> | undefined;
  if (map.flow) {
    if (next) return edit(yaml, key.range![0], (next.key as Ranged).range![0], '');
    const prev = map.items[i - 1] as Pair<unknown, unknown>;
    return edit(yaml, pairEnd(text, prev), pairEnd(text, pair), '');
  }
  const lineStart = lineStartOf(text, key.range![0]);
  if (!/^\s*$/.test(text.slice(lineStart, key.range![0])) && next) {
    return edit(yaml, key.range![0], (next.key as Ranged).range![0], '');
  }
  return edit(yaml, lineStart, nextLineStart(text, pairEnd(text, pair)), '');
}

/**
 * Insert `key: value` at `path` below `root`, creating the missing maps on the way (`checkpoint:` then `host:`)
 * where a person would. Undefined when something on the path is not a map.
 */
export function insertAtPath(yaml: ParsedYaml, root: YAMLMap<unknown, unknown>, path: readonly string[], key: string, value: NewValue, placement?: Placement): TextEdit | undefined {
  let map = root;
  let parentName = '';
  for (let i = 0; i < path.length; i++) {
    const pair = map.items.find((p) => keyText(p as Pair<unknown, unknown>) === path[i]) as Pair<unknown, unknown> | undefined;
    const nested = nest(path.slice(i + 1), key, value);
    if (!pair) return insertPair(yaml, map, path[i], nested, placement && i === path.length - 1 ? placement : { order: KEY_ORDER[parentName] ?? [] });
    if (pair.value === null || (isScalar(pair.value) && (pair.value.value === null || pair.value.value === ''))) {
      return fillPair(yaml, map, pair, nested);
    }
    const next = asMap(pair.value);
    if (!next) return undefined;
    if (next.items.length === 0) return setPairValue(yaml, pair, { inline: renderFlow(nested) });
    map = next;
    parentName = path[i];
  }
  return insertPair(yaml, map, key, value, placement ?? { order: KEY_ORDER[parentName] ?? [] });
}

function nest(path: readonly string[], key: string, value: NewValue): NewValue {
  let v: NewValue = { [key]: value };
  for (const seg of [...path].reverse()) v = { [seg]: v };
  return v;
}

/** A key already in the map: merge into the map it holds, else replace what it holds (nothing, `~`, `null`, a comment). */
function setValue(yaml: ParsedYaml, map: YAMLMap<unknown, unknown>, key: string, pair: Pair<unknown, unknown>, value: NewValue): TextEdit | undefined {
  const inner = asMap(pair.value);
  const entries = typeof value === 'string' ? [] : Object.entries(value);
  if (inner && entries.length === 1 && (inner.flow || inner.items.length > 0)) return insertPair(yaml, inner, entries[0][0], entries[0][1], { order: KEY_ORDER[key] ?? [] });
  return fillPair(yaml, map, pair, value);
}

/** Write a pair's value: inline in a flow map or for text, else as a block one indentation step below the key. */
function fillPair(yaml: ParsedYaml, map: YAMLMap<unknown, unknown>, pair: Pair<unknown, unknown>, value: NewValue): TextEdit | undefined {
  if (typeof value === 'string' || map.flow) return setPairValue(yaml, pair, { inline: renderFlow(value) });
  const text = yaml.text;
  const column = columnOf(text, (pair.key as Ranged).range![0]);
  const unit = indentUnit(text);
  const eol = eolOf(text);
  const block = Object.entries(value).flatMap(([k, v]) => renderBlock(k, v, column + unit, unit, eol).split(eol));
  return setPairValue(yaml, pair, { block });
}

/** Replace a node's source text (a scalar, usually), keeping its quoting through renderScalar at the caller. */
export function replaceNode(yaml: ParsedYaml, node: Ranged, newText: string): TextEdit {
  return edit(yaml, node.range![0], node.range![1], newText);
}
