// What `lint` produces for each input, before formatting.
import type { Finding } from '../engine/types';

export interface FileResult {
  /** As shown to users: relative to the working directory, or the Helm template name. */
  path: string;
  findings: Finding[];
}

export interface Totals {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
}

export function totalsOf(results: readonly FileResult[]): Totals {
  const t: Totals = { files: results.length, errors: 0, warnings: 0, infos: 0, hints: 0 };
  for (const r of results) {
    for (const f of r.findings) {
      if (f.severity === 'error') t.errors++;
      else if (f.severity === 'warning') t.warnings++;
      else if (f.severity === 'info') t.infos++;
      else t.hints++;
    }
  }
  return t;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The one-line summary every format ends with (on stdout for text, on stderr otherwise). */
export function summaryLine(t: Totals): string {
  const problems = t.errors + t.warnings + t.infos + t.hints;
  if (problems === 0) return `No problems in ${plural(t.files, 'file')}.`;
  const parts = [plural(t.errors, 'error'), plural(t.warnings, 'warning')];
  if (t.infos) parts.push(`${t.infos} info`);
  if (t.hints) parts.push(plural(t.hints, 'hint'));
  return `${plural(problems, 'problem')} (${parts.join(', ')}) in ${plural(t.files, 'file')}.`;
}
