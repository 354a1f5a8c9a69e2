// The container side of the restore-failure policy (docs/policy.md): Liberty's CRIU_RESTORE_DISABLE_RECOVERY, CRaC's
// -XX:+CRaCIgnoreRestoreIfUnavailable in a JVM options variable. Plain OpenJ9 has no such setting.
import { LIBERTY_RECOVERY_VAR } from '../catalog/envVars';
import type { EditBuilder } from './edits';
import { setEnv } from './fixes';
import type { Policy, RestoreContainer } from './link';

export const CRAC_IGNORE = 'CRaCIgnoreRestoreIfUnavailable';

/** Human words for the setting that gives a policy. */
export function settingFor(rc: RestoreContainer, policy: Policy): string | undefined {
  if (rc.runtime === 'liberty') return `${LIBERTY_RECOVERY_VAR}=${policy === 'exit' ? 'true' : 'false'}`;
  if (rc.runtime === 'crac') return `-XX:${policy === 'exit' ? '-' : '+'}${CRAC_IGNORE}`;
  return undefined;
}

/** Edit the container so a failed restore follows the policy; false when the runtime has no setting. */
export function setRecovery(b: EditBuilder, rc: RestoreContainer, policy: Policy): boolean {
  const c = rc.container;
  if (rc.runtime === 'liberty') {
    setEnv(b, c, LIBERTY_RECOVERY_VAR, policy === 'exit' ? 'true' : 'false');
    return true;
  }
  if (rc.runtime !== 'crac') return false;
  const option = `-XX:${policy === 'exit' ? '-' : '+'}${CRAC_IGNORE}`;
  const existing = rc.recovery?.option;
  if (existing) {
    b.replaceSpan(existing.span, option);
    return true;
  }
  const host = rc.options.find((o) => /^-XX:CRaC/.test(o.text))?.env ?? c.env.find((e) => e.name === 'JAVA_TOOL_OPTIONS');
  if (host?.valueNode && host.value !== undefined) b.replaceScalar(host.valueNode, `${host.value.trimEnd()} ${option}`);
  else setEnv(b, c, 'JAVA_TOOL_OPTIONS', option);
  return true;
}
