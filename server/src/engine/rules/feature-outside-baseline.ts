import type { ManifestRule } from './types';
import { baselineFeatureIds } from '../manifest/requirements';
import { featureLabel } from './describe';
import { nodeSpan } from '../yaml/nodes';

export const rule: ManifestRule = {
  meta: {
    id: 'feature-outside-baseline',
    defaultSeverity: 'warning',
    description: 'requires / jitFeatures lists a feature the baseline lacks.',
    fileKind: 'manifest',
    fixable: true,
  },
  check(ctx, report) {
    const m = ctx.manifest;
    const b = m.baseline;
    if (!b) return;
    const inBaseline = baselineFeatureIds(m);
    if (!inBaseline) return; // aarch64 without host features: missing-field says so.
    for (const list of [m.requires, m.jitFeatures]) {
      for (const [index, ref] of (list?.items ?? []).entries()) {
        if (!ref.feature || inBaseline.has(ref.feature.id)) continue;
        const where = ref.list === 'requires' ? 'requires' : 'checkpoint.jitFeatures';
        const baseName = b.hostDefined ? "the aarch64 openj9-portable baseline (the checkpoint host's features the JIT uses)" : `the baseline ${b.name}`;
        report({
          message: `${featureLabel(ref.feature)} is outside ${baseName}: every restore target now needs it too, so targets that only meet the baseline cannot run this image.`,
          span: nodeSpan(ref.node),
          data: { feature: ref.feature.id, list: ref.list, index, baseline: b.name, where },
        });
      }
    }
  },
};
