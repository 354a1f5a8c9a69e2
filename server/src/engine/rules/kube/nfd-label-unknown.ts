import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { EditBuilder } from '../../kube/edits';
import { cpuidRequirements, findRequirement, isKnownNfdName, labelArch, nameSpan, nfdName, suggestNfdNames } from '../../kube/labels';
import { archPins } from '../../kube/constraints';
import { nodeSpan } from '../../yaml/nodes';

export const rule: KubeRule = {
  meta: kubeMeta('nfd-label-unknown', 'error', 'An NFD cpuid label name that does not exist: no node ever carries it.'),
  check(ctx, report) {
    const arch = labelArch(ctx);
    const archKnown = !!ctx.arch || !!archPins(ctx.constraints)?.length;
    for (const r of cpuidRequirements(ctx)) {
      const name = nfdName(r);
      if (isKnownNfdName(arch, name, archKnown)) continue;
      const suggestions = suggestNfdNames(arch, name);
      report({
        message: `Node Feature Discovery publishes no label cpu-cpuid.${name} on ${arch} (names are case-sensitive): no node matches, so the pods never schedule.${suggestions.length ? ` Did you mean ${suggestions.join(', ')}?` : ''}`,
        span: nodeSpan(r.keyNode),
        data: { name, suggestions },
      });
    }
  },
  fixes(ctx, finding) {
    const r = findRequirement(ctx, finding.range.start.line, finding.range.start.character);
    const suggestions = Array.isArray(finding.data?.suggestions) ? (finding.data!.suggestions as string[]) : [];
    const span = r ? nameSpan(ctx.analysis.text, r) : undefined;
    if (!span) return [];
    return suggestions.map((s, i) => {
      const b = new EditBuilder(ctx.analysis.yaml);
      b.replaceSpan(span, s);
      return { title: `Replace with cpu-cpuid.${s}`, edits: b.edits, isPreferred: i === 0 };
    });
  },
};
