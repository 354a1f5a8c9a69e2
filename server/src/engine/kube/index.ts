// Kubernetes validation entry point: restore containers in workload documents (docs/kubernetes.md). Workloads without
// restore containers produce no rule findings, so ordinary Kubernetes YAML stays silent (only an unused ignore
// annotation can be reported there, when asked).
import type { Finding, Fix, Severity } from '../types';
import type { Analysis } from '../analyze';
import type { ReportInput } from '../rules/types';
import type { WorkspaceView } from '../workspace';
import { asMap, getIn, getValue, textOf } from '../yaml/nodes';
import { readConstraints } from './constraints';
import { candidateManifests, restoreContainers } from './link';
import { readWorkloads } from './model';
import { IGNORE_ANNOTATION_PREFIX, ignoreAnnotations, removeAnnotationFixes, unusedAnnotationFindings } from './annotations';
import { kubeRule, kubeRules } from './rules';
import type { WorkloadContext } from './types';

export { IGNORE_ANNOTATION_PREFIX };

const memo = new WeakMap<Analysis, { workspace: WorkspaceView | undefined; generation: number; contexts: WorkloadContext[] }>();

/**
 * Every workload of the file that has restore containers, with what rules need. Memoised per Analysis while the
 * workspace's manifests stay the same (WorkspaceView.generation); without a generation it is computed every time.
 */
export function workloadContexts(analysis: Analysis, workspace: WorkspaceView | undefined): WorkloadContext[] {
  if (analysis.otherDocuments.length === 0) return [];
  const generation = workspace?.generation;
  const hit = memo.get(analysis);
  if (hit && generation !== undefined && hit.workspace === workspace && hit.generation === generation) return hit.contexts;
  const contexts = computeWorkloadContexts(analysis, workspace);
  if (generation !== undefined) memo.set(analysis, { workspace, generation, contexts });
  return contexts;
}

function computeWorkloadContexts(analysis: Analysis, workspace: WorkspaceView | undefined): WorkloadContext[] {
  const workloads = readWorkloads(analysis.otherDocuments);
  if (workloads.length === 0) return [];
  const manifests = candidateManifests(analysis, workspace);
  const autoscaledTargets = hpaTargets(analysis);
  const out: WorkloadContext[] = [];
  for (const workload of workloads) {
    const restore = restoreContainers(analysis, workload, manifests);
    if (restore.length === 0) continue;
    const manifest = restore.find((r) => r.manifest)?.manifest;
    out.push({
      analysis,
      workspace,
      workload,
      constraints: readConstraints(workload),
      restore,
      manifest,
      arch: manifest?.context.manifest.arch,
      autoscaledTargets,
    });
  }
  return out;
}

/**
 * Findings of the Kubernetes rules. An ignore annotation drops its rule's findings on that workload; with
 * `reportUnused`, each one that dropped nothing (or names no Kubernetes rule) is an unused-suppression finding.
 */
export function checkKubernetes(analysis: Analysis, workspace: WorkspaceView | undefined, reportUnused?: Severity): Finding[] {
  const out: Finding[] = [];
  const fired = new Map<number, Set<string>>();
  for (const ctx of workloadContexts(analysis, workspace)) {
    const ignored = new Set(ignoreAnnotations(ctx.workload).map((a) => a.id));
    const firedHere = new Set<string>();
    fired.set(ctx.workload.index, firedHere);
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
        const range = r.range ?? (r.span ? analysis.yaml.range(r.span[0], r.span[1]) : analysis.yaml.range(0, 0));
        const f: Finding = { ruleId: id, severity: rule.meta.defaultSeverity, message: r.message, range, data: { ...(r.data ?? {}), workload: ctx.workload.index } };
        if (r.related?.length) f.related = r.related;
        out.push(f);
      });
    }
  }
  if (reportUnused && analysis.otherDocuments.length) out.push(...unusedAnnotationFindings(analysis, fired, (id) => !!kubeRule(id), reportUnused));
  return out;
}

/** Quick fixes for a finding of a Kubernetes rule (chosen by rule id and data). */
export function kubeFixes(analysis: Analysis, finding: Finding, workspace: WorkspaceView | undefined): Fix[] {
  if (finding.ruleId === 'unused-suppression') return finding.data?.annotation ? removeAnnotationFixes(analysis, finding) : [];
  const rule = kubeRule(finding.ruleId);
  if (!rule?.fixes) return [];
  const index = finding.data?.workload;
  const ctx = workloadContexts(analysis, workspace).find((c) => c.workload.index === index);
  return ctx ? rule.fixes(ctx, finding) : [];
}

/** Uris of the manifests this file's workloads link to (the server revalidates the file when they change). */
export function linkedManifestUris(analysis: Analysis, workspace: WorkspaceView | undefined): string[] {
  const out = new Set<string>();
  for (const ctx of workloadContexts(analysis, workspace)) for (const r of ctx.restore) if (r.manifest) out.add(r.manifest.uri);
  return [...out];
}

function hpaTargets(analysis: Analysis): Set<string> {
  const out = new Set<string>();
  for (const doc of analysis.otherDocuments) {
    const root = asMap(doc.contents);
    if (textOf(getValue(root, 'kind')) !== 'HorizontalPodAutoscaler') continue;
    const kind = textOf(getIn(root, ['spec', 'scaleTargetRef', 'kind']));
    const name = textOf(getIn(root, ['spec', 'scaleTargetRef', 'name']));
    const max = Number(textOf(getIn(root, ['spec', 'maxReplicas'])) ?? '2');
    if (kind && name && max > 1) out.add(`${kind}/${name}`);
  }
  return out;
}
