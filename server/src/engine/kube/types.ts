// One workload that has restore containers, with its node constraints and linked manifests already read: what
// the Kubernetes rules (rules/kube/) check.
import type { Analysis } from '../analyze';
import type { Arch } from '../catalog';
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
