import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, suppressionFixes, validate, type Fix } from '../../server/src/engine';
import { x86 } from '../support/engine';

const URI = 'file:///w/a.criu.yaml';
function apply(text: string, fix: Fix): string {
  const a = analyze(URI, text);
  const off = (p: { line: number; character: number }) => a.yaml.lineCounter.lineStarts[p.line] + p.character;
  const [e] = fix.edits;
  return text.slice(0, off(e.range.start)) + e.newText + text.slice(off(e.range.end));
}
const lint = (text: string) => validate(analyze(URI, text), { reportUnusedSuppressions: 'warning' });

describe('suppress a finding on its line', () => {
  test('inserts a comment above with the same indentation, and the finding is gone', () => {
    const text = x86().replace('microarchitecture: sandybridge', 'microarchitecture: westmere');
    const f = lint(text).find((x) => x.ruleId === 'target-missing-features')!;
    const [fix] = suppressionFixes(analyze(URI, text), f);
    assert.equal(fix.title, 'Suppress target-missing-features on this line');
    const after = apply(text, fix);
    assert.match(after, /\n {4}# criu-portability-disable-next-line target-missing-features\n {4}- name: pool-a/);
    assert.deepEqual(lint(after), []);
  });
  test('merges into a suppression comment already above', () => {
    const text = x86('', '# criu-portability-disable-next-line duplicate-feature\nrequires: [avx2]\n');
    const f = lint(text).find((x) => x.ruleId === 'feature-outside-baseline')!;
    const after = apply(text, suppressionFixes(analyze(URI, text), f)[0]);
    assert.match(after, /# criu-portability-disable-next-line duplicate-feature, feature-outside-baseline\nrequires/);
    // duplicate-feature was never used there: it is still reported, alone.
    const findings = lint(after);
    assert.deepEqual(findings.map((x) => x.ruleId), ['unused-suppression', 'target-missing-features']);
    assert.deepEqual(findings[0].data?.ids, ['duplicate-feature']);
  });
  test('CRLF documents get a CRLF comment line', () => {
    const text = x86('', 'requires: [avx2]\n').replace(/\n/g, '\r\n');
    const f = lint(text).find((x) => x.ruleId === 'feature-outside-baseline')!;
    const after = apply(text, suppressionFixes(analyze(URI, text), f)[0]);
    assert.ok(!/[^\r]\n/.test(after), 'every line ends in CRLF');
  });
  test('not offered for YAML syntax errors', () => {
    const text = 'a: [b\n';
    const f = lint(text).find((x) => x.ruleId === 'yaml-syntax')!;
    assert.deepEqual(suppressionFixes(analyze(URI, text), f), []);
  });
});

describe('remove an unused suppression', () => {
  test('a comment on its own line goes with its line', () => {
    const text = x86('', '# criu-portability-disable-next-line unknown-feature\nrequires: [avx]\n');
    const f = lint(text).find((x) => x.ruleId === 'unused-suppression')!;
    const [fix] = suppressionFixes(analyze(URI, text), f);
    assert.equal(fix.isPreferred, true);
    const after = apply(text, fix);
    assert.equal(after, x86('', 'requires: [avx]\n'));
    assert.deepEqual(lint(after), []);
  });
  test('a trailing comment goes, the value stays', () => {
    const text = x86().replace('onIncompatibleCpu: exit', 'onIncompatibleCpu: exit  # criu-portability-disable-next-line unknown-key');
    const f = lint(text).find((x) => x.ruleId === 'unused-suppression')!;
    assert.equal(apply(text, suppressionFixes(analyze(URI, text), f)[0]), x86());
  });
});

describe('a suppression listing several rules', () => {
  test('reports only the ids that suppress nothing, and the fix removes just those', () => {
    const text = x86('', '# criu-portability-disable-next-line feature-outside-baseline, duplicate-feature  # native lib\nrequires: [avx2]\n');
    const unused = lint(text).filter((x) => x.ruleId === 'unused-suppression');
    assert.equal(unused.length, 1);
    assert.match(unused[0].message, /^duplicate-feature in this suppression suppresses nothing/);
    const [fix] = suppressionFixes(analyze(URI, text), unused[0]);
    assert.equal(fix.title, 'Remove duplicate-feature from this suppression');
    const after = apply(text, fix);
    assert.match(after, /# criu-portability-disable-next-line feature-outside-baseline  # native lib\n/);
    assert.deepEqual(lint(after).map((x) => x.ruleId), ['target-missing-features']);
  });
  test('an unknown rule id says so', () => {
    const text = x86('', '# criu-portability-disable-next-line feature-outside-basline\nrequires: [avx]\n');
    assert.match(lint(text).find((x) => x.ruleId === 'unused-suppression')!.message, /no such rule/);
  });
});
