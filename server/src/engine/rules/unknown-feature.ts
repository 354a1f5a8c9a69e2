import type { ManifestRule } from './types';
import type { FeatureRef } from '../manifest/model';
import { suggestFeatures } from '../catalog';
import { didYouMean, otherArchOf, withArticle } from './describe';
import { nodeSpan } from '../yaml/nodes';

export const rule: ManifestRule = {
  meta: {
    id: 'unknown-feature',
    defaultSeverity: 'error',
    description: "A CPU feature name unknown for the manifest's architecture.",
    fileKind: 'manifest',
    fixable: true,
  },
  check(ctx, report) {
    const m = ctx.manifest;
    const arch = m.arch;
    if (!arch) return; // Without an arch nothing resolves; missing-field / invalid-value say why.
    const lists = [m.requires, m.jitFeatures, m.host?.features, ...m.targets.map((t) => t.features)];
    for (const list of lists) {
      for (const ref of list?.items ?? []) {
        if (ref.feature) continue;
        report(finding(ref, arch));
      }
    }
    function finding(ref: FeatureRef, a: typeof arch & string) {
      const other = otherArchOf(ref.raw, a);
      const suggestions = suggestFeatures(a, ref.raw);
      const why = other
        ? `\`${ref.raw}\` is ${withArticle(other)} feature, not ${withArticle(a)} one: ${withArticle(a)} image cannot use it.`
        : `\`${ref.raw}\` is not a known ${a} CPU feature.`;
      return { message: `${why}${didYouMean(suggestions)}`, span: nodeSpan(ref.node), data: { name: ref.raw, suggestions, otherArch: other } };
    }
  },
};
