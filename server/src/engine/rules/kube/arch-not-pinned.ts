import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { EditBuilder } from '../../kube/edits';
import { archPins, GOARCH } from '../../kube/constraints';
import { containerSpan, pinArch } from '../../kube/fixes';
import type { Arch } from '../../catalog';

export const rule: KubeRule = {
  meta: kubeMeta('arch-not-pinned', 'warning', 'A restore workload has no kubernetes.io/arch constraint.'),
  check(ctx, report) {
    if (archPins(ctx.constraints)) return;
    const where = ctx.arch ? ` The checkpoint is ${ctx.arch} (${GOARCH[ctx.arch]}).` : '';
    report({
      message: `Pods of ${ctx.workload.kind} "${ctx.workload.name ?? ''}" can land on nodes of any CPU architecture, where the checkpoint image cannot be restored (exec format error or no matching image).${where} Pin kubernetes.io/arch.`,
      span: containerSpan(ctx.restore[0].container),
      data: { arch: ctx.arch },
    });
  },
  fixes(ctx) {
    const arches: Arch[] = ctx.arch ? [ctx.arch] : ['x86_64', 'aarch64', 'ppc64le', 's390x'];
    return arches.map((a) => {
      const b = new EditBuilder(ctx.analysis.yaml);
      pinArch(b, ctx, GOARCH[a]);
      return { title: `Pin kubernetes.io/arch: ${GOARCH[a]}`, edits: b.edits, isPreferred: !!ctx.arch };
    });
  },
};
