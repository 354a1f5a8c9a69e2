import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine';
import { completions } from '../../server/src/engine/service';
import { MANIFEST_URI, SAMPLE } from '../helpers/manifests';

/** Completion labels with the cursor at `|` in text. */
function labels(textWithCursor: string, uri = MANIFEST_URI) {
  const at = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  const character = before.length - before.lastIndexOf('\n') - 1;
  return completions(analyze(uri, text), { line, character });
}

describe('completion (engine)', () => {
  test('top-level keys from the schema', () => {
    const got = labels(`${SAMPLE}ima|`).map((e) => e.label);
    assert.ok(got.includes('image') && got.includes('checkpoint'), got.join());
    const fresh = labels('apiVersion: criu-portability/v1\nre|').map((e) => e.label);
    assert.ok(fresh.includes('requires') && fresh.includes('restore') && fresh.includes('kind'), fresh.join());
  });

  test('keys of restore, of a target (on a new - line and a continuation line), of checkpoint.host', () => {
    assert.deepEqual(labels(SAMPLE.replace('restore:\n  onIncompatibleCpu: exit\n  targets:', 'restore:\n  |')).map((e) => e.label), ['onIncompatibleCpu', 'targets']);
    assert.deepEqual(labels(`${SAMPLE}    - |`).map((e) => e.label), ['name', 'microarchitecture', 'features']);
    assert.deepEqual(labels(`${SAMPLE}    - name: pool-c\n      f|`).map((e) => e.label), ['microarchitecture', 'features']);
    const host = labels(SAMPLE.replace('requires: [avx2, fma]\n', 'checkpoint:\n  host:\n    m|\n'));
    assert.deepEqual(host.map((e) => e.label), ['model', 'microarchitecture', 'features']);
  });

  test('feature names of the arch with description and baseline membership (flow and block lists)', () => {
    const flow = labels(SAMPLE.replace('[avx2, fma]', '[avx2, f|'));
    const fma = flow.find((e) => e.label === 'fma')!;
    assert.match(fma.detail!, /outside the baseline openj9-portable/);
    const avx = flow.find((e) => e.label === 'avx')!;
    assert.match(avx.detail!, /inside the baseline openj9-portable/);
    assert.ok(!flow.some((e) => e.label === 'asimd'), 'aarch64 features offered in an x86_64 manifest');
    assert.equal(fma.range!.start.character, fma.range!.end.character - 1, 'replaces the typed prefix');
    const block = labels(SAMPLE.replace('requires: [avx2, fma]', 'requires:\n  - av|'));
    assert.ok(block.some((e) => e.label === 'avx2'));
    const target = labels(`${SAMPLE}      features: [|`);
    assert.ok(target.some((e) => e.label === 'sse4_2'));
    const aarch = labels(SAMPLE.replace('x86_64', 'aarch64').replace('[avx2, fma]', '[|'));
    assert.ok(aarch.some((e) => e.label === 'asimd') && !aarch.some((e) => e.label === 'avx2'));
  });

  test('in requires, the features outside the baseline come first, each saying which restore targets have it', () => {
    const items = labels(SAMPLE.replace('[avx2, fma]', '[|')).sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    const inside = new Set(['fpu', 'cx8', 'cmov', 'mmx', 'sse', 'sse2', 'pni', 'ssse3', 'sse4_1', 'popcnt', 'aes', 'avx']);
    const firstInside = items.findIndex((e) => inside.has(e.label));
    assert.ok(firstInside > 0 && items.slice(firstInside).every((e) => inside.has(e.label)), 'baseline features last');
    // pool-b (haswell) has avx2 and fma; pool-a (ivybridge) has neither: the ones a target has come before the rest.
    const fma = items.find((e) => e.label === 'fma')!;
    assert.match(fma.detail!, /outside the baseline openj9-portable · pool-b has it/);
    assert.match(items.find((e) => e.label === 'f16c')!.detail!, /every restore target has it/);
    assert.match(items.find((e) => e.label === 'avx512f')!.detail!, /no restore target has it/);
    const rank = (id: string) => items.findIndex((e) => e.label === id);
    assert.ok(rank('f16c') < rank('fma') && rank('fma') < rank('avx512f'));
  });

  test('a target microarchitecture says whether a target of that kind would pass, those that would first', () => {
    const items = labels(SAMPLE.replace('microarchitecture: ivybridge', 'microarchitecture: |')).sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.match(items.find((e) => e.label === 'haswell')!.detail!, /✓ would pass/);
    assert.match(items.find((e) => e.label === 'ivybridge')!.detail!, /✗ would lack avx2, fma/);
    const firstLacking = items.findIndex((e) => /would lack/.test(e.detail!));
    assert.ok(items.slice(0, firstLacking).every((e) => /would pass/.test(e.detail!)) && firstLacking > 0);
  });

  test('microarchitecture names of the arch, baseline names, policy, arch and runtime values', () => {
    const micro = labels(SAMPLE.replace('microarchitecture: ivybridge', 'microarchitecture: iv|')).map((e) => e.label);
    assert.ok(micro.includes('ivybridge') && micro.includes('zen3') && !micro.includes('power9le'));
    const base = labels(SAMPLE.replace('baseline: openj9-portable', 'baseline: |')).map((e) => e.label);
    assert.equal(base[0], 'openj9-portable');
    assert.ok(base.includes('x86_64_v3') && base.includes('haswell'));
    assert.deepEqual(labels(SAMPLE.replace('onIncompatibleCpu: exit', 'onIncompatibleCpu: |')).map((e) => e.label), ['exit', 'cold-start']);
    assert.deepEqual(labels(SAMPLE.replace('arch: x86_64', 'arch: |')).map((e) => e.label), ['x86_64', 'aarch64', 'ppc64le', 's390x']);
    assert.deepEqual(labels(SAMPLE.replace('runtime: liberty', 'runtime: |')).map((e) => e.label), ['openj9', 'liberty', 'crac']);
  });

  test('keys the mapping already has are not offered again (a duplicate key breaks the YAML)', () => {
    const top = labels(`${SAMPLE}|`).map((e) => e.label);
    for (const k of ['apiVersion', 'kind', 'metadata', 'runtime', 'arch', 'baseline', 'requires', 'restore']) assert.ok(!top.includes(k), `${k} offered again`);
    assert.ok(top.includes('image') && top.includes('checkpoint'), top.join());
    // Keys below the cursor count too, and a key being typed on the cursor line is not "already present".
    const above = labels(`|\n${SAMPLE}`).map((e) => e.label);
    assert.ok(!above.includes('apiVersion') && !above.includes('kind') && !above.includes('metadata'), above.join());
    const typing = labels(SAMPLE.replace('runtime: liberty', 'runt|')).map((e) => e.label);
    assert.ok(typing.includes('runtime') && !typing.includes('arch'), typing.join());
    // Inside a target: only that target's keys; the next `- ` item is another mapping.
    const target = labels(SAMPLE.replace('      microarchitecture: ivybridge\n', '      microarchitecture: has\n      |\n')).map((e) => e.label);
    assert.deepEqual(target, ['features']);
    const first = labels(SAMPLE.replace('    - name: pool-a\n      microarchitecture: ivybridge\n', '    - name: pool-a\n      |\n')).map((e) => e.label);
    assert.deepEqual(first, ['microarchitecture', 'features']);
    // A later document of the stream is its own mapping.
    const second = labels(`${SAMPLE}---\napiVersion: criu-portability/v1\n|`).map((e) => e.label);
    assert.ok(second.includes('kind') && !second.includes('apiVersion'), second.join());
  });

  test('features the list already has, in any spelling, are not offered again', () => {
    const flow = labels(`${SAMPLE}    - name: pool-c\n      features: [avx2, |`).map((e) => e.label);
    assert.ok(!flow.includes('avx2') && flow.includes('fma') && flow.includes('avx'), 'avx2 offered again');
    // `sse3` is OpenJ9's name for Linux `pni`; the item being typed (`fm`) and items after the cursor count as
    // typed / present respectively.
    const spelt = labels(SAMPLE.replace('[avx2, fma]', '[sse3, fma|, avx2]')).map((e) => e.label);
    assert.ok(!spelt.includes('pni') && !spelt.includes('avx2') && spelt.includes('fma'), spelt.join());
    const block = labels(SAMPLE.replace('requires: [avx2, fma]', 'requires:\n  - avx2\n  - |\n  - FMA')).map((e) => e.label);
    assert.ok(!block.includes('avx2') && !block.includes('fma') && block.includes('avx'), block.join());
  });

  test('a whole-manifest snippet in an empty *.criu.yaml, and nothing in a comment', () => {
    const [snippet] = labels('|');
    assert.equal(snippet.kind, 'snippet');
    assert.ok(snippet.isSnippet);
    assert.match(snippet.insertText!, /apiVersion: criu-portability\/v1\nkind: CheckpointManifest/);
    assert.deepEqual(labels(`${SAMPLE}# a comment |`), []);
  });

  test('4-space documents', () => {
    const four = SAMPLE.replace(/^( +)/gm, (s) => s + s);
    assert.deepEqual(labels(`${four}        - |`).map((e) => e.label), ['name', 'microarchitecture', 'features']);
    assert.deepEqual(labels(four.replace('    onIncompatibleCpu: exit\n', '    |\n')).map((e) => e.label), ['onIncompatibleCpu']);
    assert.deepEqual(labels(`${four}        - name: pool-c\n          |`).map((e) => e.label), ['microarchitecture', 'features']);
  });

  test('works on a 5,000-line manifest from the cached analysis (time reported, not asserted)', (t) => {
    const many = Array.from({ length: 1700 }, (_, i) => `    - name: pool-${i}\n      microarchitecture: haswell\n      features: [avx]\n`).join('');
    const text = `${SAMPLE}${many}    - name: last\n      f`;
    const analysis = analyze(MANIFEST_URI, text);
    const pos = { line: text.split('\n').length - 1, character: 7 };
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      const got = completions(analysis, pos);
      times.push(performance.now() - t0);
      assert.ok(got.some((e) => e.label === 'features'));
    }
    times.sort((a, b) => a - b);
    t.diagnostic(`completion on ${text.split('\n').length} lines: median ${times[15].toFixed(2)} ms, p95 ${times[28].toFixed(2)} ms`);
  });
});
