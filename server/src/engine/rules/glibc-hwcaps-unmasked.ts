import type { ManifestRule } from './types';
import { unmaskedGlibcFeatures } from '../manifest/requirements';
import { isMaskable, mergeHwcapsMask, minimalMask } from '../manifest/glibc';
import { listText } from './describe';
import { nodeSpan } from '../yaml/nodes';
import { compact, fix, insertAtPath, renderScalar, replaceNode } from '../edit';

export const rule: ManifestRule = {
  meta: {
    id: 'glibc-hwcaps-unmasked',
    defaultSeverity: 'warning',
    description: 'The checkpoint host has glibc-relevant features outside the baseline that glibcTunables does not mask.',
    fileKind: 'manifest',
    fixable: true,
  },
  check(ctx, report) {
    const m = ctx.manifest;
    const features = unmaskedGlibcFeatures(m);
    if (features.length === 0 || !m.arch) return;
    // Features no tunable can mask (aarch64 SVE) need no warning here: they are in R, and target-missing-features
    // says which targets lack them and why.
    const maskable = features.filter(isMaskable);
    if (maskable.length === 0) return;
    const ids = maskable.map((f) => f.id);
    report({
      message: `glibc on the checkpoint host can pick routines for ${listText(ids)} (outside the baseline ${m.baseline?.name}), and a restored process keeps them: set checkpoint.glibcTunables to mask them, or every restore target needs them too.`,
      span: nodeSpan(m.glibcTunables?.node) ?? nodeSpan(m.host?.features?.pair.key) ?? nodeSpan(m.host?.pair.key),
      data: { features: ids, tunables: maskable.map((f) => f.tunable), suggested: mergeHwcapsMask(m.glibcTunables?.value, m.arch, minimalMask(maskable)) },
    });
  },
  fixes(ctx, finding) {
    const m = ctx.manifest;
    const suggested = finding.data?.suggested;
    if (typeof suggested !== 'string') return [];
    // mergeHwcapsMask (in check) kept the value's other tunables and hwcaps entries.
    const edit = m.glibcTunables
      ? replaceNode(ctx.yaml, m.glibcTunables.node, renderScalar(suggested, m.glibcTunables.node, false))
      : insertAtPath(ctx.yaml, m.root, ['checkpoint'], 'glibcTunables', JSON.stringify(suggested));
    return compact([fix(`Set checkpoint.glibcTunables to "${suggested}"`, [edit], true)]);
  },
};
