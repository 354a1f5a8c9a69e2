import type { ManifestRule } from './types';
import { schemaAt } from '../manifest/schema';
import { closestNames, didYouMean } from './describe';
import { getPair, nodeSpan } from '../yaml/nodes';
import { asMap } from '../yaml/nodes';

export const rule: ManifestRule = {
  meta: {
    id: 'unknown-key',
    defaultSeverity: 'warning',
    description: 'A key the manifest schema does not know.',
    fileKind: 'manifest',
    fixable: true,
  },
  check(ctx, report) {
    for (const issue of ctx.schema) {
      if (issue.keyword !== 'additionalProperties') continue;
      const key = String(issue.params.additionalProperty);
      const map = asMap(issue.node);
      const pair = getPair(map, key);
      if (!pair) continue;
      const known = Object.keys((schemaAt(issue.pointer)?.properties as object | undefined) ?? {});
      const suggestions = closestNames(key, known);
      const where = issue.pointer === '' ? 'at the top level' : `in ${issue.pointer.slice(1).replace(/\//g, '.')}`;
      report({
        message: `Unknown key \`${key}\` ${where}: it is ignored.${didYouMean(suggestions)}`,
        span: nodeSpan(pair.key),
        data: { key, suggestions },
      });
    }
  },
};
