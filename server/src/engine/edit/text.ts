// Text-level helpers for fixes: offsets and lines of the source, the document's indentation unit, and scalar
// rendering that keeps the quoting style of the value it replaces. Edits are computed on the original text so
// comments, key order and layout outside the edited span stay as the user wrote them.
import { isScalar, Scalar } from 'yaml';
import type { TextEdit } from '../types';
import type { ParsedYaml } from '../yaml/parse';

export function edit(yaml: ParsedYaml, start: number, end: number, newText: string): TextEdit {
  return { range: yaml.range(start, end), newText };
}

/** LSP position → source offset. */
export function offsetAt(yaml: ParsedYaml, pos: { line: number; character: number }): number {
  const starts = yaml.lineCounter.lineStarts;
  if (pos.line >= starts.length) return yaml.text.length;
  return Math.min(starts[Math.max(0, pos.line)] + pos.character, yaml.text.length);
}

/** LSP position → source offset for navigation and hovers: undefined on a line the text does not have (no clamping). */
export function offsetOnLine(yaml: ParsedYaml, pos: { line: number; character: number }): number | undefined {
  const starts = yaml.lineCounter.lineStarts;
  if (pos.line < 0 || pos.line >= starts.length) return undefined;
  return starts[pos.line] + pos.character;
}

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line break ending the line of `offset` (or the end of the text). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** Offset of the line break ending the line of `offset` (before `\r\n`), or the end of the text. */
export function lineEndOf(text: string, offset: number): number {
  let nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  if (nl > 0 && text[nl - 1] === '\r') nl--;
  return nl;
}

export function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/**
 * The end of a node's last content line: node ranges may run on over trailing blank and comment-only lines
 * that belong to whatever follows, so walk back over those.
 */
export function contentEnd(text: string, node: { range?: [number, number, number] | null }, floor = 0): number {
  let pos = node.range ? node.range[1] : floor;
  for (;;) {
    while (pos > floor && /\s/.test(text[pos - 1])) pos--;
    const ls = lineStartOf(text, pos);
    const line = text.slice(ls, pos).trim();
    if (ls > floor && line.startsWith('#')) {
      pos = ls;
      continue;
    }
    return pos;
  }
}

/**
 * The indentation step the document uses (2 or 4, else whatever it uses): the smallest positive increase of
 * indentation from a line to the next content line.
 */
export function indentUnit(text: string): number {
  let prev = -1;
  let best = 0;
  let scanned = 0;
  for (const raw of text.split('\n')) {
    if (++scanned > 400) break; // the first few hundred lines say enough
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (prev >= 0 && indent > prev) {
      const step = indent - prev;
      if (best === 0 || step < best) best = step;
    }
    // `- key: v` opens a map whose keys sit after the dash: its next lines align with the key, not the dash.
    const dash = /^(\s*-\s+)\S/.exec(line);
    prev = dash ? dash[1].length : indent;
  }
  return best > 0 && best <= 8 ? best : 2;
}

/** Renders a scalar value in the style of `like` (plain, 'single' or "double" quoted). */
export function renderScalar(value: string, like?: unknown, inFlow = true): string {
  const type = isScalar(like) ? (like as Scalar).type : undefined;
  if (type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  if (type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  return plainSafe(value, inFlow) ? value : JSON.stringify(value);
}

/** Plain scalars that read back as the same string (commas and brackets only matter inside flow collections). */
export function plainSafe(value: string, inFlow = true): boolean {
  if (value === '' || /^[\s]|[\s]$/.test(value)) return false;
  // A line break would end the value (and start a key: YAML injection); other control characters are not printable.
  if (/[\x00-\x1f\x7f\x85\u2028\u2029\ufeff]/.test(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return false;
  if (/: |:$| #/.test(value) || (inFlow && /[,[\]{}]/.test(value))) return false;
  if (/^(true|false|null|yes|no|on|off|~|[-+]?[\d.]+(e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+)$/i.test(value)) return false;
  return true;
}
