import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { EditBuilder } from '../../kube/edits';
import { containerSpan, manifestPolicyFix } from '../../kube/fixes';
import { setRecovery } from '../../kube/recovery';
import { policyInForce } from '../../kube/placement';
import { scaledWhy } from '../../kube/scale';

export const rule: KubeRule = {
  meta: kubeMeta('scaled-cold-start', 'info', 'Policy cold-start, carried out by a pre-restore guard or CRaC, on a workload with several replicas or an autoscaler.'),
  check(ctx, report) {
    // Only a cold-start that happens (a guard carrying out the manifest's cold-start, or CRaC's
    // -XX:+CRaCIgnoreRestoreIfUnavailable): without a guard restore-policy-unset speaks, and prefers exit here.
    if (policyInForce(ctx) !== 'cold-start') return;
    const why = scaledWhy(ctx);
    if (!why) return;
    report({
      message: `Restore policy cold-start on a workload with ${why}: a replica on a CPU that cannot run the image silently starts cold and slow, without the checkpoint, and passes as healthy. Scaled deployments want exit plus node affinity, so slow never passes for healthy.`,
      span: containerSpan(ctx.restore[0].container),
      data: { why },
    });
  },
  fixes(ctx) {
    const rc = ctx.restore.find((r) => r.manifest) ?? ctx.restore[0];
    const title = 'Switch to exit';
    // The guard script carries the policy it was generated with: generate it again after the switch.
    const regenerate = rc.guard?.kind === 'script' || rc.guard?.kind === 'image' ? '; then generate the guard again' : '';
    if (rc.manifest) return [{ ...manifestPolicyFix(ctx, rc.manifest, 'exit', `${title} (manifest and container${regenerate})`, (b) => void setRecovery(b, rc, 'exit')), isPreferred: true }];
    const b = new EditBuilder(ctx.analysis.yaml);
    return setRecovery(b, rc, 'exit') ? [{ title, edits: b.edits, isPreferred: true }] : [];
  },
};

