// The findings the editor shows when a file has more than maxDiagnosticsPerFile: the most severe, in file order
// within a severity (when all fit, file order). The validation worker applies this before sending, so its result must equal a stable sort.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mostSevere } from '../../server/src/lsp/mostSevere';
import type { Finding, Severity } from '../../server/src/engine/types';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
const finding = (severity: Severity, i: number): Finding => ({
  ruleId: `r${i}`,
  severity,
  message: String(i),
  range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } },
});

test('mostSevere equals a stable sort by severity cut at max, and counts the rest', () => {
  const severity = fc.constantFrom<Severity>('error', 'warning', 'info', 'hint');
  fc.assert(
    fc.property(fc.array(severity, { maxLength: 60 }), fc.integer({ min: 0, max: 70 }), (severities, max) => {
      const findings = severities.map(finding);
      const { shown, hidden } = mostSevere(findings, max);
      // All fit: every finding, in file order.
      const expected = findings.length <= max ? findings : [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]).slice(0, max);
      assert.deepEqual(shown, expected);
      assert.equal(hidden, Math.max(0, findings.length - max));
    }),
  );
});
