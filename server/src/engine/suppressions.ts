// `# criu-portability-disable-next-line <id>[, <id>]` comments (DESIGN §5), in both file kinds.
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
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const m = DIRECTIVE.exec(line);
    if (!m) return;
    const start = m.index + m[1].length;
    const ids = m[2].split(/[\s,]+/).filter(Boolean);
    out.push({ line: index, ids, range: { start: { line: index, character: start }, end: { line: index, character: line.replace(/\r$/, '').length } } });
  });
  return out;
}
