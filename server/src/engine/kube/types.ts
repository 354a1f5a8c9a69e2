// The contract of Kubernetes rules, like ManifestRule: meta beside check() and fixes(). A rule sees one workload
// that has restore containers, with its node constraints and linked manifests already read.
import type { Analysis } from '../analyze';
import type { Arch } from '../catalog';
import type { Finding, Fix, RuleMeta } from '../types';
import type { ReportInput } from '../rules/types';
import type { WorkspaceView } from '../workspace';
import type { NodeConstraints } from './constraints';
import type { LinkedManifest, RestoreContainer } from './link';
import type { Workload } from './model';

export interface WorkloadContext {
  analysis: Analysis;
  workspace?: WorkspaceView;
  workload: Workload;
  constraints: NodeConstraints;
  restore: RestoreContainer[];
  /** The first linked manifest and its arch, when any container links one. */
  manifest?: LinkedManifest;
  arch?: Arch;
  /** `Kind/name` of the objects a HorizontalPodAutoscaler in this file scales. */
  autoscaledTargets: ReadonlySet<string>;
}

export interface KubeRule {
  meta: RuleMeta;
  check(ctx: WorkloadContext, report: (r: ReportInput) => void): void;
  fixes?(ctx: WorkloadContext, finding: Finding): Fix[];
}

export function kubeMeta(id: string, defaultSeverity: RuleMeta['defaultSeverity'], description: string, fixable = true): RuleMeta {
  return { id, defaultSeverity, description, fileKind: 'kubernetes', fixable };
}
