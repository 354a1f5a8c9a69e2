import type { ManifestRule } from './types';
import type { FeatureRef } from '../manifest/model';
import { LINUX_SYSTEM_FLAGS, suggestFeatures } from '../catalog';
import { didYouMean, otherArchOf, withArticle, shown } from './describe';
import { nodeSpan } from '../yaml/nodes';
import { compact, featureRefAt, fix, inFlowCollection, removeSeqItems, replaceWithEach } from '../edit';
import { lookupFeature } from '../catalog';

const SUGGESTION_BUDGET = 2_000;

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
    // A "did you mean" costs a comparison with every catalogue name: for the first SUGGESTION_BUDGET distinct
    // names only, so a generated list of a million unknown names stays linear with a small constant.
    const suggested = new Map<string, string[]>();
    const suggest = (a: typeof arch & string, raw: string): string[] => {
      let s = suggested.get(raw);
      if (!s) {
        s = suggested.size < SUGGESTION_BUDGET ? suggestFeatures(a, raw) : [];
        suggested.set(raw, s);
      }
      return s;
    };
    for (const list of lists) {
      for (const ref of list?.items ?? []) {
        if (ref.feature) continue;
        // A host list pasted from /proc/cpuinfo carries kernel flags (constant_tsc, arat, ept): not ISA features.
        const systemFlag = arch === 'x86_64' && LINUX_SYSTEM_FLAGS.has(ref.raw.toLowerCase());
        if (systemFlag && ref.list === 'host') continue;
        if (systemFlag) {
          report({
            message: `\`${ref.raw}\` is a Linux kernel flag (power management, virtualization or speculation control), not an instruction-set feature: no code needs it, so it cannot be required.`,
            span: nodeSpan(ref.node),
            data: { name: ref.raw, suggestions: [], systemFlag: true },
          });
          continue;
        }
        report(finding(ref, arch));
      }
    }
    function finding(ref: FeatureRef, a: typeof arch & string) {
      const other = otherArchOf(ref.raw, a);
      const suggestions = suggest(a, ref.raw);
      const why = other
        ? `\`${shown(ref.raw)}\` is ${withArticle(other)} feature, not ${withArticle(a)} one: ${withArticle(a)} image cannot use it.`
        : `\`${shown(ref.raw)}\` is not a known ${a} CPU feature.`;
      return { message: `${why}${didYouMean(suggestions)}`, span: nodeSpan(ref.node), data: { name: ref.raw, suggestions, otherArch: other } };
    }
  },
  fixes(ctx, finding) {
    const hit = featureRefAt(ctx, finding.range);
    const arch = ctx.manifest.arch;
    if (!hit || !arch) return [];
    // A suggestion already in the same list would only trade this error for a duplicate-feature warning.
    const listed = new Set(hit.where.seq.items.map((n) => (n as { value?: unknown })?.value).map((v) => lookupFeature(arch, String(v))?.id));
    const suggestions = ((finding.data?.suggestions as string[] | undefined) ?? []).filter((s) => !listed.has(lookupFeature(arch, s)?.id));
    const flow = inFlowCollection(ctx.yaml.text, hit.ref.node.range![0]);
    const index = hit.where.seq.items.indexOf(hit.ref.node);
    return [
      ...replaceWithEach(ctx, hit.ref.node, suggestions, flow),
      ...compact([fix(`Remove ${hit.ref.raw}`, removeSeqItems(ctx.yaml, hit.where, [index]), suggestions.length === 0)]),
    ];
  },
};
