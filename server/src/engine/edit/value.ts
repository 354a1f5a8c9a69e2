// Giving a key that is already there a new value. The key may hold nothing (`key:`), `~`, `null`, only a comment,
// or a value of the wrong kind; a fix replaces that value in place, because writing the key a second time makes a
// duplicate key (a YAML error) and leaves the diagnostic standing.
import type { Pair } from 'yaml';
import type { TextEdit } from '../types';
import type { ParsedYaml } from '../yaml/parse';
import { contentEnd, edit, eolOf, lineEndOf, lineStartOf } from './text';

/** The new value: text for the key's own line, or lines (already indented) for below the key. */
export type ValueText = { inline: string } | { block: string[] };

type Ranged = { range?: [number, number, number] | null };

/** The edit giving `pair` the value; a comment on the key's line stays where it is. */
export function setPairValue(yaml: ParsedYaml, pair: Pair<unknown, unknown>, value: ValueText): TextEdit | undefined {
  const text = yaml.text;
  const keyEnd = (pair.key as Ranged | null)?.range?.[1];
  if (keyEnd === undefined) return undefined;
  const colon = text.indexOf(':', keyEnd);
  if (colon === -1) return undefined;
  const keyLineEnd = lineEndOf(text, colon);
  const eol = eolOf(text);
  const below = 'block' in value ? eol + value.block.join(eol) : '';
  const node = pair.value as Ranged | null;
  // A value with text of its own (`~`, `null`, a scalar, a collection); an empty value has an empty range.
  const r = node?.range && node.range[1] > node.range[0] ? node.range : undefined;
  if (!r) {
    return 'inline' in value ? edit(yaml, colon + 1, colon + 1, ` ${value.inline}`) : edit(yaml, keyLineEnd, keyLineEnd, below);
  }
  const end = contentEnd(text, node!, r[0]);
  const keyLineRest = (from: number) => text.slice(from, keyLineEnd);
  if (r[0] <= keyLineEnd && end <= keyLineEnd) {
    // `key: ~   # note` → `key: value   # note`, or `key:   # note` and the lines below.
    return 'inline' in value ? edit(yaml, r[0], r[1], value.inline) : edit(yaml, colon + 1, keyLineEnd, keyLineRest(r[1]) + below);
  }
  if (r[0] > keyLineEnd) {
    // A block collection below the key: its lines go, the key's line (and its comment) stays.
    return 'inline' in value
      ? edit(yaml, colon + 1, end, ` ${value.inline}${keyLineRest(colon + 1)}`)
      : edit(yaml, lineStartOf(text, r[0]), end, value.block.join(eol));
  }
  // Starts on the key's line and runs on (a block scalar, a multi-line flow collection).
  return 'inline' in value ? edit(yaml, r[0], end, value.inline) : edit(yaml, colon + 1, end, below);
}
