import type { ManifestRule } from './types';
import { baselineFeatureIds, hostFeatureIds } from '../manifest/requirements';
import { featureLabel } from './describe';
import { nodeSpan } from '../yaml/nodes';
import { oldestCovering, trackedFeatures } from '../catalog';
import { compact, featureRefAt, fix, insertAtPath, KEY_ORDER, removeSeqItems, renderScalar, replaceNode } from '../edit';

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
  fixes(ctx, finding) {
    const m = ctx.manifest;
    const hit = featureRefAt(ctx, finding.range);
    if (!hit || !m.arch || !m.baseline) return [];
    const where = hit.ref.list === 'requires' ? 'requires' : 'checkpoint.jitFeatures';
    const raise = raiseBaseline(ctx);
    const remove = fix(`Remove ${hit.ref.raw} from ${where}`, removeSeqItems(ctx.yaml, hit.where, [hit.where.seq.items.indexOf(hit.ref.node)]), !raise);
    return compact([raise, remove]);
  },
};

/**
 * "Raise baseline to haswell (adds avx2, fma, …)": the oldest microarchitecture of the arch covering all of R
 * (catalogue oldestCovering: a vendor-neutral x86-64 level when one covers, else the fewest features). With
 * openj9-portable on x86, R holds `aes`, which no x86-64 level has, so avx2 + fma gives haswell.
 */
function raiseBaseline(ctx: Parameters<NonNullable<ManifestRule['fixes']>>[0]) {
  const m = ctx.manifest;
  // On aarch64 the baseline is the checkpoint host itself (no fixed OpenJ9 set): no name can stand for it.
  if (!m.arch || !m.baseline || m.baseline.hostDefined) return undefined;
  // Only features the catalogue tracks for microarchitectures can be covered by a name (not erms, rtm...).
  const judged = trackedFeatures(m.arch);
  const target = oldestCovering(m.arch, [...ctx.requirements.keys()].filter((f) => judged.has(f)));
  if (!target || target.name === m.baseline.name) return undefined;
  // A baseline beyond the checkpoint host (and beyond R) promises what the image can never have used: every
  // target would then need features nothing in the image needs.
  const host = hostFeatureIds(m);
  if (host && [...target.features].some((f) => judged.has(f) && !host.has(f) && !ctx.requirements.has(f))) return undefined;
  const before = baselineFeatureIds(m) ?? new Set<string>();
  const added = [...target.features].filter((f) => !before.has(f));
  // The features that made the raise necessary first, then the rest of what the new baseline promises.
  const wanted = added.filter((f) => ctx.requirements.has(f)).sort();
  const rest = added.filter((f) => !ctx.requirements.has(f)).sort();
  const shown = [...wanted, ...rest];
  const list = shown.length > 4 ? `${shown.slice(0, 4).join(', ')}, …` : shown.join(', ');
  const title = `Raise baseline to ${target.name}${list ? ` (adds ${list})` : ''}`;
  const edit = m.baselineValue
    ? replaceNode(ctx.yaml, m.baselineValue.node, renderScalar(target.name, m.baselineValue.node, false))
    : insertAtPath(ctx.yaml, m.root, [], 'baseline', target.name, { order: KEY_ORDER[''] });
  return fix(title, [edit], true);
}
