// Stylish-like text (ESLint's default): a block per file, `line:col  severity  message  rule-id`, 1-based.
import type { Severity } from '../../engine/types';
import { paint } from '../color';
import { summaryLine, totalsOf, type FileResult } from '../results';

export function formatText(results: readonly FileResult[], color: boolean): string {
  const p = paint(color);
  const tint: Record<Severity, (s: string) => string> = { error: p.red, warning: p.yellow, info: p.blue, hint: p.dim };
  let out = '';
  for (const r of results) {
    if (r.findings.length === 0) continue;
    const rows = r.findings.map((f) => ({
      pos: `${f.range.start.line + 1}:${f.range.start.character + 1}`,
      severity: f.severity,
      message: f.message,
      rule: f.ruleId,
    }));
    const posWidth = Math.max(...rows.map((row) => row.pos.length));
    out += `${p.underline(r.path)}\n`;
    for (const row of rows) {
      out += `  ${p.dim(row.pos.padEnd(posWidth))}  ${tint[row.severity](row.severity.padEnd(7))}  ${row.message}  ${p.dim(row.rule)}\n`;
    }
    out += '\n';
  }
  const totals = totalsOf(results);
  const line = summaryLine(totals);
  out += `${totals.errors ? p.bold(p.red(line)) : totals.warnings ? p.bold(p.yellow(line)) : line}\n`;
  return out;
}
