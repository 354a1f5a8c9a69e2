import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { EditBuilder } from '../../kube/edits';
import { archPins, GOARCH } from '../../kube/constraints';
import { normalizeArch } from '../../catalog';
import { nodeSpan } from '../../yaml/nodes';

export const rule: KubeRule = {
  meta: kubeMeta('arch-mismatch', 'error', 'A restore workload is pinned to another architecture than its checkpoint manifest.'),
  check(ctx, report) {
    if (!ctx.arch) return;
    for (const pin of archPins(ctx.constraints) ?? []) {
      if (normalizeArch(pin.value) === ctx.arch) continue;
      report({
        message: `Pinned to ${pin.value}, but the linked checkpoint was taken on ${ctx.arch} (${GOARCH[ctx.arch]}): every pod fails to restore there.`,
        span: nodeSpan(pin.node),
        data: { expected: GOARCH[ctx.arch], actual: pin.value },
      });
    }
  },
  fixes(ctx, finding) {
    if (!ctx.arch) return [];
    const pin = (archPins(ctx.constraints) ?? []).find((p) => {
      const s = nodeSpan(p.node);
      return s && ctx.analysis.yaml.pos(s[0]).line === finding.range.start.line && ctx.analysis.yaml.pos(s[0]).character === finding.range.start.character;
    });
    if (!pin) return [];
    const b = new EditBuilder(ctx.analysis.yaml);
    b.replaceScalar(pin.node, GOARCH[ctx.arch]);
    return [{ title: `Change to ${GOARCH[ctx.arch]}`, edits: b.edits, isPreferred: true }];
  },
};
