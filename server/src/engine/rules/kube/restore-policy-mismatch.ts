import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { EditBuilder } from '../../kube/edits';
import { containerLabel, containerSpan, manifestPolicyFix } from '../../kube/fixes';
import { manifestPolicy } from '../../kube/link';
import { setRecovery, settingFor } from '../../kube/recovery';
import { nodeSpan } from '../../yaml/nodes';
import type { Fix } from '../../types';

export const rule: KubeRule = {
  meta: kubeMeta('restore-policy-mismatch', 'warning', "The container's recovery setting contradicts the linked manifest's restore-failure policy."),
  check(ctx, report) {
    for (const rc of ctx.restore) {
      if (!rc.runtimeKnown) continue; // what happens on failure depends on a runtime we do not know
      const policy = manifestPolicy(rc);
      const rec = rc.recovery;
      if (!policy || !rec || rec.policy === policy) continue;
      const actual = rec.explicit
        ? `${settingFor(rc, rec.policy)} makes it ${rec.policy === 'exit' ? 'exit' : 'fall back to a slow cold start'}`
        : rc.runtime === 'liberty'
          ? `${containerLabel(rc.container)} does not set CRIU_RESTORE_DISABLE_RECOVERY=true, so Liberty silently falls back to a slow cold start`
          : `${containerLabel(rc.container)} has no -XX:+CRaCIgnoreRestoreIfUnavailable, so CRaC exits: a crash loop`;
      const span = rec.env?.valueNode ? nodeSpan(rec.env.valueNode) : rec.option ? rec.option.span : containerSpan(rc.container);
      report({
        message: `The manifest's restore policy is ${policy}, but ${actual} when the CPU is incompatible.`,
        span,
        data: { container: rc.container.index, policy, actual: rec.policy },
      });
    }
  },
  fixes(ctx, finding) {
    const rc = ctx.restore.find((r) => r.container.index === finding.data?.container);
    const policy = rc ? manifestPolicy(rc) : undefined;
    if (!rc || !policy || !rc.recovery || !rc.manifest) return [];
    const out: Fix[] = [];
    const b = new EditBuilder(ctx.analysis.yaml);
    if (setRecovery(b, rc, policy)) out.push({ title: `Set ${settingFor(rc, policy)} (the manifest's ${policy})`, edits: b.edits, isPreferred: true });
    const other = rc.recovery.policy;
    out.push(manifestPolicyFix(ctx, rc.manifest, other, `Change the manifest's restore.onIncompatibleCpu to ${other}`));
    return out;
  },
};
