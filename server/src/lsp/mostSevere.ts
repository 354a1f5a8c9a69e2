// Which findings reach the editor when a file has more than it shows (boundedDiagnostics.ts says why): the most
// severe, then in file order. No LSP import: the validation worker applies it before sending its results, so that
// a file's hundreds of thousands of findings are never copied between threads.
import type { Finding, Severity } from '../engine/types';

const ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** At most `max` findings, the most severe first and in file order within a severity; `hidden` counts the rest. */
export function mostSevere(findings: readonly Finding[], max: number): { shown: Finding[]; hidden: number } {
  if (findings.length <= max) return { shown: [...findings], hidden: 0 };
  // One pass per severity rather than sorting a copy: memory stays at `max`, whatever the count.
  const shown: Finding[] = [];
  for (const severity of ORDER) {
    for (const f of findings) {
      if (shown.length === max) return { shown, hidden: findings.length - max };
      if (f.severity === severity) shown.push(f);
    }
  }
  return { shown, hidden: findings.length - shown.length };
}
