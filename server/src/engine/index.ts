// The engine's public face: text in, findings out. The LSP server and the CLI are thin adapters around this.
import type { Finding, Fix, Severity, SeveritySetting } from './types';
import { analyze, type Analysis } from './analyze';
import { hasYamlErrors } from './yaml/duplicateKeys';
import { manifestRule, manifestRules, ruleMeta } from './rules';
import type { FixEnvironment, ManifestContext, ReportInput } from './rules/types';
import { checkKubernetes } from './rules/kube';
import { workloadContexts } from './kube';
import { syntaxFindings } from './syntax';
import { findSuppressions } from './suppressions';
import type { WorkspaceView } from './workspace';

export { analyze, type Analysis } from './analyze';
export { suppressionFixes } from './suppressionFixes';
export type { WorkspaceView } from './workspace';
export type { FixEnvironment } from './rules/types';
export { workloadsLinkedTo, type LinkedWorkload } from './kube/scale';
export * from './types';

export interface ValidateOptions {
  /** Per-rule severity, `off` included; absent rules keep their default. */
  severities?: Readonly<Record<string, SeveritySetting | undefined>>;
  workspace?: WorkspaceView;
  /** Report suppression comments that suppress nothing, with this severity. */
  reportUnusedSuppressions?: Severity;
}

/** Past this many UTF-16 code units a file is not validated (say so, do not hang: docs/rules/file-skipped.md). */
export const DEFAULT_MAX_CHARS = 5 * 1024 * 1024;

export function validateText(uri: string, text: string, options: ValidateOptions & { maxChars?: number } = {}): Finding[] {
  const max = options.maxChars ?? DEFAULT_MAX_CHARS;
  if (text.length > max) return withSeverity(skippedFinding(text.length, max), options.severities);
  return validate(analyze(uri, text), options);
}

export function validate(analysis: Analysis, options: ValidateOptions = {}): Finding[] {
  if (analysis.yaml.overBudget) return withSeverity(overBudgetFinding(analysis.yaml.overBudget), options.severities);
  const raw: Finding[] = [];
  // Loops, not push(...list): a spread passes every element as an argument, and past ~125,000 the stack overflows.
  for (const f of syntaxFindings(analysis, () => new Set(workloadContexts(analysis, options.workspace).map((c) => c.workload.doc)))) raw.push(f);
  for (const ctx of analysis.manifests) for (const f of runManifestRules(ctx)) raw.push(f);
  for (const doc of analysis.notMappings) {
    if (hasYamlErrors(doc)) continue; // yaml-syntax already speaks for it
    const [start, end] = doc.contents?.range ?? doc.range;
    raw.push({
      ruleId: 'invalid-value',
      severity: 'error',
      message: 'A checkpoint manifest is a mapping of keys (apiVersion, kind, metadata, arch, ...); this document is not.',
      range: analysis.yaml.range(start, Math.min(end, lineEnd(analysis.text, start))),
      data: { pointer: '', suggestions: [] },
    });
  }
  const unused = options.severities?.['unused-suppression'] ?? options.reportUnusedSuppressions;
  for (const f of checkKubernetes(analysis, options.workspace, unused && unused !== 'off' ? unused : undefined)) raw.push(f);
  return finish(analysis, raw, options);
}

export function runManifestRules(ctx: ManifestContext): Finding[] {
  const out: Finding[] = [];
  for (const rule of manifestRules) {
    const report = (r: ReportInput) => out.push(toFinding(ctx, rule.meta.id, rule.meta.defaultSeverity, r));
    rule.check(ctx, report);
  }
  return out;
}

/** Quick fixes for a finding of a manifest rule, chosen by its rule id (never by message text). */
export function manifestFixes(analysis: Analysis, finding: Finding, env?: FixEnvironment): Fix[] {
  const rule = manifestRule(finding.ruleId);
  if (!rule?.fixes) return [];
  const ctx = manifestAt(analysis, finding.range.start.line);
  return ctx ? rule.fixes(ctx, finding, env) : [];
}

/** The manifest document containing a line. */
export function manifestAt(analysis: Analysis, line: number): ManifestContext | undefined {
  return analysis.manifests.find((m) => {
    const [start, , end] = m.document.range;
    return analysis.yaml.pos(start).line <= line && line <= analysis.yaml.pos(end).line;
  });
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl === -1 ? text.length : nl;
  return end > offset && text[end - 1] === '\r' ? end - 1 : end;
}

function toFinding(ctx: { yaml: Analysis['yaml'] }, ruleId: string, severity: Severity, r: ReportInput): Finding {
  let span = r.span;
  // Never an empty range (editors draw nothing): widen it to the rest of its line, or at a line's end (an empty
  // value after `key:`) to the line's content.
  if (span && span[0] === span[1]) {
    const text = ctx.yaml.text;
    const end = lineEnd(text, span[0]);
    if (end > span[0]) span = [span[0], end];
    else {
      const start = text.lastIndexOf('\n', span[0] - 1) + 1;
      const indent = /^[ \t]*/.exec(text.slice(start, end))![0].length;
      span = [Math.min(start + indent, end), end];
    }
  }
  const range = r.range ?? (span ? ctx.yaml.range(span[0], span[1]) : ctx.yaml.range(0, 0));
  const f: Finding = { ruleId, severity, message: r.message, range };
  if (r.data) f.data = r.data;
  if (r.related && r.related.length) f.related = r.related;
  return f;
}

function finish(analysis: Analysis, raw: Finding[], options: ValidateOptions): Finding[] {
  const suppressions = findSuppressions(analysis.text);
  // Per comment, the ids that suppressed something: the others are reported one by one.
  const used = suppressions.map(() => new Set<string>());
  const out: Finding[] = [];
  // By the line each comment governs: a lookup per finding, not a scan of every comment (both can be many).
  const byLine = new Map<number, number[]>();
  suppressions.forEach((s, i) => byLine.set(s.line + 1, [...(byLine.get(s.line + 1) ?? []), i]));
  for (const f of raw) {
    const s = byLine.get(f.range.start.line)?.find((i) => suppressions[i].ids.includes(f.ruleId)) ?? -1;
    if (s !== -1) {
      used[s].add(f.ruleId);
      continue;
    }
    for (const g of withSeverity(f, options.severities)) out.push(g);
  }
  const unusedSeverity = options.severities?.['unused-suppression'] ?? options.reportUnusedSuppressions;
  if (unusedSeverity && unusedSeverity !== 'off') {
    suppressions.forEach((s, i) => {
      const unused = s.ids.filter((id) => !used[i].has(id));
      if (unused.length === 0 && s.ids.length > 0) return;
      const partial = unused.length < s.ids.length;
      const unknown = unused.filter((id) => !ruleMeta(id));
      const what = s.ids.length === 0 ? 'This suppression names no rule' : partial
        ? `${unused.join(', ')} in this suppression ${unused.length === 1 ? 'suppresses' : 'suppress'} nothing on the next line`
        : `This suppression of ${unused.join(', ')} suppresses nothing on the next line`;
      const why = unknown.length ? ` (${unknown.join(', ')}: no such rule)` : '';
      out.push({
        ruleId: 'unused-suppression',
        severity: unusedSeverity,
        message: `${what}${why}.`,
        range: s.range,
        data: { ids: unused, kept: s.ids.filter((id) => used[i].has(id)), unknown },
      });
    });
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** A finding with the configured severity; none when its rule is off. */
export function withSeverity(f: Finding, severities: ValidateOptions['severities']): Finding[] {
  const setting = severities?.[f.ruleId];
  if (setting === 'off') return [];
  return [setting ? { ...f, severity: setting } : f];
}

/** The one finding a file with more YAML nodes than the budget gets (yaml/budget.ts). */
export function overBudgetFinding(why: string): Finding {
  return {
    ruleId: 'file-skipped',
    severity: 'info',
    message: `Not validated: this file has ${why} (the memory a parse needs grows with them). Split it into smaller files or documents.`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

/** The one finding a file past the size cap gets instead of silence. */
export function skippedFinding(length: number, max: number): Finding {
  return {
    ruleId: 'file-skipped',
    severity: 'info',
    message: `Not validated: this file has ${length} characters, more than the limit of ${max} (setting criuPortability.maxFileSizeKB).`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}
