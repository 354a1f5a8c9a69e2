// GitHub Actions workflow commands (`::error file=…,line=…::message`), 1-based, which GitHub shows as
// annotations on the pull request. Escaping per actions/toolkit `packages/core/src/command.ts`.
import type { Severity } from '../../engine/types';
import { inputLocation } from '../helm';
import type { FileResult } from '../results';
import { collect, type FormatWriter } from './writer';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubWriter(write: (s: string) => void): FormatWriter {
  return {
    file(r) {
      let out = '';
      r.findings.forEach((f, i) => {
        // Helm-rendered findings annotate the rendered input, never a line of the template file.
        const at = inputLocation(r, i);
        const props = [
          `file=${escapeProperty(at.path.split('\\').join('/'))}`,
          `line=${at.range.start.line + 1}`,
          `col=${at.range.start.character + 1}`,
          `endLine=${at.range.end.line + 1}`,
          `endColumn=${at.range.end.character + 1}`,
          `title=${escapeProperty(`criu-portability ${f.ruleId}${at.template ? ` in ${at.template}` : ''}`)}`,
        ];
        out += `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(at.message)}\n`;
      });
      if (out) write(out);
    },
    end() {},
  };
}

export const formatGithub = (results: readonly FileResult[]): string => collect(githubWriter, results);
