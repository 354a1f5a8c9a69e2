// Duplicate keys are found by a linear pass (yaml's uniqueKeys is quadratic in a map's keys: minutes on a generated
// 100,000-key manifest) with the same verdicts and positions as yaml's own check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { parseYaml } from '../../server/src/engine/yaml/parse';

const CASES = [
  'a: 1\na: 2\n',
  'a: 1\nb:\n  c: 1\n  c: 2\na: 3\n',
  '{a: 1, b: 2, a: 3}\n',
  '- {x: 1, x: 2}\n- y: 1\n  y: 2\n',
  '"a": 1\na: 2\n\'a\': 3\n',
  '1: a\n"1": b\n1: c\n',
  '? [a]\n: 1\n? [a]\n: 2\n',
  'a: 1\n---\na: 2\n',
  '&k a: 1\n*k : 2\n',
  'a:\n  - b: 1\n    b: 2\n',
];

const yamlsVerdict = (text: string) =>
  (parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false }) as unknown as { errors: { code: string; pos: [number, number] }[] }[])
    .flatMap((d) => d.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]));

test('the same duplicate keys as yaml reports, at the same offsets', () => {
  for (const text of CASES) {
    const parsed = parseYaml(text);
    const ours = parsed.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => parsed.lineCounter.lineStarts[e.range.start.line] + e.range.start.character);
    assert.deepEqual(ours.sort((a, b) => a - b), yamlsVerdict(text).sort((a, b) => a - b), JSON.stringify(text));
  }
});

test('100,000 keys in one map parse in linear time', () => {
  const text = Array.from({ length: 100_000 }, (_, i) => `k${i}: v\n`).join('') + 'k5: again\n';
  const started = performance.now();
  const parsed = parseYaml(text);
  const ms = performance.now() - started;
  assert.deepEqual(parsed.errors.map((e) => [e.code, e.range.start.line]), [['DUPLICATE_KEY', 100_000]]);
  // yaml's quadratic check took minutes here; the whole parse is a few seconds even on a loaded machine.
  assert.ok(ms < 20_000, `${ms} ms`);
});
