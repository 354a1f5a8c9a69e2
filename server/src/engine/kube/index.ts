// Kubernetes validation entry point: restore containers in workload documents (DESIGN §4).
import type { Finding } from '../types';
import type { Analysis } from '../analyze';
import type { WorkspaceView } from '../workspace';

export function checkKubernetes(_analysis: Analysis, _workspace: WorkspaceView | undefined): Finding[] {
  return [];
}
