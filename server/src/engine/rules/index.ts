// The rule registry: every rule the engine runs, and the metadata the adapters publish (docs, SARIF, settings).
import type { RuleMeta } from '../types';
import type { ManifestRule } from './types';
import { meta as yamlSyntax } from './yaml-syntax';
import { meta as fileSkipped } from './file-skipped';
import { rule as missingField } from './missing-field';
import { rule as unknownKey } from './unknown-key';
import { rule as invalidValue } from './invalid-value';
import { rule as unknownFeature } from './unknown-feature';
import { rule as duplicateFeature } from './duplicate-feature';
import { rule as unknownMicroarchitecture } from './unknown-microarchitecture';
import { rule as featureOutsideBaseline } from './feature-outside-baseline';
import { rule as targetMissingFeatures } from './target-missing-features';
import { rule as targetArchMismatch } from './target-arch-mismatch';
import { rule as restorePolicyMissing } from './restore-policy-missing';
import { rule as glibcHwcapsUnmasked } from './glibc-hwcaps-unmasked';
import { rule as jvmReleaseUnknown } from './jvm-release-unknown';
import { kubeRuleMetas } from './kube';

export const manifestRules: readonly ManifestRule[] = [
  missingField,
  unknownKey,
  invalidValue,
  unknownFeature,
  duplicateFeature,
  unknownMicroarchitecture,
  featureOutsideBaseline,
  targetMissingFeatures,
  targetArchMismatch,
  restorePolicyMissing,
  glibcHwcapsUnmasked,
  jvmReleaseUnknown,
];

export const unusedSuppressionMeta: RuleMeta = {
  id: 'unused-suppression',
  defaultSeverity: 'hint',
  description: 'A criu-portability-disable-next-line comment that suppresses nothing.',
  fileKind: 'manifest',
  fixable: true,
};

export function allRuleMetas(): RuleMeta[] {
  return [yamlSyntax, ...manifestRules.map((r) => r.meta), ...kubeRuleMetas(), fileSkipped, unusedSuppressionMeta];
}

const byId = new Map<string, RuleMeta>();
export function ruleMeta(id: string): RuleMeta | undefined {
  if (byId.size === 0) for (const m of allRuleMetas()) byId.set(m.id, m);
  return byId.get(id);
}

export function manifestRule(id: string): ManifestRule | undefined {
  return manifestRules.find((r) => r.meta.id === id);
}
