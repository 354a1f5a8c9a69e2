import type { ManifestRule } from './types';
import { schemaAt } from '../manifest/schema';
import { closestNames, didYouMean, shown } from './describe';
import { indexedPair, nodeSpan } from '../yaml/nodes';
import { asMap } from '../yaml/nodes';
import { pairWithKeyAt, replaceWithEach } from '../edit';

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
      const pair = indexedPair(map, key);
      if (!pair) continue;
      const known = Object.keys((schemaAt(issue.pointer)?.properties as object | undefined) ?? {});
      const suggestions = closestNames(key, known);
      const where = issue.pointer === '' ? 'at the top level' : `in ${issue.pointer.slice(1).replace(/\//g, '.')}`;
      report({
        message: `Unknown key \`${shown(key)}\` ${where}: it is ignored.${didYouMean(suggestions)}`,
        span: nodeSpan(pair.key),
        data: { key, suggestions },
      });
    }
  },
  fixes(ctx, finding) {
    const hit = pairWithKeyAt(ctx, finding.range);
    if (!hit) return [];
    // Renaming onto a key the map already has would make a duplicate key.
    const present = new Set(hit.map.items.map((p) => (p.key as { value?: unknown } | null)?.value));
    const suggestions = ((finding.data?.suggestions as string[] | undefined) ?? []).filter((s) => !present.has(s));
    return replaceWithEach(ctx, hit.pair.key as object, suggestions, hit.map.flow ?? false);
  },
};
