import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { EditBuilder } from '../../kube/edits';
import { addGuard, canAddGuard, containerLabel, containerSpan, guardConfigMap, manifestPolicyFix } from '../../kube/fixes';
import { cracCheckOff, GUARD_MOUNT_DIR, GUARD_SCRIPT_NAME } from '../../kube/guard';
import { manifestPolicy, type Policy, type RestoreContainer } from '../../kube/link';
import { scaledWhy } from '../../kube/scale';
import type { Fix } from '../../types';

// On a CPU that cannot run the image nothing in OpenJ9 or Liberty stops the restore (Liberty's bin/server runs
// `criu restore --cpu-cap=none` and falls back to a cold start only when criu restore fails; CRIU returns 0 once
// the tasks resume): the restore-failure policy happens only through a pre-restore guard, or CRaC's own check
// (docs/guard.md has the sources).
export const rule: KubeRule = {
  meta: kubeMeta('restore-policy-unset', 'info', 'A restore container where no restore-failure policy is in force: nothing checks the CPU before the restore.'),
  check(ctx, report) {
    const why = scaledWhy(ctx);
    for (const rc of ctx.restore) {
      if (!rc.runtimeKnown) continue; // what happens depends on a runtime we do not know
      if (rc.guard) continue; // a guard script, or CRaC's own CPU check, carries a policy out
      const policy = manifestPolicy(rc);
      const label = containerLabel(rc.container);
      const head = policy
        ? `The manifest's restore policy is ${policy}, but nothing carries it out for ${label}: no pre-restore guard checks the CPU`
        : `Nobody decided what ${label} does when it is restored on a CPU that cannot run the image, and nothing checks the CPU before the restore`;
      const advice = policy
        ? ''
        : why
          ? ` With ${why}, choose exit: it fails fast, so a slow cold start never passes for a healthy replica.`
          : ' For a single instance cold-start keeps it serving (slowly); exit fails fast.';
      report({
        message: `${head}: ${whatHappens(rc)}. Run the script \`criu-portability guard\` writes before the restore (docs/guard.md).${advice}`,
        span: containerSpan(rc.container),
        data: { container: rc.container.index, runtime: rc.runtime, scaled: why, policy },
      });
    }
  },
  fixes(ctx, finding) {
    const rc = ctx.restore.find((r) => r.container.index === finding.data?.container);
    if (!rc || !canAddGuard(ctx, rc.container, rc.runtime)) return [];
    const where = `${GUARD_MOUNT_DIR}/${GUARD_SCRIPT_NAME} from ConfigMap ${guardConfigMap(ctx)}`;
    const decided = manifestPolicy(rc);
    // A lone instance prefers cold-start; a scaled one is offered exit only (cold-start there is scaled-cold-start's
    // finding). A decided policy keeps its own.
    const order: Policy[] = decided ? [decided] : scaledWhy(ctx) ? ['exit'] : ['cold-start', 'exit'];
    const out: Fix[] = [];
    for (const policy of order) {
      // With exit, a failing `criu restore` should fail the pod too: Liberty recovers unless it reads exactly "true".
      const recovery = policy === 'exit' ? 'true' : undefined;
      const title = `Run the pre-restore guard (${policy}): ${where}${recovery ? ', and CRIU_RESTORE_DISABLE_RECOVERY=true' : ''}`;
      if (rc.manifest && !decided) {
        out.push(manifestPolicyFix(ctx, rc.manifest, policy, `${title}; set ${policy} in the manifest`, (b) => addGuard(b, ctx, rc.container, recovery)));
      } else {
        const b = new EditBuilder(ctx.analysis.yaml);
        addGuard(b, ctx, rc.container, recovery);
        out.push({ title, edits: b.edits });
      }
    }
    if (out[0]) out[0].isPreferred = true;
    return out;
  },
};

/** What a restore on an incompatible CPU does with no guard. */
export function whatHappens(rc: RestoreContainer): string {
  if (rc.runtime === 'liberty') {
    const env = rc.recovery?.explicit ? ', whatever CRIU_RESTORE_DISABLE_RECOVERY says' : '';
    return `Liberty restores it anyway (criu restore --cpu-cap=none) and the JVM crash-loops with SIGILL${env}; Liberty's cold-start fallback covers only a failing criu restore`;
  }
  if (rc.runtime === 'crac') {
    const off = cracCheckOff(rc.options);
    return `${off ? off.text : 'an option'} switches CRaC's CPU check off, so it is restored anyway and the JVM crash-loops with SIGILL`;
  }
  return 'OpenJ9 restores it anyway and the JVM crash-loops with SIGILL';
}
