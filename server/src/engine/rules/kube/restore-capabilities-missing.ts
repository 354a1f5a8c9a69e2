import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { addedCapabilities, isPrivileged } from '../../kube/link';
import { EditBuilder } from '../../kube/edits';
import { addCapabilities, containerLabel, containerSpan, missingRestoreCapabilities } from '../../kube/fixes';
import { nodeSpan } from '../../yaml/nodes';
import { capitalised } from '../describe';
import { restoreCapabilitiesFor } from '../../catalog/capabilities';

export const rule: KubeRule = {
  meta: kubeMeta('restore-capabilities-missing', 'error', 'A restore container does not add the capabilities its runtime restores with (CHECKPOINT_RESTORE and SETPCAP for OpenJ9 and Liberty, CHECKPOINT_RESTORE and SYS_PTRACE for CRaC), and is not privileged.'),
  check(ctx, report) {
    for (const rc of ctx.restore) {
      const c = rc.container;
      if (isPrivileged(c)) continue;
      const missing = missingRestoreCapabilities(addedCapabilities(c), rc.runtime);
      if (!missing.length) continue;
      report({
        message: `${capitalised(containerLabel(c))} restores a checkpoint but does not add ${missing.join(' and ')}: the restore fails (CRIU cannot restore without them) and the pod ${rc.recovery?.policy === 'cold-start' ? 'falls back to a slow cold start' : 'crash-loops'}. Add capabilities.add: [${restoreCapabilitiesFor(rc.runtime).join(', ')}].`,
        span: c.securityContext ? keySpanOf(c) : containerSpan(c),
        data: { container: c.index, missing },
      });
    }
  },
  fixes(ctx, finding) {
    const rc = ctx.restore.find((r) => r.container.index === finding.data?.container);
    if (!rc) return [];
    const missing = missingRestoreCapabilities(addedCapabilities(rc.container), rc.runtime);
    if (!missing.length) return [];
    const b = new EditBuilder(ctx.analysis.yaml);
    addCapabilities(b, rc.container, missing);
    return [{ title: `Add ${missing.join(', ')} to securityContext.capabilities.add`, edits: b.edits, isPreferred: true }];
  },
};

function keySpanOf(c: import('../../kube/model').Container): [number, number] {
  const pair = c.node.items.find((p) => (p.key as { value?: unknown })?.value === 'securityContext');
  return nodeSpan(pair?.key) ?? containerSpan(c);
}
