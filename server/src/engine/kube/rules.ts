// Kubernetes rules (DESIGN §5); filled in by the Kubernetes workload model.
import type { RuleMeta } from '../types';

export function kubeRuleMetas(): RuleMeta[] {
  return [];
}
