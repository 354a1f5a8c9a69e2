// Stylish-like text (ESLint's default): a block per file, `line:col  severity  message  rule-id`, 1-based.
import type { Severity } from '../../engine/types';
import { paint } from '../color';
import { summaryLine, type FileResult } from '../results';
import { collect, type FormatWriter } from './writer';

export function textWriter(write: (s: string) => void, color: boolean): FormatWriter {
  const p = paint(color);
  const tint: Record<Severity, (s: string) => string> = { error: p.red, warning: p.yellow, info: p.blue, hint: p.dim };
  return {
    file(r) {
      if (r.findings.length === 0) return;
      const rows = r.findings.map((f) => ({
        pos: `${f.range.start.line + 1}:${f.range.start.character + 1}`,
        severity: f.severity,
        message: f.message,
        rule: f.ruleId,
      }));
      const posWidth = rows.reduce((w, row) => Math.max(w, row.pos.length), 0);
      let out = `${p.underline(r.path)}\n`;
      for (const row of rows) {
        out += `  ${p.dim(row.pos.padEnd(posWidth))}  ${tint[row.severity](row.severity.padEnd(7))}  ${row.message}  ${p.dim(row.rule)}\n`;
      }
      write(`${out}\n`);
    },
    end(totals) {
      const line = summaryLine(totals);
      write(`${totals.errors ? p.bold(p.red(line)) : totals.warnings ? p.bold(p.yellow(line)) : line}\n`);
    },
  };
}

export const formatText = (results: readonly FileResult[], color: boolean): string => collect((w) => textWriter(w, color), results);
