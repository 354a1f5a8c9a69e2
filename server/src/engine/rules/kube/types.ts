// The contract of Kubernetes rules, like ManifestRule: meta beside check() and fixes(). A rule sees one workload
// that has restore containers (kube/ reads it), with its node constraints and linked manifests already read.
import type { Finding, Fix, RuleMeta } from '../../types';
import type { ReportInput } from '../types';
import type { WorkloadContext } from '../../kube/types';

export type { WorkloadContext };

export interface KubeRule {
  meta: RuleMeta;
  check(ctx: WorkloadContext, report: (r: ReportInput) => void): void;
  fixes?(ctx: WorkloadContext, finding: Finding): Fix[];
}

export function kubeMeta(id: string, defaultSeverity: RuleMeta['defaultSeverity'], description: string, fixable = true): RuleMeta {
  return { id, defaultSeverity, description, fileKind: 'kubernetes', fixable };
}
