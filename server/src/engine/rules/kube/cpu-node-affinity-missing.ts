import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { hasCpuConstraint } from '../../kube/constraints';
import { affinityFix, consequence, nfdLevelNote, placementOf } from '../../kube/placement';
import { containerSpan } from '../../kube/fixes';

export const rule: KubeRule = {
  meta: kubeMeta('cpu-node-affinity-missing', 'warning', "No node constraint guarantees the CPU features the linked checkpoint requires."),
  check(ctx, report) {
    if (hasCpuConstraint(ctx.constraints)) return;
    const p = placementOf(ctx);
    if (!p || p.missing.length === 0) return;
    const rc = ctx.restore.find((r) => r.manifest) ?? ctx.restore[0];
    report({
      message: `No node constraint guarantees the CPU features the checkpoint requires (${p.missing.join(', ')}): ${consequence(ctx)}. Require the NFD labels ${p.labels.map((l) => `cpu-cpuid.${l}`).join(', ')}${nfdLevelNote(p.labels)}.`,
      span: containerSpan(rc.container),
      data: { missing: p.missing, labels: p.labels },
    });
  },
  fixes(ctx) {
    const p = placementOf(ctx);
    return p ? affinityFix(ctx, p.labels) : [];
  },
};
