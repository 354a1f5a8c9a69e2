import type { ManifestRule } from './types';
import { targetName, targetSpan } from './target-missing-features';
import { nodeSpan } from '../yaml/nodes';
import { withArticle } from './describe';
import { compact, fix, removeSeqItems, targetsLocation } from '../edit';

export const rule: ManifestRule = {
  meta: {
    id: 'target-arch-mismatch',
    defaultSeverity: 'error',
    description: 'A restore target of another architecture.',
    fileKind: 'manifest',
    fixable: true,
  },
  check(ctx, report) {
    const m = ctx.manifest;
    if (!m.arch) return;
    for (const t of m.targets) {
      if (!t.resolved || t.resolved.arch === m.arch) continue;
      report({
        message: `${targetName(t)} is ${withArticle(t.resolved.arch)} machine: ${withArticle(m.arch)} checkpoint cannot be restored there at all.`,
        span: nodeSpan(t.microarchitecture?.node) ?? targetSpan(t),
        data: { target: t.index, targetArch: t.resolved.arch },
      });
    }
  },
  fixes(ctx, finding) {
    const index = finding.data?.target;
    const where = targetsLocation(ctx);
    const t = ctx.manifest.targets.find((x) => x.index === index);
    if (!where || !t) return [];
    return compact([fix(`Remove restore target ${targetName(t)}`, removeSeqItems(ctx.yaml, where, [t.index]), true)]);
  },
};
