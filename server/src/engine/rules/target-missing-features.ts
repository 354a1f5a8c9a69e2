import type { ManifestRule } from './types';
import type { Target } from '../manifest/model';
import { targetFeatureIds } from '../manifest/requirements';
import { lookupFeature } from '../catalog';
import { featureLabel, listText, reasonText } from './describe';
import { nodeSpan } from '../yaml/nodes';

export const rule: ManifestRule = {
  meta: {
    id: 'target-missing-features',
    defaultSeverity: 'error',
    description: 'A restore target lacks features every restore needs (the requirement set R).',
    fileKind: 'manifest',
    fixable: true,
  },
  check(ctx, report) {
    const m = ctx.manifest;
    if (!m.arch) return;
    for (const t of m.targets) {
      if (t.resolved && t.resolved.arch !== m.arch) continue; // target-arch-mismatch
      const has = targetFeatureIds(t);
      if (!has) continue;
      const missing = [...ctx.requirements.keys()].filter((id) => !has.has(id)).sort();
      if (missing.length === 0) continue;
      const labels = missing.map((id) => featureLabel(lookupFeature(m.arch!, id) ?? id));
      const first = ctx.requirements.get(missing[0])![0];
      const consequence =
        m.policy?.value === 'cold-start'
          ? 'a restore there can crash with SIGILL, or at best fall back to a slow cold start'
          : 'a restore there can crash with SIGILL';
      report({
        message: `${targetName(t)} lacks ${listText(labels)}: ${consequence}. ${missing[0]} is required by ${reasonText(first, ctx.yaml)}.`,
        span: targetSpan(t),
        data: { target: t.index, missing },
        related: missing.flatMap((id) =>
          (ctx.requirements.get(id) ?? [])
            .filter((r) => r.node?.range)
            .slice(0, 1)
            .map((r) => ({ range: ctx.yaml.range(r.node!.range![0], r.node!.range![1]), message: `${id} is required by ${r.label}` })),
        ),
      });
    }
  },
};

export function targetName(t: Target): string {
  const name = t.name?.value ?? `target ${t.index + 1}`;
  const micro = t.microarchitecture?.value;
  return micro ? `${name} (${micro})` : name;
}

export function targetSpan(t: Target): [number, number] | undefined {
  return nodeSpan(t.name?.node) ?? nodeSpan(t.node);
}
