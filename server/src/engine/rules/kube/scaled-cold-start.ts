import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { EditBuilder } from '../../kube/edits';
import { containerSpan, manifestPolicyFix } from '../../kube/fixes';
import { setRecovery } from '../../kube/recovery';
import { chosenPolicy } from '../../kube/placement';
import { scaledWhy } from '../../kube/scale';

export const rule: KubeRule = {
  meta: kubeMeta('scaled-cold-start', 'info', 'Policy cold-start, chosen in the manifest or the container, on a workload with several replicas or an autoscaler.'),
  check(ctx, report) {
    // Only a cold-start somebody chose: with no choice at all restore-policy-unset speaks (and prefers exit here).
    if (chosenPolicy(ctx) !== 'cold-start') return;
    const why = scaledWhy(ctx);
    if (!why) return;
    report({
      message: `Restore policy cold-start on a workload with ${why}: a replica restored on an incompatible CPU silently starts cold and slow, and passes as healthy. Scaled deployments want exit plus node affinity, so slow never passes for healthy.`,
      span: containerSpan(ctx.restore[0].container),
      data: { why },
    });
  },
  fixes(ctx) {
    const rc = ctx.restore.find((r) => r.manifest) ?? ctx.restore[0];
    const title = 'Switch to exit';
    if (rc.manifest) return [{ ...manifestPolicyFix(ctx, rc.manifest, 'exit', `${title} (manifest and container)`, (b) => void setRecovery(b, rc, 'exit')), isPreferred: true }];
    const b = new EditBuilder(ctx.analysis.yaml);
    return setRecovery(b, rc, 'exit') ? [{ title, edits: b.edits, isPreferred: true }] : [];
  },
};

