// JVM option strings inside env values: split like a shell word list would be (quotes group, repeated spaces
// collapse), with source offsets so diagnostics point at the option. `$(VAR)` references are left alone.
import type { Scalar } from 'yaml';

export interface JvmToken {
  /** The option with quotes removed. */
  text: string;
  /** [start, end) in the document source. */
  span: [number, number];
  /** A `$(VAR)` reference or a token containing one: never checked. */
  dynamic: boolean;
}

export function tokenize(value: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /\s/.test(value[i])) i++;
    if (i >= value.length) break;
    const start = i;
    let text = '';
    let quote: string | undefined;
    for (; i < value.length; i++) {
      const ch = value[i];
      if (quote) {
        if (ch === quote) quote = undefined;
        else text += ch;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (/\s/.test(ch)) break;
      else text += ch;
    }
    out.push({ text, start, end: i });
  }
  return out;
}

/** Tokens of a scalar's value, located in the source (exactly for plain and simple quoted scalars, else the whole scalar). */
export function scalarTokens(scalar: Scalar, source: string): JvmToken[] {
  const value = typeof scalar.value === 'string' ? scalar.value : undefined;
  const range = scalar.range;
  if (value === undefined || !range) return [];
  const raw = source.slice(range[0], range[1]);
  const quoted = raw.startsWith('"') || raw.startsWith("'");
  const inner = quoted ? raw.slice(1, raw.endsWith(raw[0]) ? -1 : undefined) : raw;
  const base = range[0] + (quoted ? 1 : 0);
  const direct = inner === value;
  let searchFrom = 0;
  return tokenize(value).map((t) => {
    let span: [number, number];
    if (direct) span = [base + t.start, base + t.end];
    else {
      const rawToken = value.slice(t.start, t.end);
      const found = inner.indexOf(rawToken, searchFrom);
      if (found === -1) span = [range[0], range[1]];
      else {
        span = [base + found, base + found + rawToken.length];
        searchFrom = found + rawToken.length;
      }
    }
    return { text: t.text, span, dynamic: t.text.includes('$(') || t.text.includes('${') };
  });
}
