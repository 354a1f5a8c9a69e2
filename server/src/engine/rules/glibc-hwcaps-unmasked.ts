import type { ManifestRule } from './types';
import { hostFeatureIds, targetFeatureIds, unmaskedGlibcFeatures } from '../manifest/requirements';
import type { Manifest } from '../manifest/model';
import { isMaskable, mergeHwcapsMask, minimalMask } from '../manifest/glibc';
import { listText } from './describe';
import { nodeSpan } from '../yaml/nodes';
import { compact, fix, insertAtPath, renderScalar, replaceNode } from '../edit';

const BIGGER_STATE = ['avx512f', 'amx_tile'];

/** Some restore target (or an unknown fleet: no targets listed) has register state the checkpoint host lacks. */
function biggerStateSomewhere(m: Manifest): boolean {
  if (m.targets.length === 0) return true;
  const host = hostFeatureIds(m) ?? new Set<string>();
  return m.targets.some((t) => {
    const has = targetFeatureIds(t);
    return !has || BIGGER_STATE.some((f) => has.has(f) && !host.has(f));
  });
}

/** glibc's lazy-binding trampoline (_dl_runtime_resolve_xsave/_xsavec) saves state with these (domain-facts §1.6, §6). */
const XSAVE_FAMILY = new Set(['xsave', 'xsavec']);

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
    // XSAVE is on every CPU that has AVX; what makes it (and XSAVEC) a hazard is the size of the saved state, which
    // only a restore host with more register state than the checkpoint host (AVX-512, AMX) exceeds.
    const routines = ids.filter((id) => id !== 'xsave');
    const stateSaving = ids.filter((id) => XSAVE_FAMILY.has(id));
    const stateMatters = stateSaving.length > 0 && biggerStateSomewhere(m);
    if (routines.length === 0 && !stateMatters) return;
    const parts: string[] = [];
    if (routines.length) parts.push(`glibc on the checkpoint host can pick routines for ${listText(routines)} (outside the baseline ${m.baseline?.name}), and a restored process keeps them`);
    if (stateMatters) parts.push(`${routines.length ? 'its' : "glibc's"} dynamic linker saves registers with ${stateSaving.map((id) => id.toUpperCase()).join('/')} into an area sized for the checkpoint host, too small on a restore host with more register state (AVX-512, AMX)`);
    report({
      message: `${parts.join('; ')}: set checkpoint.glibcTunables to mask ${ids.length === 1 ? 'it' : 'them'}${routines.length ? ', or every restore target needs them too' : ''}.`,
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
