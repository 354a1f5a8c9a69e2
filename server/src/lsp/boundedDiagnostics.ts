// At most `max` diagnostics per file reach the editor: a generated file can have hundreds of thousands of findings,
// which no one reads in a Problems panel and which cost the editor (and the JSON on the wire) more than the
// validation did. The most severe are kept (then in file order), and one information diagnostic on the first line
// says how many more there are and that the CLI prints them all. The choice is mostSevere.ts.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { SOURCE } from './convert';

/** The one diagnostic that stands for the findings left out (no rule id, so no quick fix is offered for it). */
export function hiddenNotice(hidden: number, max: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message: `${hidden.toLocaleString('en-US')} more findings are not shown: the editor shows the ${max.toLocaleString('en-US')} most severe (setting criuPortability.maxDiagnosticsPerFile); \`criu-portability lint\` prints them all.`,
  };
}

/** What a file gets when its validation failed (the worker ran out of memory, say): a note, never silence. */
export function failedNotice(reason: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: SOURCE,
    message: `Not validated: validating this file failed (${reason.split('\n')[0]}); \`criu-portability lint\` may say more.`,
  };
}
