// Kubernetes rules (README.md#rules), in the order findings are produced; one file per rule in rules/kube/.
import type { RuleMeta } from '../types';
import type { KubeRule } from './types';
import { rule as restoreCapabilitiesMissing } from '../rules/kube/restore-capabilities-missing';
import { rule as restorePrivilegeEscalationDisabled } from '../rules/kube/restore-privilege-escalation-disabled';
import { rule as archNotPinned } from '../rules/kube/arch-not-pinned';
import { rule as archMismatch } from '../rules/kube/arch-mismatch';
import { rule as cpuNodeAffinityMissing } from '../rules/kube/cpu-node-affinity-missing';
import { rule as cpuNodeAffinityIncomplete } from '../rules/kube/cpu-node-affinity-incomplete';
import { rule as nfdLabelDenylisted } from '../rules/kube/nfd-label-denylisted';
import { rule as nfdLabelUnknown } from '../rules/kube/nfd-label-unknown';
import { rule as restorePolicyUnset } from '../rules/kube/restore-policy-unset';
import { rule as restorePolicyMismatch } from '../rules/kube/restore-policy-mismatch';
import { rule as scaledColdStart } from '../rules/kube/scaled-cold-start';
import { rule as jvmOptionInvalid } from '../rules/kube/jvm-option-invalid';
import { rule as jvmOptionsConflict } from '../rules/kube/jvm-options-conflict';
import { rule as restoreOptionUnsupported } from '../rules/kube/restore-option-unsupported';

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
  return kubeRules.map((r) => r.meta);
}

export function kubeRule(id: string): KubeRule | undefined {
  return kubeRules.find((r) => r.meta.id === id);
}
