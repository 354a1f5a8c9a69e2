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
  rendered?: { inputPath: string; documentLines: number[] };
}

export interface Totals {
  files: number;
  /** Files with at least one finding; the summary says "in 6 of 15 files" rather than imply all 15. */
  filesWithProblems: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
}

export function totalsOf(results: readonly FileResult[]): Totals {
  const t: Totals = { files: results.length, filesWithProblems: 0, errors: 0, warnings: 0, infos: 0, hints: 0 };
  for (const r of results) {
    if (r.findings.length > 0) t.filesWithProblems++;
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
  // Not an error: linting a folder that happens to hold no YAML (docs/, say) should not fail a build.
  if (t.files === 0) return 'No YAML files found to check (.yaml, .yml).';
  if (problems === 0) return `No problems in ${plural(t.files, 'file')}.`;
  const parts = [plural(t.errors, 'error'), plural(t.warnings, 'warning')];
  if (t.infos) parts.push(`${t.infos} info`);
  if (t.hints) parts.push(plural(t.hints, 'hint'));
  const where = t.filesWithProblems < t.files ? `${t.filesWithProblems} of ${plural(t.files, 'file')}` : plural(t.files, 'file');
  return `${plural(problems, 'problem')} (${parts.join(', ')}) in ${where}.`;
}
