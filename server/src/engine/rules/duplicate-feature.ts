import type { ManifestRule } from './types';
import { nodeSpan } from '../yaml/nodes';
import { featureLabel } from './describe';
import { compact, featureRefAt, fix, removeSeqItems } from '../edit';

export const rule: ManifestRule = {
  meta: {
    id: 'duplicate-feature',
    defaultSeverity: 'warning',
    description: 'The same feature listed twice in one list, aliases included (pni and sse3).',
    fileKind: 'manifest',
    fixable: true,
  },
  check(ctx, report) {
    const m = ctx.manifest;
    const lists = [m.requires, m.jitFeatures, m.host?.features, ...m.targets.map((t) => t.features)];
    for (const list of lists) {
      const first = new Map<string, { raw: string; line: number }>();
      list?.items.forEach((ref, index) => {
        if (!ref.feature) return;
        const seen = first.get(ref.feature.id);
        const line = ctx.yaml.pos(ref.node.range?.[0] ?? 0).line;
        if (!seen) {
          first.set(ref.feature.id, { raw: ref.raw, line });
          return;
        }
        const alias = seen.raw === ref.raw ? '' : ` as \`${seen.raw}\` (both are ${featureLabel(ref.feature)})`;
        report({
          message: `\`${ref.raw}\` is already listed on line ${seen.line + 1}${alias}.`,
          span: nodeSpan(ref.node),
          data: { feature: ref.feature.id, index },
        });
      });
    }
  },
  fixes(ctx, finding) {
    const hit = featureRefAt(ctx, finding.range);
    if (!hit) return [];
    const index = hit.where.seq.items.indexOf(hit.ref.node);
    return compact([fix(`Remove duplicate ${hit.ref.raw}`, removeSeqItems(ctx.yaml, hit.where, [index]), true)]);
  },
};
