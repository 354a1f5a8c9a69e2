// `# criu-portability-disable-next-line <id>[, <id>]` comments (docs/kubernetes.md#suppressing), in both file kinds.
import type { Range } from './types';

export interface Suppression {
  /** 0-based line of the comment; it covers findings that start on the next line. */
  line: number;
  ids: string[];
  range: Range;
}

const DIRECTIVE = /(^|\s)#\s*criu-portability-disable-next-line\b[ \t]*([^\r\n#]*)/;

export function findSuppressions(text: string): Suppression[] {
  if (!text.includes('criu-portability-disable-next-line')) return [];
  const out: Suppression[] = [];
  text.split('\n').forEach((line, index) => {
    const s = suppressionOnLine(line, index);
    if (s) out.push(s);
  });
  return out;
}

/** The suppression comment on one line of text (line `index` of its document), if it has one. */
export function suppressionOnLine(line: string, index: number): Suppression | undefined {
  const m = DIRECTIVE.exec(line);
  if (!m) return undefined;
  const start = m.index + m[1].length;
  const ids = m[2].split(/[\s,]+/).filter(Boolean);
  return { line: index, ids, range: { start: { line: index, character: start }, end: { line: index, character: line.replace(/\r$/, '').length } } };
}
