import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { EditBuilder } from '../../kube/edits';
import { cpuidRequirements, findRequirement, nameSpan, nfdName } from '../../kube/labels';
import { NFD_CPUID_LABEL_PREFIX, NFD_DENYLIST, lookupFeature, lookupNfdName, nfdLevelFeatures, nfdLevelImplying, type NfdLevel } from '../../catalog';
import { nodeSpan, pairSpan } from '../../yaml/nodes';
import type { Fix } from '../../types';

export const rule: KubeRule = {
  meta: kubeMeta('nfd-label-denylisted', 'warning', 'A required NFD cpuid label that NFD does not publish by default: pods never schedule.'),
  check(ctx, report) {
    for (const r of cpuidRequirements(ctx)) {
      const name = nfdName(r);
      if (!NFD_DENYLIST.has(name) || !r.requiresTrue) continue;
      const rep = replacementFor(name);
      const alt = rep
        ? ` Require cpu-cpuid.${rep.level} instead (NFD 0.19+), which implies ${name}${rep.extra.length ? `; stricter: it also requires ${rep.extra.join(', ')}` : ''}.`
        : ' No X86_64_V* level implies it: remove the requirement, or allow-list it in NFD (sources.cpu.cpuid.attributeWhitelist).';
      report({
        message: `NFD does not publish cpu-cpuid.${name} with its default configuration (attributeBlacklist): no node carries this label, so the pods never schedule (Pending).${alt}`,
        span: nodeSpan(r.keyNode),
        data: { name, level: rep?.level, extra: rep?.extra ?? [] },
      });
    }
  },
  fixes(ctx, finding) {
    const r = findRequirement(ctx, finding.range.start.line, finding.range.start.character);
    if (!r) return [];
    const rep = replacementFor(nfdName(r));
    const b = new EditBuilder(ctx.analysis.yaml);
    if (!rep) {
      if (r.source === 'affinity') return []; // removing an expression can leave an empty term: let the user decide
      b.deleteLines(pairSpanOf(ctx, r));
      return [{ title: `Remove cpu-cpuid.${nfdName(r)} (never published by default)`, edits: b.edits }];
    }
    const levelKey = NFD_CPUID_LABEL_PREFIX + rep.level;
    const stricter = rep.extra.length ? ` (stricter: also requires ${rep.extra.join(', ')})` : '';
    const duplicate = r.source !== 'affinity' && ctx.constraints.all.some((o) => o.source === r.source && o.key === levelKey);
    if (duplicate) b.deleteLines(pairSpanOf(ctx, r));
    else {
      const span = nameSpan(ctx.analysis.text, r);
      if (!span) return [];
      b.replaceSpan(span, rep.level);
    }
    const fix: Fix = { title: `Replace with cpu-cpuid.${rep.level}${stricter}`, edits: b.edits, isPreferred: true };
    return [fix];
  },
};

/**
 * The lowest X86_64_V* level implying the feature, and what else that level requires (in NFD names). The
 * X86_64_V1 set (CMOV, CX8, FPU, FXSR, MMX, SSE, SSE2) is on every x86-64 CPU, so it makes nothing stricter.
 */
function replacementFor(name: string): { level: NfdLevel; extra: string[] } | undefined {
  const n = lookupNfdName('x86_64', name);
  if (n?.kind !== 'feature') return undefined;
  const level = nfdLevelImplying(n.feature.id);
  if (!level) return undefined;
  const everyCpu = nfdLevelFeatures('X86_64_V1');
  const extra = [...nfdLevelFeatures(level)]
    .filter((id) => id !== n.feature.id && !everyCpu.has(id))
    .map((id) => lookupFeature('x86_64', id)?.nfd ?? id);
  return { level, extra: extra.sort() };
}

function pairSpanOf(ctx: import('../../kube/types').WorkloadContext, r: import('../../kube/constraints').LabelRequirement): [number, number] {
  const map = r.source === 'olaLabels' ? ctx.constraints.olaLabels : ctx.constraints.nodeSelector;
  const pair = map?.items.find((p) => p.key === r.keyNode);
  return (pair && pairSpan(pair)) ?? nodeSpan(r.keyNode)!;
}
