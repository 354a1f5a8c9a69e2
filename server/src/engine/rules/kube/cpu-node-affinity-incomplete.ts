import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { hasCpuConstraint } from '../../kube/constraints';
import { affinityFix, consequence, nfdLevelNote, placementOf } from '../../kube/placement';
import { nodeSpan } from '../../yaml/nodes';

export const rule: KubeRule = {
  meta: kubeMeta('cpu-node-affinity-incomplete', 'warning', 'Node constraints exist but miss part of the CPU features the linked checkpoint requires.'),
  check(ctx, report) {
    if (!hasCpuConstraint(ctx.constraints)) return;
    const p = placementOf(ctx);
    if (!p || p.missing.length === 0) return;
    const first = ctx.constraints.all.find((r) => r.key.startsWith('feature.node.kubernetes.io/cpu-cpuid.'));
    report({
      message: `The node constraints do not guarantee ${p.missing.join(', ')}, which the checkpoint requires: ${consequence(ctx)}.${p.labels.length ? ` Also require ${p.labels.map((l) => `cpu-cpuid.${l}`).join(', ')}${nfdLevelNote(p.labels)}.` : ''}`,
      span: nodeSpan(first?.keyNode),
      data: { missing: p.missing, labels: p.labels },
    });
  },
  fixes(ctx) {
    const p = placementOf(ctx);
    return p ? affinityFix(ctx, p.labels) : [];
  },
};
