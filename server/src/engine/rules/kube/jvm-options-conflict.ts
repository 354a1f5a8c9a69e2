import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { EditBuilder } from '../../kube/edits';
import { removeToken } from '../../kube/jvmChecks';
import type { RestoreContainer } from '../../kube/link';

export const rule: KubeRule = {
  meta: kubeMeta('jvm-options-conflict', 'error', '-XX:+EnableCRIUSupport together with -XX:CRaCCheckpointTo.'),
  check(ctx, report) {
    for (const rc of ctx.restore) {
      const pair = conflict(rc);
      if (!pair) continue;
      report({
        message: `-XX:+EnableCRIUSupport (${pair.criu.variable}) and -XX:CRaCCheckpointTo (${pair.crac.variable}) cannot be combined: OpenJ9 refuses to start ("The command line options -XX:+EnableCRIUSupport and -XX:CRaCCheckpointTo=[DIR] are not compatible"). Keep one checkpoint mechanism.`,
        span: pair.crac.span,
        data: { container: rc.container.index },
      });
    }
  },
  fixes(ctx, finding) {
    const rc = ctx.restore.find((r) => r.container.index === finding.data?.container);
    const pair = rc && conflict(rc);
    if (!pair) return [];
    return [
      { o: pair.crac, title: 'Remove -XX:CRaCCheckpointTo (keep OpenJ9 CRIU support)' },
      { o: pair.criu, title: 'Remove -XX:+EnableCRIUSupport (keep CRaC)' },
    ].map(({ o, title }) => {
      const b = new EditBuilder(ctx.analysis.yaml);
      removeToken(b, o);
      return { title, edits: b.edits };
    });
  },
};

function conflict(rc: RestoreContainer) {
  const criu = rc.options.find((o) => o.text === '-XX:+EnableCRIUSupport');
  const crac = rc.options.find((o) => o.text.startsWith('-XX:CRaCCheckpointTo'));
  return criu && crac ? { criu, crac } : undefined;
}
