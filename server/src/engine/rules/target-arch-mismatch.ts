import type { ManifestRule } from './types';
import { targetName, targetSpan } from './target-missing-features';
import { nodeSpan } from '../yaml/nodes';
import { withArticle } from './describe';

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
};
