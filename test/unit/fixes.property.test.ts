// Property: applying any fix the engine offers, on any manifest built from typical pieces (typos, duplicates,
// features outside the baseline, wrong-arch targets, missing keys; 2/4 spaces; flow/block lists; comments),
// never yields a YAML parse error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, manifestFixes, validate } from '../../server/src/engine';
import { applyEdits } from '../helpers/fixes';

const FEATURES = ['avx', 'avx2', 'fma', 'pni', 'sse3', 'popcnt', 'POPCNT', 'avx3', 'pclmulqdqq', 'neon', 'aes', 'erms', 'bmi2', "'sse4.1'", '"movbe"'];
const MICROS = ['ivybridge', 'haswell', 'ivybrige', 'power9le', 'zen2', 'x86_64_v3', 'skylake'];

const list = (items: string[], flow: boolean, indent: string, comment: boolean): string =>
  flow
    ? ` [${items.join(', ')}]${comment ? '   # c' : ''}\n`
    : `${comment ? '   # c' : ''}\n${items.map((i, n) => `${indent}- ${i}${comment && n === 0 ? '  # item' : ''}\n`).join('')}`;

const manifest = fc
  .record({
    unit: fc.constantFrom(2, 4),
    flow: fc.boolean(),
    comments: fc.boolean(),
    omit: fc.subarray(['apiVersion', 'kind', 'metadata', 'arch']),
    typoKey: fc.boolean(),
    runtime: fc.constantFrom('', 'openj9', 'liberty', 'openj8'),
    baseline: fc.constantFrom('', 'openj9-portable', 'haswel', 'ivybridge', 'x86_64_v2'),
    requires: fc.array(fc.constantFrom(...FEATURES), { maxLength: 4 }),
    host: fc.option(fc.array(fc.constantFrom(...FEATURES), { minLength: 1, maxLength: 6 })),
    glibc: fc.constantFrom('', 'glibc.pthread.rseq=0', 'glibc.cpu.hwcaps=-AVX2'),
    restore: fc.constantFrom('none', 'empty', 'policy', 'badpolicy'),
    targets: fc.array(fc.record({ micro: fc.constantFrom(...MICROS), named: fc.boolean(), features: fc.option(fc.array(fc.constantFrom(...FEATURES), { maxLength: 3 })) }), { maxLength: 3 }),
    finalNewline: fc.boolean(),
  })
  .map((g) => {
    const i1 = ' '.repeat(g.unit);
    const i2 = i1 + i1;
    const c = (s: string) => (g.comments ? `   # ${s}` : '');
    let t = '';
    if (!g.omit.includes('apiVersion')) t += `apiVersion: criu-portability/v1${c('api')}\n`;
    if (!g.omit.includes('kind')) t += 'kind: CheckpointManifest\n';
    if (!g.omit.includes('metadata')) t += `metadata:\n${i1}name: orders${c('name')}\n`;
    if (g.typoKey) t += 'imagee: registry.example.com/orders\n';
    if (g.runtime) t += `runtime: ${g.runtime}\n`;
    if (!g.omit.includes('arch')) t += 'arch: x86_64\n';
    if (g.baseline) t += `baseline: ${g.baseline}\n`;
    if (g.host || g.glibc) {
      t += 'checkpoint:\n';
      if (g.host) t += `${i1}host:\n${i2}features:${list(g.host, g.flow, i2 + (g.unit === 4 ? i1 : ''), g.comments)}`;
      if (g.glibc) t += `${i1}glibcTunables: "${g.glibc}"\n`;
    }
    if (g.requires.length) t += `requires:${list(g.requires, g.flow, i1, g.comments)}`;
    if (g.restore !== 'none') {
      t += 'restore:\n';
      if (g.restore === 'policy') t += `${i1}onIncompatibleCpu: exit\n`;
      if (g.restore === 'badpolicy') t += `${i1}onIncompatibleCpu: exitt\n`;
      if (g.targets.length) {
        t += `${i1}targets:${c('targets')}\n`;
        g.targets.forEach((tg, n) => {
          const lines = [...(tg.named ? [`name: pool-${n}`] : []), `microarchitecture: ${tg.micro}`];
          if (tg.features) lines.push(`features: [${tg.features.join(', ')}]`);
          t += lines.map((l, k) => `${k === 0 ? `${i2}- ` : `${i2}  `}${l}\n`).join('');
        });
      } else if (g.restore === 'empty') t += `${i1}targets: []\n`;
    }
    return g.finalNewline ? t : t.replace(/\n$/, '');
  });

test('applying any offered fix never yields a YAML parse error', () => {
  let applied = 0;
  fc.assert(
    fc.property(manifest, (text) => {
      const uri = 'file:///w/orders.criu.yaml';
      const analysis = analyze(uri, text);
      assert.deepEqual(analysis.yaml.errors, [], `generator produced invalid YAML:\n${text}`);
      for (const finding of validate(analysis)) {
        for (const fix of manifestFixes(analysis, finding)) {
          const after = applyEdits(text, fix.edits);
          const errors = analyze(uri, after).yaml.errors;
          applied++;
          assert.deepEqual(errors, [], `"${fix.title}" broke the YAML:\n--- before\n${text}\n--- after\n${after}`);
        }
      }
    }),
    { numRuns: 300, seed: 20240917 },
  );
  assert.ok(applied > 300, `only ${applied} fixes were exercised`);
});
