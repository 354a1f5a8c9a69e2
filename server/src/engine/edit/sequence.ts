// Removing items from YAML sequences without leaving dangling commas, blank lines or an empty key: flow
// sequences `[a, b, c]` lose the item and one neighbouring comma; block sequences lose the item's lines
// (comments on other lines stay); a sequence left empty becomes `[]`, or its key goes when the map has others.
import type { Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { TextEdit } from '../types';
import type { ParsedYaml } from '../yaml/parse';
import { contentEnd, edit, lineStartOf, nextLineStart } from './text';
import { removePair } from './map';

export interface SeqLocation {
  seq: YAMLSeq<unknown>;
  /** The pair whose value the sequence is, and the map holding it (to drop the key when emptied). */
  pair?: Pair<unknown, unknown>;
  parent?: YAMLMap<unknown, unknown>;
}

type Ranged = { range?: [number, number, number] | null };

/** Edits removing the items at `indices` (indices into seq.items). */
export function removeSeqItems(yaml: ParsedYaml, where: SeqLocation, indices: readonly number[]): TextEdit[] {
  const { seq } = where;
  const remove = new Set(indices.filter((i) => i >= 0 && i < seq.items.length));
  if (remove.size === 0) return [];
  if (remove.size === seq.items.length) return emptySequence(yaml, where);
  return seq.flow ? removeFlowItems(yaml, seq, remove) : removeBlockItems(yaml, seq, remove);
}

function removeFlowItems(yaml: ParsedYaml, seq: YAMLSeq<unknown>, remove: Set<number>): TextEdit[] {
  const items = seq.items as Ranged[];
  const edits: TextEdit[] = [];
  // Each maximal run of removed items goes with the comma after it, or before it when it ends the list.
  for (let i = 0; i < items.length; i++) {
    if (!remove.has(i)) continue;
    let j = i;
    while (j + 1 < items.length && remove.has(j + 1)) j++;
    const first = items[i].range!;
    const last = items[j].range!;
    if (j + 1 < items.length) edits.push(edit(yaml, first[0], items[j + 1].range![0], ''));
    else edits.push(edit(yaml, items[i - 1].range![1], last[1], ''));
    i = j;
  }
  return edits;
}

function removeBlockItems(yaml: ParsedYaml, seq: YAMLSeq<unknown>, remove: Set<number>): TextEdit[] {
  const text = yaml.text;
  const items = seq.items as Ranged[];
  const edits: TextEdit[] = [];
  for (const i of [...remove].sort((a, b) => a - b)) {
    const r = items[i].range!;
    const start = lineStartOf(text, r[0]);
    const end = nextLineStart(text, contentEnd(text, items[i], r[0]));
    edits.push(edit(yaml, start, end, ''));
  }
  return edits;
}

function emptySequence(yaml: ParsedYaml, where: SeqLocation): TextEdit[] {
  const { seq, pair, parent } = where;
  if (pair && parent && parent.items.length > 1) return [removePair(yaml, parent, pair)];
  if (seq.flow) return [edit(yaml, seq.range![0], seq.range![1], '[]')];
  // Block: `key:\n  - a\n  - b` → `key: []`, keeping a comment on the key's line.
  const keyEnd = (pair?.key as Ranged | undefined)?.range?.[1];
  const colon = keyEnd !== undefined ? yaml.text.indexOf(':', keyEnd) : -1;
  const end = contentEnd(yaml.text, seq, seq.range![0]);
  if (colon === -1) return [edit(yaml, seq.range![0], end, '[]')];
  const lineEnd = yaml.text.slice(colon + 1).search(/\r?\n/);
  const keyLineRest = lineEnd === -1 ? '' : yaml.text.slice(colon + 1, colon + 1 + lineEnd);
  const comment = /#.*/.exec(keyLineRest)?.[0];
  return [edit(yaml, colon + 1, end, comment ? ` [] ${comment}` : ' []')];
}
