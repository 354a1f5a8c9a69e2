import type { ManifestRule } from './types';
import type { ManifestContext } from '../manifest/context';
import type { RelatedInformation } from '../types';
import type { Target } from '../manifest/model';
import { missingOnTarget } from '../manifest/requirements';
import { lookupFeature } from '../catalog';
import { featureLabel, listText, reasonPhrase } from './describe';
import { nodeSpan } from '../yaml/nodes';
import { compact, fix, removeSeqItems, seqLocation, targetsLocation } from '../edit';

export const rule: ManifestRule = {
  meta: {
    id: 'target-missing-features',
    defaultSeverity: 'error',
    description: 'A restore target lacks features the checkpoint needs.',
    fileKind: 'manifest',
    fixable: true,
  },
  check(ctx, report) {
    const m = ctx.manifest;
    if (!m.arch) return;
    // Fleets repeat a few microarchitectures over thousands of targets: what a target lacks, and the message tail
    // and related locations that follow from it, are worked out once per distinct target shape and reused.
    const missingByShape = new Map<string, string[] | undefined>();
    const wordingByMissing = new Map<string, { tail: string; related: RelatedInformation[] }>();
    for (const t of m.targets) {
      if (t.resolved && t.resolved.arch !== m.arch) continue; // target-arch-mismatch
      const shape = targetShape(t);
      let missing = missingByShape.get(shape);
      if (!missingByShape.has(shape)) missingByShape.set(shape, (missing = missingOnTarget(ctx.requirements, t)));
      if (!missing || missing.length === 0) continue;
      const key = missing.join(',');
      let wording = wordingByMissing.get(key);
      if (!wording) wordingByMissing.set(key, (wording = describeMissing(ctx, missing)));
      report({
        message: `${targetName(t)} lacks ${wording.tail}`,
        span: targetSpan(t),
        data: { target: t.index, missing: [...missing] },
        related: wording.related.map((r) => ({ range: { start: { ...r.range.start }, end: { ...r.range.end } }, message: r.message })),
      });
    }
  },
  fixes(ctx, finding) {
    const m = ctx.manifest;
    const index = finding.data?.target;
    const missing = (finding.data?.missing as string[] | undefined) ?? [];
    const where = targetsLocation(ctx);
    const t = m.targets.find((x) => x.index === index);
    if (!where || !t) return [];
    // Removing a target is destructive (it drops a node pool from the plan): offered, never preferred nor first.
    const removeTarget = fix(`Remove restore target ${targetName(t)}`, removeSeqItems(ctx.yaml, where, [t.index]));
    // Lower what requires them: only features that nothing but `requires` put in R (the baseline would keep them).
    const onlyRequired = new Set(missing.filter((id) => (ctx.requirements.get(id) ?? []).every((r) => r.kind === 'requires')));
    const requires = m.requires;
    let lower;
    if (requires && onlyRequired.size > 0) {
      const seq = seqLocation(requires, m.root);
      const indices = requires.items.filter((r) => r.feature && onlyRequired.has(r.feature.id)).map((r) => seq.seq.items.indexOf(r.node));
      lower = fix(`Remove ${listText([...onlyRequired].sort())} from requires (lower what the image requires)`, removeSeqItems(ctx.yaml, seq, indices), true);
    }
    return compact([lower, removeTarget]);
  },
};

/** What decides missingOnTarget: the resolved microarchitecture and the explicit feature ids, in order. */
function targetShape(t: Target): string {
  const ids = (t.features?.items ?? []).map((ref) => ref.feature?.id ?? '');
  return `${t.resolved ? `${t.resolved.arch}/${t.resolved.name}` : ''}|${t.features ? ids.join(',') : '-'}`;
}

/** The message after "<target> lacks ", and the related locations, for one set of missing features. */
function describeMissing(ctx: ManifestContext, missing: string[]): { tail: string; related: RelatedInformation[] } {
  const m = ctx.manifest;
  const labels = missing.map((id) => featureLabel(lookupFeature(m.arch!, id) ?? id));
  // Say where each missing feature came from, grouped: "avx2, fma are listed in requires (line 11); ...".
  const bySource = new Map<string, string[]>();
  for (const id of missing) {
    const source = reasonPhrase(ctx.requirements.get(id)![0], ctx.yaml);
    bySource.set(source, [...(bySource.get(source) ?? []), id]);
  }
  const sources = [...bySource].map(([source, ids]) => `${listText(ids)} ${ids.length === 1 ? 'is' : 'are'} ${source}`);
  // Nothing in OpenJ9 or Liberty checks the CPU before restoring (docs/guard.md): only a pre-restore guard, or
  // CRaC's own check, turns the crash into the manifest's policy.
  const policy = m.policy?.value === 'exit' || m.policy?.value === 'cold-start' ? m.policy.value : undefined;
  const consequence =
    m.runtime === 'crac'
      ? `CRaC refuses to restore there${policy === 'cold-start' ? ' (and starts cold with -XX:+CRaCIgnoreRestoreIfUnavailable)' : ''}`
      : `a restore there crashes with SIGILL${policy ? `, unless the pre-restore guard (criu-portability guard) stops it first: ${policy === 'exit' ? 'exit 3' : 'a slow cold start'}` : ''}`;
  return {
    tail: `${listText(labels)}: ${consequence}. ${sources.join('; ')}.`,
    related: missing.flatMap((id) =>
      (ctx.requirements.get(id) ?? [])
        .filter((r) => r.node?.range)
        .slice(0, 1)
        .map((r) => ({ range: ctx.yaml.range(r.node!.range![0], r.node!.range![1]), message: `${id} is ${reasonPhrase(r, ctx.yaml)}` })),
    ),
  };
}

export function targetName(t: Target): string {
  const name = t.name?.value ?? `target ${t.index + 1}`;
  const micro = t.microarchitecture?.value;
  return micro ? `${name} (${micro})` : name;
}

export function targetSpan(t: Target): [number, number] | undefined {
  return nodeSpan(t.name?.node) ?? nodeSpan(t.node);
}
