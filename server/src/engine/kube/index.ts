// Kubernetes validation entry point: restore containers in workload documents (DESIGN §4).
import type { Finding, Fix } from '../types';
import type { Analysis } from '../analyze';
import type { WorkspaceView } from '../workspace';

export function checkKubernetes(_analysis: Analysis, _workspace: WorkspaceView | undefined): Finding[] {
  return [];
}

/** Quick fixes for a finding of a Kubernetes rule (chosen by rule id and data). */
export function kubeFixes(_analysis: Analysis, _finding: Finding, _workspace: WorkspaceView | undefined): Fix[] {
  return [];
}
