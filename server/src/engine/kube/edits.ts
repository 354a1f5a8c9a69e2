// Text edits into YAML that keep comments and indentation: new entries go after the last line of a block
// collection at its own indentation; flow collections (`[a, b]`, `{}`) get flow text before their closer.
import { isMap, isPair, isScalar, isSeq, visit, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from '../types';
import type { ParsedYaml } from '../yaml/parse';
import { renderScalar } from '../edit/text';
import { setPairValue } from '../edit/value';
import { getPair } from '../yaml/nodes';

export type Value = string | number | boolean | Value[] | { [k: string]: Value };

/** How a document lays out block sequences of maps: dash column minus its key's column, content column minus dash column. */
export interface SeqStyle {
  seq: number;
  item: number;
}

const DEFAULT_STYLE: SeqStyle = { seq: 2, item: 2 };

// The dominant layout of a parsed text's block sequences, computed once per parse.
const documentStyles = new WeakMap<ParsedYaml, SeqStyle>();

export class EditBuilder {
  readonly edits: TextEdit[] = [];
  readonly eol: string;

  constructor(readonly yaml: ParsedYaml) {
    this.eol = yaml.text.includes('\r\n') ? '\r\n' : '\n';
  }

  /**
   * Add `key: value` entries to a map. A key already there is merged into (a map or list it holds) or given the
   * value (when it holds nothing, `~`, `null`, only a comment, or a value of the wrong kind): never written twice.
   */
  addToMap(map: YAMLMap<unknown, unknown>, given: Record<string, Value>): void {
    const entries = this.newKeys(map, given);
    if (Object.keys(entries).length === 0) return;
    if (map.flow || map.items.length === 0) {
      this.flowInsert(map as unknown as Node, Object.entries(entries).map(([k, v]) => `${scalar(k)}: ${flow(v)}`), map.items.length > 0);
      return;
    }
    const first = map.items[0].key as Node;
    const indent = this.column(first.range![0]);
    const style = this.mapStyle(map, indent);
    const lines: string[] = [];
    for (const [k, v] of Object.entries(entries)) lines.push(...entryLines(k, v, indent, style));
    this.insertAfter(map as unknown as Node, lines);
  }

  /**
   * Add entries right after the map's first entry, when that entry is a one-line scalar (a container's `name:`);
   * else at the end like addToMap. For a fix whose other inserts already take the end of the map.
   */
  addAfterFirstEntry(map: YAMLMap<unknown, unknown>, given: Record<string, Value>): void {
    const entries = this.newKeys(map, given);
    if (Object.keys(entries).length === 0) return;
    const first = map.items[0];
    const value = first?.value as Node | null | undefined;
    if (map.flow || !first || !isScalar(value) || !value.range || this.yaml.pos(value.range[0]).line !== this.yaml.pos(value.range[1]).line) {
      this.addToMap(map, entries);
      return;
    }
    const indent = this.column((first.key as Node).range![0]);
    const style = this.mapStyle(map, indent);
    const lines: string[] = [];
    for (const [k, v] of Object.entries(entries)) lines.push(...entryLines(k, v, indent, style));
    this.insertAfter(value, lines);
  }

  /** Append items to a sequence; new string items are quoted like the existing first item. */
  addToSeq(seq: YAMLSeq<unknown>, items: Value[]): void {
    const like = seq.items[0];
    if (seq.flow || seq.items.length === 0) {
      this.flowInsert(seq as unknown as Node, items.map((v) => (typeof v === 'string' ? renderScalar(v, like, true) : flow(v))), seq.items.length > 0);
      return;
    }
    const firstItem = seq.items[0] as Node;
    const dash = this.text.lastIndexOf('-', firstItem.range![0]);
    const indent = this.column(dash);
    const base = this.documentStyle();
    const style = { ...base, item: this.itemOffset(seq) ?? base.item };
    const lines: string[] = [];
    for (const item of items) {
      if (typeof item === 'string') lines.push(`${' '.repeat(indent)}- ${renderScalar(item, like, false)}`);
      else lines.push(...itemLines(item, indent, style));
    }
    this.insertAfter(seq as unknown as Node, lines);
  }

  /** Gives the keys the map already has their value (setValue); returns the entries still to write. */
  private newKeys(map: YAMLMap<unknown, unknown>, given: Record<string, Value>): Record<string, Value> {
    const entries: Record<string, Value> = {};
    for (const [k, v] of Object.entries(given)) {
      const pair = getPair(map, k);
      if (pair) this.setValue(map, pair, k, v);
      else entries[k] = v;
    }
    return entries;
  }

  private setValue(map: YAMLMap<unknown, unknown>, pair: Pair<unknown, unknown>, key: string, v: Value): void {
    const cur = pair.value;
    const isObject = typeof v === 'object' && !Array.isArray(v);
    if (isMap(cur) && isObject) return this.addToMap(cur as YAMLMap<unknown, unknown>, v);
    if (isSeq(cur) && Array.isArray(v)) return this.addToSeq(cur as YAMLSeq<unknown>, v);
    const inline = map.flow || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => typeof x !== 'object'));
    const column = this.column((pair.key as Node).range![0]);
    const e = setPairValue(this.yaml, pair, inline ? { inline: flow(v) } : { block: entryLines(key, v, column, this.mapStyle(map, column)).slice(1) });
    if (e) this.edits.push(e);
  }

  /** Replace a scalar's text, keeping its quoting style. */
  replaceScalar(node: Scalar, value: string): void {
    const [s, e] = node.range!;
    const raw = this.text.slice(s, e);
    const q = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
    const text = q === '"' ? JSON.stringify(value) : q === "'" ? `'${value.replace(/'/g, "''")}'` : scalar(value);
    this.edits.push({ range: this.yaml.range(s, e), newText: text });
  }

  replaceSpan(span: [number, number], text: string): void {
    this.edits.push({ range: this.yaml.range(span[0], span[1]), newText: text });
  }

  /** Delete the whole lines a span covers (a map entry). */
  deleteLines(span: [number, number]): void {
    const start = this.text.lastIndexOf('\n', span[0] - 1) + 1;
    let end = this.text.indexOf('\n', span[1]);
    end = end === -1 ? this.text.length : end + 1;
    this.edits.push({ range: this.yaml.range(start, end), newText: '' });
  }

  get text(): string {
    return this.yaml.text;
  }

  private column(offset: number): number {
    return this.yaml.pos(offset).character;
  }

  /**
   * The layout of the map's first block sequence of values (e.g. a node selector term's `matchFields`), so a
   * sibling written next to it lines up; the document's dominant layout when the map has none.
   */
  private mapStyle(map: YAMLMap<unknown, unknown>, keyColumn: number): SeqStyle {
    for (const pair of map.items) {
      const style = this.seqStyle(pair.value, keyColumn);
      if (style) return style;
    }
    return this.documentStyle();
  }

  /** Layout of a block sequence that is the value of a key at keyColumn. */
  private seqStyle(seq: unknown, keyColumn: number): SeqStyle | undefined {
    if (!isSeq(seq) || seq.flow || seq.items.length === 0 || !(seq.items[0] as Node | null)?.range) return undefined;
    const dash = this.text.lastIndexOf('-', (seq.items[0] as Node).range![0]);
    const seqOffset = this.column(dash) - keyColumn;
    if (seqOffset < 0) return undefined;
    return { seq: seqOffset, item: this.itemOffset(seq) ?? DEFAULT_STYLE.item };
  }

  /**
   * The most common layout of the document's block sequences under keys (`containers:` then `- name` at the key's
   * column is `seq: 0`), so a sequence created from nothing looks like the others; the default when there are none.
   */
  private documentStyle(): SeqStyle {
    let style = documentStyles.get(this.yaml);
    if (style) return style;
    const seqCounts = new Map<number, number>();
    const itemCounts = new Map<number, number>();
    for (const doc of this.yaml.documents) {
      visit(doc, {
        Pair: (_k, pair) => {
          const key = pair.key as Node | null;
          if (!isPair(pair) || !key?.range) return;
          const s = this.seqStyle(pair.value, this.column(key.range[0]));
          if (!s) return;
          seqCounts.set(s.seq, (seqCounts.get(s.seq) ?? 0) + 1);
          if (isMap((pair.value as YAMLSeq<unknown>).items[0])) itemCounts.set(s.item, (itemCounts.get(s.item) ?? 0) + 1);
        },
      });
    }
    style = { seq: mostCommon(seqCounts) ?? DEFAULT_STYLE.seq, item: mostCommon(itemCounts) ?? DEFAULT_STYLE.item };
    documentStyles.set(this.yaml, style);
    return style;
  }

  /** Content column minus dash column of a block sequence's first item (`- key` is 2, `-   key` is 4). */
  private itemOffset(seq: YAMLSeq<unknown>): number | undefined {
    const first = seq.items[0] as Node | null;
    if (!first?.range) return undefined;
    const dash = this.text.lastIndexOf('-', first.range[0]);
    const start = isMap(first) && first.items[0] ? (first.items[0].key as Node | null)?.range?.[0] : first.range[0];
    if (start === undefined || this.yaml.pos(start).line !== this.yaml.pos(dash).line) return undefined;
    const offset = this.column(start) - this.column(dash);
    return offset >= 2 ? offset : undefined;
  }

  /** Insert lines after the last non-blank character of a block node, at the end of that line. */
  private insertAfter(node: Node, lines: string[]): void {
    let end = node.range![1];
    while (end > 0 && /\s/.test(this.text[end - 1])) end--;
    let eolAt = this.text.indexOf('\n', end);
    if (eolAt === -1) eolAt = this.text.length;
    if (eolAt > 0 && this.text[eolAt - 1] === '\r') eolAt--;
    const at = this.yaml.pos(eolAt);
    this.edits.push({ range: { start: at, end: at }, newText: lines.map((l) => this.eol + l).join('') });
  }

  /**
   * Insert items into a flow collection: before its closer, or right after its last item (its opener when empty)
   * when the closer is alone on its line (that line may sit at the parent key's column, where flow content cannot
   * go) or a trailing comma follows the last item (which then separates the new ones).
   */
  private flowInsert(node: Node, parts: string[], nonEmpty: boolean): void {
    const [s, e] = node.range!;
    const slice = this.text.slice(s, e);
    const closer = Math.max(slice.lastIndexOf(']'), slice.lastIndexOf('}'));
    if (closer === -1) return;
    const closerAt = s + closer;
    const after = lastItemEnd(node) ?? s + 1;
    const comma = /^\s*,/.exec(this.text.slice(after, closerAt));
    const ownLine = this.text.slice(this.text.lastIndexOf('\n', closerAt - 1) + 1, closerAt).trim() === '';
    const offset = comma ? after + comma[0].length : ownLine ? after : closerAt;
    const sep = !nonEmpty ? '' : comma ? ' ' : ', ';
    const at = this.yaml.pos(offset);
    this.edits.push({ range: { start: at, end: at }, newText: sep + parts.join(', ') });
  }
}

/** Where a collection's last item ends (a pair's value, else its key); undefined when it has none. */
function lastItemEnd(node: Node): number | undefined {
  const items = (node as unknown as { items: unknown[] }).items;
  const last = items[items.length - 1];
  const ends = (isPair(last) ? [last.key, last.value] : [last]).map((n) => (n as Node | null)?.range?.[1]).filter((end): end is number => end !== undefined);
  return ends.length ? Math.max(...ends) : undefined;
}

/** The value counted most often (the smaller one on a tie, for a stable answer). */
function mostCommon(counts: Map<number, number>): number | undefined {
  let best: number | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)! || (n === counts.get(best) && v < best)) best = v;
  return best;
}

const PLAIN = /^[A-Za-z0-9_./-][A-Za-z0-9_./ =+-]*$/;
const NEEDS_QUOTES = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

export function scalar(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  if (v === '' || NEEDS_QUOTES.test(v) || /^[\d.+-]/.test(v) && !isNaN(Number(v)) || !PLAIN.test(v) || v.endsWith(' ')) return JSON.stringify(v);
  return v;
}

function flow(v: Value): string {
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  if (typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${scalar(k)}: ${flow(x)}`).join(', ')} }`;
  return scalar(v);
}

/** Block lines of `key: value` at an indentation (nested maps 2 deeper; sequences as the style says). */
export function entryLines(key: string, v: Value, indent: number, style: SeqStyle = DEFAULT_STYLE): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object')) return [`${pad}${scalar(key)}: ${flow(v)}`];
    return [`${pad}${scalar(key)}:`, ...v.flatMap((x) => itemLines(x, indent + style.seq, style))];
  }
  if (typeof v === 'object') return [`${pad}${scalar(key)}:`, ...Object.entries(v).flatMap(([k, x]) => entryLines(k, x, indent + 2, style))];
  return [`${pad}${scalar(key)}: ${scalar(v)}`];
}

/** Block lines of a sequence item whose dash sits at an indentation. */
export function itemLines(v: Value, indent: number, style: SeqStyle = DEFAULT_STYLE): string[] {
  const pad = ' '.repeat(indent);
  if (typeof v === 'object' && !Array.isArray(v)) {
    const content = indent + style.item;
    const inner = Object.entries(v).flatMap(([k, x]) => entryLines(k, x, content, style));
    return inner.length ? [`${pad}-${' '.repeat(style.item - 1)}${inner[0].slice(content)}`, ...inner.slice(1)] : [`${pad}- {}`];
  }
  return [`${pad}- ${flow(v)}`];
}

export function isCollection(n: unknown): n is YAMLMap<unknown, unknown> | YAMLSeq<unknown> {
  return isMap(n) || isSeq(n);
}
