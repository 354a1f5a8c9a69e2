// One hostile case in a process of its own, with the language server's heap flags (the parent passes them): validate,
// check every range lies inside the document, apply the fixes of a sample of findings and re-parse, and print the
// result with the process's peak RSS as one JSON line.
import { analyze, manifestFixes, validate, type TextEdit } from '../../server/src/engine';
import { kubeFixes } from '../../server/src/engine/rules/kube';
import { hostileCases } from './cases';
import { applyEdits } from '../helpers/fixes';

const [name, scaleArg] = process.argv.slice(2);
const c = hostileCases(Number(scaleArg)).find((x) => x.name === name);
if (!c) throw new Error(`no case ${name}`);
const started = performance.now();
const analysis = analyze(c.uri, c.text);
const findings = validate(analysis);
const ms = performance.now() - started;
const lines = analysis.yaml.lineCounter.lineStarts;
const lineLength = (l: number) => (l + 1 < lines.length ? lines[l + 1] - 1 : c.text.length) - lines[l];
const inside = (p: { line: number; character: number }) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lineLength(p.line);
const outside = findings.filter((f) => !inside(f.range.start) || !inside(f.range.end)).map((f) => `${f.ruleId} ${JSON.stringify(f.range)}`);
// Fixes of the first findings of each rule: the edits stay inside the document and the result parses.
const brokenFixes: string[] = [];
const seen = new Map<string, number>();
for (const f of findings) {
  const n = seen.get(f.ruleId) ?? 0;
  if (n >= 3) continue;
  seen.set(f.ruleId, n + 1);
  for (const fix of [...manifestFixes(analysis, f), ...kubeFixes(analysis, f, undefined)]) {
    // Garbage of the previous re-parse goes first: the peak is of one analysis beside the original, not of all.
    (globalThis as { gc?: () => void }).gc?.();
    const bad = fix.edits.filter((e: TextEdit) => !inside(e.range.start) || !inside(e.range.end));
    if (bad.length) brokenFixes.push(`${fix.title}: edit outside the document`);
    else if (analyze(c.uri, applyEdits(c.text, fix.edits)).yaml.errors.length) brokenFixes.push(`${fix.title}: YAML error after the fix`);
  }
}
console.log(JSON.stringify({ findings: findings.length, rules: [...new Set(findings.map((f) => f.ruleId))], outside: outside.slice(0, 5), brokenFixes, ms: Math.round(ms), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
