import type { ManifestRule } from './types';
import { closestNames, didYouMean, shown } from './describe';
import { nodeSpan, textOf } from '../yaml/nodes';
import { isScalar } from 'yaml';
import { schemaAt } from '../manifest/schema';
import { atPointer, compact, fix, inFlowCollection, renderScalar, replaceNode, setPairValue } from '../edit';

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
          message: `\`${shown(value ?? '(empty)')}\` is not allowed for ${path}: use ${names.map((n) => `\`${n}\``).join(', ')}.${
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
      } else if (issue.keyword === 'pattern') {
        // A release number (`jvm.release`, `checkpoint.glibc`): the schema's examples show the expected form.
        const examples = schemaAt(issue.pointer)?.examples as unknown[] | undefined;
        const like = examples?.length ? `, like ${examples.map((e) => `\`${String(e)}\``).join(' or ')}` : '';
        report({
          message: `\`${shown(value ?? '(empty)')}\` is not a release number for ${path}: write it as digits and dots${like}.`,
          span,
          data: { pointer: issue.pointer, suggestions: [] },
        });
      } else if (issue.keyword === 'minLength') {
        report({ message: `${path} must not be empty.`, span, data: { pointer: issue.pointer, suggestions: [] } });
      }
    }
  },
  fixes(ctx, finding) {
    const pointer = finding.data?.pointer;
    if (typeof pointer !== 'string') return [];
    const hit = atPointer(ctx, pointer);
    if (!hit) return [];
    const value = hit.value as { range?: [number, number, number] | null } | null;
    const empty = value === null || value === undefined || (isScalar(value) && (value.value === null || !value.range || value.range[0] === value.range[1]));
    // A map value (`key:`, `key: ~`, `key: null   # note`) is replaced through its pair; a list item in place.
    const setTo = (text: string) =>
      hit.pair ? setPairValue(ctx.yaml, hit.pair, { inline: text }) : !empty && value?.range ? replaceNode(ctx.yaml, value, text) : undefined;
    const flow = value?.range ? inFlowCollection(ctx.yaml.text, value.range[0]) : false;
    const suggestions = (finding.data?.suggestions as string[] | undefined) ?? [];
    if (suggestions.length) {
      return compact(suggestions.map((s, i) => fix(`Replace with ${s}`, [setTo(renderScalar(s, value, flow))], i === 0)));
    }
    // Type errors with an obvious repair: a single name where a list belongs, a number or boolean where text belongs.
    const expected = finding.data?.expected;
    if (isScalar(value) && !empty && value.range) {
      const source = ctx.yaml.text.slice(value.range[0], value.range[1]);
      if (expected === 'array') return compact([fix(`Make it a list: [${source}]`, [setTo(`[${source}]`)], true)]);
      if (expected === 'string' && typeof value.value !== 'string') return compact([fix(`Quote it: "${source}"`, [setTo(JSON.stringify(source))], true)]);
    }
    return [];
  },
};
