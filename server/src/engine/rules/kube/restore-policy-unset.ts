import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { EditBuilder } from '../../kube/edits';
import { containerLabel, containerSpan, manifestPolicyFix } from '../../kube/fixes';
import { manifestPolicy, type Policy } from '../../kube/link';
import { setRecovery, settingFor } from '../../kube/recovery';
import { scaledWhy } from '../../kube/scale';
import type { Fix } from '../../types';

export const rule: KubeRule = {
  meta: kubeMeta('restore-policy-unset', 'info', 'A restore container with no linked restore-failure policy and no explicit recovery setting.'),
  check(ctx, report) {
    // The one policy finding when nobody chose: scaled-cold-start waits for an explicit cold-start, so the two
    // never contradict each other on one container.
    const why = scaledWhy(ctx);
    for (const rc of ctx.restore) {
      if (!rc.runtimeKnown) continue; // what happens on failure depends on a runtime we do not know
      if (manifestPolicy(rc) || rc.recovery?.explicit) continue;
      const now =
        rc.runtime === 'liberty' ? 'Liberty falls back to a slow cold start (its default)'
          : rc.runtime === 'crac' ? 'CRaC exits (its default)'
            : 'OpenJ9 restores anyway and can crash with SIGILL';
      const advice = why
        ? `With ${why}, choose exit: it fails fast, so a slow cold start never passes for a healthy replica.`
        : 'For a single instance cold-start keeps it serving (slowly); exit fails fast. Choose one.';
      report({
        message: `Nobody decided what ${containerLabel(rc.container)} does when it is restored on an incompatible CPU: ${now}. ${advice}`,
        span: containerSpan(rc.container),
        data: { container: rc.container.index, runtime: rc.runtime, scaled: why },
      });
    }
  },
  fixes(ctx, finding) {
    const rc = ctx.restore.find((r) => r.container.index === finding.data?.container);
    if (!rc) return [];
    // A lone instance prefers cold-start (the same preference as restore-policy-missing). A scaled workload gets
    // exit only: a cold-start chosen there is exactly what scaled-cold-start flags, so offering it would trade this
    // finding for that one.
    const order: Policy[] = scaledWhy(ctx) ? ['exit'] : ['cold-start', 'exit'];
    const out: Fix[] = [];
    for (const policy of order) {
      const setting = settingFor(rc, policy);
      if (rc.manifest) {
        out.push(manifestPolicyFix(ctx, rc.manifest, policy, `Set ${policy} in the manifest${setting ? ` and ${setting}` : ''}`, (b) => void setRecovery(b, rc, policy)));
      } else if (setting) {
        const b = new EditBuilder(ctx.analysis.yaml);
        setRecovery(b, rc, policy);
        out.push({ title: `Set ${policy}: ${setting}`, edits: b.edits });
      }
    }
    if (out[0]) out[0].isPreferred = true;
    return out;
  },
};
