import type { KubeRule } from '../../kube/types';
import { kubeMeta } from '../../kube/types';
import { EditBuilder } from '../../kube/edits';
import { removeToken } from '../../kube/jvmChecks';
import { RESTORE_OPTIONS_VAR } from '../../catalog/envVars';
import { isRestoreAccepted } from '../../catalog/jvmOptions';
import type { RestoreContainer } from '../../kube/link';

const IGNORE = '-XX:+IgnoreUnrecognizedRestoreOptions';

export const rule: KubeRule = {
  meta: kubeMeta('restore-option-unsupported', 'warning', 'OPENJ9_RESTORE_JAVA_OPTIONS has an option OpenJ9 does not accept at restore.'),
  check(ctx, report) {
    for (const rc of ctx.restore) {
      if (ignoresUnrecognized(rc)) continue;
      rc.options.forEach((o, i) => {
        if (o.variable !== RESTORE_OPTIONS_VAR || o.dynamic || isRestoreAccepted(o.text)) return;
        report({
          message: `OpenJ9 does not accept ${o.text} at restore: the restore fails with JVMRestoreException ("The JVM could not enable all the restore options specified")${rc.runtime === 'liberty' ? ' and Liberty falls back to a cold start or exits' : ''}. Remove it, or add ${IGNORE}.`,
          span: o.span,
          data: { container: rc.container.index, option: i },
        });
      });
    }
  },
  fixes(ctx, finding) {
    const rc = ctx.restore.find((r) => r.container.index === finding.data?.container);
    const o = rc?.options[finding.data?.option as number];
    if (!rc || !o) return [];
    const remove = new EditBuilder(ctx.analysis.yaml);
    removeToken(remove, o);
    const add = new EditBuilder(ctx.analysis.yaml);
    const env = o.env;
    if (env.valueNode && env.value !== undefined) add.replaceScalar(env.valueNode, `${env.value.trimEnd()} ${IGNORE}`);
    return [
      { title: `Remove ${o.text}`, edits: remove.edits, isPreferred: true },
      { title: `Add ${IGNORE} (ignore options OpenJ9 cannot apply at restore)`, edits: add.edits },
    ];
  },
};

function ignoresUnrecognized(rc: RestoreContainer): boolean {
  return rc.options.some((o) => o.text === IGNORE);
}
