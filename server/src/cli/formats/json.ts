// The machine contract (ARCHITECTURE.md#contracts): `{"files":[{"path","diagnostics":[{code,severity,message,range}]}]}`,
// LSP 0-based positions, severities error|warning|info|hint. Written file by file, byte for byte what
// `JSON.stringify({ files }, null, 2)` would print.
import type { FileResult } from '../results';
import { collect, nestedJson, type FormatWriter } from './writer';

export function jsonWriter(write: (s: string) => void): FormatWriter {
  let first = true;
  return {
    file(r) {
      const entry = { path: r.path, diagnostics: r.findings.map((f) => ({ code: f.ruleId, severity: f.severity, message: f.message, range: f.range })) };
      write(`${first ? '{\n  "files": [\n' : ',\n'}${nestedJson(entry, 2)}`);
      first = false;
    },
    end() {
      write(first ? '{\n  "files": []\n}\n' : '\n  ]\n}\n');
    },
  };
}

export const formatJson = (results: readonly FileResult[]): string => collect(jsonWriter, results);
