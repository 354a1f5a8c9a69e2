// What `lint` produces for each input, before formatting.
import type { Finding } from '../engine/types';

export interface FileResult {
  /** As shown to users: relative to the working directory, or "<Helm template> (rendered)". */
  path: string;
  findings: Finding[];
  /**
   * Set for a Helm-rendered template: its findings' lines count from their document's `# Source:` comment,
   * which is `documentLines[i]` lines into the input (`inputPath`) for `findings[i]`. See helm.ts.
   */
  rendered?: {
    inputPath: string;
    documentLines: number[];
    /**
     * The chart was rendered by `lint` itself: no file holds the rendered text, so formats that annotate files
     * put each finding on this template file (line 1), naming the rendered line in the message.
     */
    templateFile?: string;
  };
}

export interface Totals {
  files: number;
  /** Files with at least one finding; the summary says "in 6 of 15 files" rather than imply all 15. */
  filesWithProblems: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** Helm charts left unlinted (no helm, or helm failed): each had its note on stderr. */
  chartsNotLinted?: number;
}

export const emptyTotals = (): Totals => ({ files: 0, filesWithProblems: 0, errors: 0, warnings: 0, infos: 0, hints: 0 });

/** Counts one more file result into `t` (lint keeps the totals, never the results). */
export function addTotals(t: Totals, r: FileResult): void {
  t.files++;
  if (r.findings.length > 0) t.filesWithProblems++;
  for (const f of r.findings) {
    if (f.severity === 'error') t.errors++;
    else if (f.severity === 'warning') t.warnings++;
    else if (f.severity === 'info') t.infos++;
    else t.hints++;
  }
}

export function totalsOf(results: readonly FileResult[]): Totals {
  const t = emptyTotals();
  for (const r of results) addTotals(t, r);
  return t;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The one-line summary every format ends with (on stdout for text, on stderr otherwise). */
export function summaryLine(t: Totals): string {
  const problems = t.errors + t.warnings + t.infos + t.hints;
  const charts = t.chartsNotLinted ? `${plural(t.chartsNotLinted, 'Helm chart')} not linted (see the note${t.chartsNotLinted === 1 ? '' : 's'} above).` : '';
  // Not an error: linting a folder that happens to hold no YAML (docs/, say) should not fail a build.
  if (t.files === 0) return charts ? `No files checked: ${charts}` : 'No YAML files found to check (.yaml, .yml).';
  if (problems === 0) return `No problems in ${plural(t.files, 'file')}.${charts && ` ${charts}`}`;
  const parts = [plural(t.errors, 'error'), plural(t.warnings, 'warning')];
  if (t.infos) parts.push(`${t.infos} info`);
  if (t.hints) parts.push(plural(t.hints, 'hint'));
  const where = t.filesWithProblems < t.files ? `${t.filesWithProblems} of ${plural(t.files, 'file')}` : plural(t.files, 'file');
  return `${plural(problems, 'problem')} (${parts.join(', ')}) in ${where}.${charts && ` ${charts}`}`;
}
