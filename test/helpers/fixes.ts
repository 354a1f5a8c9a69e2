// Engine-level helpers for fix tests: validate, apply a Fix's edits to text, and compare findings.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, manifestFixes, validate, type Finding, type Fix, type TextEdit } from '../../server/src/engine';

export function findings(uri: string, text: string): Finding[] {
  return validate(analyze(uri, text));
}

/** Applies LSP-style edits (non-overlapping, any order) to text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const doc = TextDocument.create('file:///x', 'yaml', 0, text);
  return TextDocument.applyEdits(doc, edits as TextEdit[]);
}

export function fixesFor(uri: string, text: string, ruleId: string): { finding: Finding; fixes: Fix[] }[] {
  const analysis = analyze(uri, text);
  return validate(analysis)
    .filter((f) => f.ruleId === ruleId)
    .map((finding) => ({ finding, fixes: manifestFixes(analysis, finding) }));
}

/** A finding's identity for before/after comparison: rule and message (positions move when lines do). */
export function key(f: Finding): string {
  return `${f.ruleId}: ${f.message.replace(/line \d+/g, 'line N')}`;
}
