import type { ManifestRule } from './types';
import { hostFeatureIds, targetFeatureIds } from '../manifest/requirements';
import type { Manifest } from '../manifest/model';
import { glibcVerdict } from '../manifest/glibcOf';
import { HWCAPS, suggestedTunables, tunablePairs, type UnmaskedBinding } from '../manifest/glibc';
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

const ids = (bs: readonly UnmaskedBinding[]) => [...new Set(bs.flatMap((b) => b.outside))];

export const rule: ManifestRule = {
  meta: {
    id: 'glibc-hwcaps-unmasked',
    defaultSeverity: 'warning',
    description: 'glibc on the checkpoint host binds features outside the baseline that GLIBC_TUNABLES does not mask (for that glibc release and runtime).',
    fileKind: 'manifest',
    fixable: true,
  },
  check(ctx, report) {
    const m = ctx.manifest;
    const verdict = glibcVerdict(m);
    if (!verdict || !m.arch) return;
    // Bindings nothing in GLIBC_TUNABLES can undo (glibc-hwcaps directories on ppc64le/s390x, aarch64 SVE, a release
    // without the tunable) are in R with their reason; target-missing-features names the targets that lack them.
    const relevant = verdict.unmasked.filter((b) => b.userCanMask || b.overridden);
    // XSAVE is on every CPU that has AVX; what makes it (and XSAVEC) a hazard is the size of the saved state, which
    // only a restore host with more register state than the checkpoint host (AVX-512, AMX) exceeds.
    const code = relevant.filter((b) => b.kind === 'code');
    const state = biggerStateSomewhere(m) ? relevant.filter((b) => b.kind === 'state') : [];
    if (code.length === 0 && state.length === 0) return;
    const features = ids([...code, ...state]);
    const overridden = [...code, ...state].some((b) => b.overridden);
    const parts: string[] = [];
    if (code.length) {
      parts.push(`glibc on the checkpoint host picks ${listText(code.map((b) => b.what))} (${listText(ids(code))}, outside the baseline ${m.baseline?.name}), and a restored process keeps them`);
    }
    if (state.length) {
      const names = ids(state).map((id) => id.toUpperCase()).join('/');
      parts.push(`${code.length ? 'its' : "glibc's"} dynamic linker saves registers with ${names} into an area sized for the checkpoint host, too small on a restore host with more register state (AVX-512, AMX)`);
    }
    let advice: string;
    const suggested = overridden ? undefined : suggestedTunables(m.glibcTunables?.value, verdict);
    if (overridden) {
      const userHwcaps = tunablePairs(m.glibcTunables?.value ?? '').some((p) => p.name === HWCAPS);
      advice = `Open Liberty's bin/server appends its own ${HWCAPS} after ${userHwcaps ? 'yours, and glibc uses only the last one, so your entry has no effect' : 'any you set, and glibc uses only the last one'}: no checkpoint.glibcTunables can mask ${features.length === 1 ? 'it' : 'them'}, so every restore target must have ${listText(features)}`;
    } else {
      advice = `set checkpoint.glibcTunables to mask ${features.length === 1 ? 'it' : 'them'}${code.length ? ', or every restore target needs them too' : ''}`;
    }
    const assumed = verdict.assumptions.length ? ` Assumed: ${verdict.assumptions.join('; ')}.` : '';
    report({
      message: `${parts.join('; ')}: ${advice}.${assumed}`,
      span: nodeSpan(m.glibcTunables?.node) ?? nodeSpan(m.host?.features?.pair.key) ?? nodeSpan(m.host?.pair.key),
      data: { features, overridden, suggested, sources: [...code, ...state].map((b) => b.source) },
    });
  },
  fixes(ctx, finding) {
    const m = ctx.manifest;
    const suggested = finding.data?.suggested;
    if (typeof suggested !== 'string') return [];
    // suggestedTunables (in check) kept the value's other tunables and added to the hwcaps entry glibc uses.
    const edit = m.glibcTunables
      ? replaceNode(ctx.yaml, m.glibcTunables.node, renderScalar(suggested, m.glibcTunables.node, false))
      : insertAtPath(ctx.yaml, m.root, ['checkpoint'], 'glibcTunables', JSON.stringify(suggested));
    return compact([fix(`Set checkpoint.glibcTunables to "${suggested}"`, [edit], true)]);
  },
};
