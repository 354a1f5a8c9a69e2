// Engine findings ⇄ LSP diagnostics. The rule id travels in `code` and again in `data`, so code actions can
// rebuild the finding without reading message text.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../engine/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SOURCE = 'criu-portability';

/** Rule pages ship in the extension beside dist/: docs/rules/<id>.md. */
export function docsHref(ruleId: string): string {
  return pathToFileURL(path.join(__dirname, '..', 'docs', 'rules', `${ruleId}.md`)).href;
}

export function toDiagnostic(uri: string, f: Finding): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: docsHref(f.ruleId) },
    message: f.message,
    data: { ruleId: f.ruleId, ...(f.data ?? {}) },
    relatedInformation: f.related?.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message })),
    // Editors fade an unused suppression comment instead of underlining it.
    tags: f.ruleId === 'unused-suppression' ? [DiagnosticTag.Unnecessary] : undefined,
  };
}

export function toFinding(d: Diagnostic): Finding | undefined {
  if (d.source !== SOURCE) return undefined;
  const data = (d.data ?? {}) as Record<string, unknown>;
  const ruleId = typeof data.ruleId === 'string' ? data.ruleId : typeof d.code === 'string' ? d.code : undefined;
  if (!ruleId) return undefined;
  const severity = (Object.entries(SEVERITY).find(([, v]) => v === d.severity)?.[0] ?? 'warning') as Severity;
  return { ruleId, severity, message: typeof d.message === 'string' ? d.message : d.message.value, range: d.range, data };
}
