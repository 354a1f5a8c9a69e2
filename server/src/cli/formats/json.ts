// The machine contract (ARCHITECTURE.md#contracts): LSP 0-based positions, severities error|warning|info|hint.
import type { FileResult } from '../results';

export function formatJson(results: readonly FileResult[]): string {
  const files = results.map((r) => ({
    path: r.path,
    diagnostics: r.findings.map((f) => ({ code: f.ruleId, severity: f.severity, message: f.message, range: f.range })),
  }));
  return JSON.stringify({ files }, null, 2) + '\n';
}
