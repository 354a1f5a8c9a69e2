// The Kubernetes rules, in the order findings are produced (one file per rule here), and how they run over the
// workloads kube/ reads.
import type { Finding, Fix, Range, RuleMeta, Severity } from '../../types';
import type { Analysis } from '../../analyze';
import type { ReportInput } from '../types';
import type { WorkspaceView } from '../../workspace';
import type { KubeRule } from './types';
import type { WorkloadContext } from '../../kube/types';
import { checkpointWorkloads, workloadContexts } from '../../kube';
import * as checkpointNodeUnpinned from './checkpoint-node-unpinned';
import { ignoreAnnotations, removeAnnotationFixes, unusedAnnotationFindings } from '../../kube/annotations';
import { rule as restoreCapabilitiesMissing } from './restore-capabilities-missing';
import { rule as restorePrivilegeEscalationDisabled } from './restore-privilege-escalation-disabled';
import { rule as archNotPinned } from './arch-not-pinned';
import { rule as archMismatch } from './arch-mismatch';
import { rule as cpuNodeAffinityMissing } from './cpu-node-affinity-missing';
import { rule as cpuNodeAffinityIncomplete } from './cpu-node-affinity-incomplete';
import { rule as nfdLabelDenylisted } from './nfd-label-denylisted';
import { rule as nfdLabelUnknown } from './nfd-label-unknown';
import { rule as restorePolicyUnset } from './restore-policy-unset';
import { rule as restorePolicyMismatch } from './restore-policy-mismatch';
import { rule as scaledColdStart } from './scaled-cold-start';
import { rule as jvmOptionInvalid } from './jvm-option-invalid';
import { rule as jvmOptionsConflict } from './jvm-options-conflict';
import { rule as restoreOptionUnsupported } from './restore-option-unsupported';

export const kubeRules: readonly KubeRule[] = [
  restoreCapabilitiesMissing,
  restorePrivilegeEscalationDisabled,
  archNotPinned,
  archMismatch,
  cpuNodeAffinityMissing,
  cpuNodeAffinityIncomplete,
  nfdLabelDenylisted,
  nfdLabelUnknown,
  restorePolicyUnset,
  restorePolicyMismatch,
  scaledColdStart,
  jvmOptionInvalid,
  jvmOptionsConflict,
  restoreOptionUnsupported,
];

export function kubeRuleMetas(): RuleMeta[] {
  return [...kubeRules.map((r) => r.meta), checkpointNodeUnpinned.meta];
}

/** Any Kubernetes rule id, the checkpoint side's included (for annotations that name one). */
function isKubeRuleId(id: string): boolean {
  return !!kubeRule(id) || id === checkpointNodeUnpinned.meta.id;
}

export function kubeRule(id: string): KubeRule | undefined {
  return kubeRules.find((r) => r.meta.id === id);
}

/**
 * Findings of the Kubernetes rules. An ignore annotation drops its rule's findings on that workload; with
 * `reportUnused`, each one that dropped nothing (or names no Kubernetes rule) is an unused-suppression finding.
 */
export function checkKubernetes(analysis: Analysis, workspace: WorkspaceView | undefined, reportUnused?: Severity): Finding[] {
  const out: Finding[] = [];
  const fired = new Map<number, Set<string>>();
  for (const ctx of workloadContexts(analysis, workspace)) {
    const { findings, firedHere } = workloadFindings(ctx, workspace, reportUnused);
    fired.set(ctx.workload.index, new Set(firedHere)); // a copy: the memoised set must not grow below
    for (const f of findings) out.push(f);
  }
  // The checkpoint side: workloads that take a checkpoint get no restore rule, only this one.
  const id = checkpointNodeUnpinned.meta.id;
  for (const cw of checkpointWorkloads(analysis)) {
    const ignored = ignoreAnnotations(cw.workload).some((a) => a.id === id);
    const firedHere = fired.get(cw.workload.index) ?? new Set<string>();
    fired.set(cw.workload.index, firedHere);
    checkpointNodeUnpinned.check(cw, (r: ReportInput) => {
      if (ignored) {
        firedHere.add(id);
        return;
      }
      out.push(toFinding(analysis, checkpointNodeUnpinned.meta, cw.workload.index, r));
    });
  }
  // A loop, not push(...list): a spread of one argument per finding overflows the stack on huge files.
  if (reportUnused && analysis.otherDocuments.length) for (const f of unusedAnnotationFindings(analysis, fired, isKubeRuleId, reportUnused)) out.push(f);
  return out;
}

// Per workload node (the incremental parse hands an unchanged document's nodes over as the same objects, ranges
// shifted by the incremental parse): an edit in one document of a multi-document file runs the rules on that
// document's workloads only. The rest is taken from here, moved by as many lines as their document moved. Valid
// while the workspace's manifests (generation), the file's autoscaled targets and reportUnused are the same.
interface WorkloadMemo {
  workspace: WorkspaceView;
  generation: number;
  key: string;
  startLine: number;
  findings: Finding[];
  firedHere: Set<string>;
}
const workloadMemo = new WeakMap<object, WorkloadMemo>();

function workloadFindings(ctx: WorkloadContext, workspace: WorkspaceView | undefined, reportUnused: Severity | undefined): { findings: Finding[]; firedHere: Set<string> } {
  const { analysis, workload } = ctx;
  const startLine = analysis.yaml.pos(workload.doc.range[0]).line;
  const generation = workspace?.generation;
  const key = `${workload.index}|${reportUnused ?? ''}|${[...ctx.autoscaledTargets].sort().join(',')}`;
  const hit = workloadMemo.get(workload.root);
  if (hit && workspace && hit.workspace === workspace && hit.generation === generation && hit.key === key) {
    const delta = startLine - hit.startLine;
    return { findings: delta === 0 ? hit.findings : hit.findings.map((f) => shiftLines(f, delta, analysis.uri)), firedHere: hit.firedHere };
  }
  const findings: Finding[] = [];
  const ignored = new Set(ignoreAnnotations(workload).map((a) => a.id));
  const firedHere = new Set<string>();
  for (const rule of kubeRules) {
    const id = rule.meta.id;
    // An ignored rule still runs when unused annotations are wanted: whether it would report says whether the
    // annotation is used.
    if (ignored.has(id) && !reportUnused) continue;
    rule.check(ctx, (r: ReportInput) => {
      if (ignored.has(id)) {
        firedHere.add(id);
        return;
      }
      findings.push(toFinding(analysis, rule.meta, workload.index, r));
    });
  }
  if (workspace && generation !== undefined) workloadMemo.set(workload.root, { workspace, generation, key, startLine, findings, firedHere });
  return { findings, firedHere };
}

/** A rule's report as a finding on its workload (the range from the span, else the file's start). */
function toFinding(analysis: Analysis, meta: RuleMeta, workloadIndex: number, r: ReportInput): Finding {
  const range = r.range ?? (r.span ? analysis.yaml.range(r.span[0], r.span[1]) : analysis.yaml.range(0, 0));
  const f: Finding = { ruleId: meta.id, severity: meta.defaultSeverity, message: r.message, range, data: { ...(r.data ?? {}), workload: workloadIndex } };
  if (r.related?.length) f.related = r.related;
  return f;
}

function shiftLines(f: Finding, delta: number, uri: string): Finding {
  const move = (r: Range): Range => ({ start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } });
  const out: Finding = { ...f, range: move(f.range) };
  if (f.related) out.related = f.related.map((r) => (!r.uri || r.uri === uri ? { ...r, range: move(r.range) } : r));
  return out;
}

/** Quick fixes for a finding of a Kubernetes rule (chosen by rule id and data). */
export function kubeFixes(analysis: Analysis, finding: Finding, workspace: WorkspaceView | undefined): Fix[] {
  if (finding.ruleId === 'unused-suppression') return finding.data?.annotation ? removeAnnotationFixes(analysis, finding) : [];
  const rule = kubeRule(finding.ruleId);
  if (!rule?.fixes) return [];
  const index = finding.data?.workload;
  const ctx = typeof index === 'number' ? contextsByIndex(workloadContexts(analysis, workspace)).get(index) : undefined;
  return ctx ? rule.fixes(ctx, finding) : [];
}

// One map per (memoised) contexts array: code actions for thousands of findings look their workload up in O(1).
const byIndexMemo = new WeakMap<WorkloadContext[], Map<number, WorkloadContext>>();

function contextsByIndex(contexts: WorkloadContext[]): Map<number, WorkloadContext> {
  let map = byIndexMemo.get(contexts);
  if (!map) {
    map = new Map(contexts.map((c) => [c.workload.index, c]));
    byIndexMemo.set(contexts, map);
  }
  return map;
}
