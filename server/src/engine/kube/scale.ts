// Whether a workload runs several instances: the fact that decides between the exit and cold-start policies.
import type { Analysis } from '../analyze';
import type { WorkspaceView } from '../workspace';
import type { WorkloadContext } from './types';
import { workloadContexts } from './index';

/** "replicas: 6", "Knative autoscaling", "a HorizontalPodAutoscaler"; undefined for a lone instance. */
export function scaledWhy(ctx: WorkloadContext): string | undefined {
  const w = ctx.workload;
  if ((w.replicas ?? 1) > 1) return `replicas: ${w.replicas}`;
  if (w.selfAutoscaled) return w.isOla ? 'autoscaling' : 'Knative autoscaling';
  if (ctx.autoscaledTargets.has(`${w.kind}/${w.name}`)) return 'a HorizontalPodAutoscaler';
  return undefined;
}

export interface LinkedWorkload {
  /** `Deployment/orders`. */
  name: string;
  /** Why it counts as scaled; undefined for a single instance. */
  scaled?: string;
}

/** The workloads in `analyses` (open Kubernetes files) whose restore containers link to the manifest at `manifestUri`. */
export function workloadsLinkedTo(manifestUri: string, analyses: Iterable<Analysis>, workspace: WorkspaceView | undefined): LinkedWorkload[] {
  const out: LinkedWorkload[] = [];
  for (const analysis of analyses) {
    if (analysis.otherDocuments.length === 0) continue;
    for (const ctx of workloadContexts(analysis, workspace)) {
      if (!ctx.restore.some((r) => r.manifest?.uri === manifestUri)) continue;
      out.push({ name: `${ctx.workload.kind}/${ctx.workload.name}`, scaled: scaledWhy(ctx) });
    }
  }
  return out;
}
