import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { EditBuilder } from '../../kube/edits';
import { containerLabel } from '../../kube/fixes';
import { asScalar, getPair, nodeSpan, textOf } from '../../yaml/nodes';

export const rule: KubeRule = {
  meta: kubeMeta('restore-privilege-escalation-disabled', 'warning', 'A restore container sets allowPrivilegeEscalation: false.'),
  check(ctx, report) {
    for (const rc of ctx.restore) {
      const pair = getPair(rc.container.securityContext, 'allowPrivilegeEscalation');
      if (textOf(pair?.value) !== 'false') continue;
      report({
        message: `${containerLabel(rc.container)} sets allowPrivilegeEscalation: false, which sets no_new_privs: the restored process cannot regain the capabilities CRIU restores, and the restore fails. Open Liberty InstantOn documents allowPrivilegeEscalation: true.`,
        span: nodeSpan(pair!.value),
        data: { container: rc.container.index },
      });
    }
  },
  fixes(ctx, finding) {
    const rc = ctx.restore.find((r) => r.container.index === finding.data?.container);
    const node = asScalar(getPair(rc?.container.securityContext, 'allowPrivilegeEscalation')?.value);
    if (!node) return [];
    const b = new EditBuilder(ctx.analysis.yaml);
    b.replaceSpan(nodeSpan(node)!, 'true');
    return [{ title: 'Set allowPrivilegeEscalation: true', edits: b.edits, isPreferred: true }];
  },
};
