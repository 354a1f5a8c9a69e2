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
    assert.deepEqual(lint(after).map((x) => x.ruleId), ['target-missing-features']);
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
