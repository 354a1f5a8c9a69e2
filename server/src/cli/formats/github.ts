// GitHub Actions workflow commands (`::error file=…,line=…::message`), 1-based, which GitHub shows as
// annotations on the pull request. Escaping per actions/toolkit `packages/core/src/command.ts`.
import type { Severity } from '../../engine/types';
import type { FileResult } from '../results';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(results: readonly FileResult[]): string {
  let out = '';
  for (const r of results) {
    const file = r.path.split('\\').join('/');
    for (const f of r.findings) {
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${f.range.start.line + 1}`,
        `col=${f.range.start.character + 1}`,
        `endLine=${f.range.end.line + 1}`,
        `endColumn=${f.range.end.character + 1}`,
        `title=${escapeProperty(`criu-portability ${f.ruleId}`)}`,
      ];
      out += `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`;
    }
  }
  return out;
}
