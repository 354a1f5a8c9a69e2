import type { ManifestRule } from './types';
import { closestNames, didYouMean } from './describe';
import { nodeSpan, textOf } from '../yaml/nodes';

const TYPE_WORDS: Record<string, string> = {
  array: 'a list',
  object: 'a mapping of keys',
  string: 'a text value',
};

export const rule: ManifestRule = {
  meta: {
    id: 'invalid-value',
    defaultSeverity: 'error',
    description: 'A value of the wrong type or outside its allowed values.',
    fileKind: 'manifest',
    fixable: true,
  },
  check(ctx, report) {
    for (const issue of ctx.schema) {
      const path = issue.pointer.slice(1).replace(/\//g, '.') || 'the document';
      const value = textOf(issue.node);
      const span = nodeSpan(issue.node);
      if (!span) continue;
      if (issue.keyword === 'enum' || issue.keyword === 'const') {
        const allowed = (issue.params.allowedValues as unknown[] | undefined) ?? [issue.params.allowedValue];
        const names = allowed.map(String);
        const suggestions = value === undefined ? names : closestNames(value, names);
        report({
          message: `\`${value ?? '(empty)'}\` is not allowed for ${path}: use ${names.map((n) => `\`${n}\``).join(', ')}.${
            suggestions.length && suggestions.length < names.length ? didYouMean(suggestions) : ''
          }`,
          span,
          data: { pointer: issue.pointer, allowed: names, suggestions: suggestions.length ? suggestions : names },
        });
      } else if (issue.keyword === 'type') {
        const want = String(issue.params.type);
        report({
          message: `${path} must be ${TYPE_WORDS[want] ?? want}.`,
          span,
          data: { pointer: issue.pointer, expected: want, suggestions: [] },
        });
      } else if (issue.keyword === 'minLength') {
        report({ message: `${path} must not be empty.`, span, data: { pointer: issue.pointer, suggestions: [] } });
      }
    }
  },
};
