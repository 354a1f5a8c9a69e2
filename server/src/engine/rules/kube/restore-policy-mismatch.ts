import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { EditBuilder } from '../../kube/edits';
import { containerLabel, containerSpan, manifestPolicyFix } from '../../kube/fixes';
import { manifestPolicy } from '../../kube/link';
import { setRecovery, settingFor } from '../../kube/recovery';
import { nodeSpan } from '../../yaml/nodes';
import type { Fix } from '../../types';

export const rule: KubeRule = {
  meta: kubeMeta('restore-policy-mismatch', 'warning', "The container's recovery setting (Liberty's CRIU_RESTORE_DISABLE_RECOVERY, CRaC's -XX:+CRaCIgnoreRestoreIfUnavailable) contradicts the linked manifest's restore-failure policy."),
  check(ctx, report) {
    for (const rc of ctx.restore) {
      if (!rc.runtimeKnown) continue; // what happens on failure depends on a runtime we do not know
      const policy = manifestPolicy(rc);
      const rec = rc.recovery;
      if (!policy || !rec || rec.policy === policy) continue;
      const label = containerLabel(rc.container);
      const liberty = rc.runtime === 'liberty';
      const value = rec.env?.value;
      const actual = liberty && rec.explicit && value !== 'true' && value?.trim().toLowerCase() === 'true'
        ? `CRIU_RESTORE_DISABLE_RECOVERY is ${JSON.stringify(value)}, and Liberty's bin/server compares it with exactly "true", so a failing criu restore still falls back to a cold start`
        : rec.explicit
          ? liberty
            ? `${settingFor(rc, rec.policy)} makes a failing criu restore ${rec.policy === 'exit' ? 'stop the server (CWWKE0964E)' : 'fall back to a cold start'}`
            : `${settingFor(rc, rec.policy)} makes CRaC ${rec.policy === 'exit' ? 'exit' : 'start cold'} when it refuses the restore`
          : liberty
            ? `${label} does not set CRIU_RESTORE_DISABLE_RECOVERY=true, so a failing criu restore silently falls back to a cold start`
            : `${label} has no -XX:+CRaCIgnoreRestoreIfUnavailable, so CRaC exits when it refuses the restore (a crash loop)`;
      // Liberty's setting covers a failing `criu restore` (capabilities, seccomp, files); an incompatible CPU does not
      // fail it (--cpu-cap=none) and needs the pre-restore guard (restore-policy-unset says when there is none).
      const cpu = liberty ? ' The setting covers a failing criu restore only; on an incompatible CPU the pre-restore guard carries the policy out.' : '';
      const span = rec.env?.valueNode ? nodeSpan(rec.env.valueNode) : rec.option ? rec.option.span : containerSpan(rc.container);
      report({
        message: `The manifest's restore policy is ${policy}, but ${actual}.${cpu}`,
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
