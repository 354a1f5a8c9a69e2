import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseYaml } from '../../server/src/engine/yaml/parse';
import { analyze, validateText } from '../../server/src/engine';
import { parseAny, hostReport, hostTarget, verdictText, manifestFromHost, nodeAffinityForHost, detect } from '../../server/src/engine/probe';
import { lookupFeature } from '../../server/src/engine/catalog';
import { appendTargetEdit } from '../../server/src/engine/probe/targetEdit';
import { x86 } from '../support/engine';

const capture = (name: string) => parseAny(readFileSync(`test/fixtures/cpuinfo/${name}`, 'utf8'));
const apply = (text: string, e: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }) => {
  const y = parseYaml(text);
  const off = (p: { line: number; character: number }) => y.lineCounter.lineStarts[p.line] + p.character;
  return text.slice(0, off(e.range.start)) + e.newText + text.slice(off(e.range.end));
};

describe('host report', () => {
  const avx2Manifest = analyze('file:///w/a.criu.yaml', x86('', 'requires: [avx2]\n')).manifests;
  test('an Ivy Bridge host cannot restore an avx2 image and says what it lacks', () => {
    const r = hostReport(capture('linux-rhel7-ivybridge'), avx2Manifest);
    assert.equal(r.detection.microarchitecture, 'ivybridge');
    assert.equal(r.manifests[0].ok, false);
    assert.deepEqual(r.manifests[0].missing, ['avx2']);
    assert.equal(verdictText(r.manifests[0]), 'This host lacks avx2');
  });
  test('a Haswell host can', () => {
    const r = hostReport(capture('linux-rhel7-haswell'), avx2Manifest);
    assert.equal(r.manifests[0].ok, true);
    assert.equal(verdictText(r.manifests[0]), 'This host can restore this image');
    assert.ok(r.baselineFeatures.includes('avx'));
  });
  test('an aarch64 host cannot restore an x86_64 image', () => {
    const r = hostReport(capture('linux-amazon-neoverse_n1'), avx2Manifest);
    assert.equal(r.manifests[0].archMismatch, 'x86_64');
  });
});

describe('manifest from host', () => {
  for (const name of ['linux-rhel7-haswell', 'linux-unknown-sapphirerapids', 'linux-ubuntu20.04-zen3', 'linux-rhel7-ivybridge', 'linux-synthetic-z15', 'linux-synthetic-power10le']) {
    test(`${name}: validates clean (glibc masked), names the microarchitecture, and the host can restore it`, () => {
      const host = capture(name);
      const text = manifestFromHost(host, detect(host), 'svc');
      assert.match(text, new RegExp(`microarchitecture: ${detect(host).microarchitecture}`));
      assert.deepEqual(validateText('file:///w/svc.criu.yaml', text).map((f) => `${f.ruleId}: ${f.message}`), []);
      const ctx = analyze('file:///w/svc.criu.yaml', text).manifests;
      assert.equal(hostReport(host, ctx).manifests[0].ok, true);
    });
  }
  test('a target of the same microarchitecture as the host can restore it', () => {
    const host = capture('linux-rhel7-haswell');
    const text = manifestFromHost(host, detect(host), 'svc').replace('targets: []', 'targets:\n    - name: same\n      microarchitecture: haswell');
    assert.deepEqual(validateText('file:///w/svc.criu.yaml', text), []);
  });
  test('node affinity for a host uses only labels NFD publishes', () => {
    const yaml = nodeAffinityForHost(capture('linux-rhel7-haswell'));
    // Haswell: the JIT and glibc may use AVX2, FMA, BMI2...: the X86_64_V3 level says it, plus AESNI (in no level).
    assert.match(yaml, /cpu-cpuid\.X86_64_V3/);
    assert.match(yaml, /cpu-cpuid\.AESNI/);
    assert.doesNotMatch(yaml, /cpu-cpuid\.(SSE42|CMOV|POPCNT|BMI2|VMX|SYSCALL|SYSEE|FXSR|LAHF)\b/);
    assert.match(yaml, /values: \[amd64\]/);
  });
});

describe('add host as restore target', () => {
  for (const [label, text] of [
    ['block list', x86()],
    ['4-space block list', x86().replace(/\n  /g, '\n    ')],
    ['flow list', x86().replace(/  targets:\n    - name: pool-a\n      microarchitecture: sandybridge\n/, '  targets: [{name: pool-a, microarchitecture: sandybridge}]\n')],
    ['no targets', x86().replace(/  targets:\n    - name: pool-a\n      microarchitecture: sandybridge\n/, '')],
    ['no restore', 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: a\narch: x86_64\n'],
  ] as const) {
    test(label, () => {
      const ctx = analyze('file:///w/a.criu.yaml', text).manifests[0];
      const edit = appendTargetEdit(ctx, 'build-host', 'haswell')!;
      const after = apply(text, edit);
      const m = analyze('file:///w/a.criu.yaml', after).manifests[0];
      assert.deepEqual(analyze('file:///w/a.criu.yaml', after).yaml.errors, []);
      const last = m.manifest.targets[m.manifest.targets.length - 1];
      assert.equal(last.name?.value, 'build-host');
      assert.equal(last.microarchitecture?.value, 'haswell');
    });
  }
});

// R as real manifests have it: the JIT's features (javacore 2CIJITFEATURE) plus what glibc selects on the host.
// (`requires` of every host flag would also hit archspec's gaps: it lists xsaveopt only from skylake on and no
// ssbs for neoverse_n1, though both CPUs have them.)
describe('a capture never lacks what it has', () => {
  for (const name of ['linux-rhel7-haswell', 'linux-rhel7-ivybridge', 'linux-ubuntu20.04-zen3', 'linux-unknown-sapphirerapids', 'linux-amazon-neoverse_n1', 'linux-rhel8-power9', 'linux-synthetic-z15']) {
    test(`${name}: a target named after its own microarchitecture is never said to lack one of its features`, () => {
      const host = capture(name);
      const uarch = detect(host).microarchitecture;
      const text = `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: svc
arch: ${host.arch}
checkpoint:
  host:
    features: [${host.features.join(', ')}]
  jitFeatures: [${host.features.filter((id) => lookupFeature(host.arch, id)?.jitUtilized).join(', ')}]
restore:
  onIncompatibleCpu: exit
  targets:
    - name: same
      microarchitecture: ${uarch}
`;
      const missing = validateText('file:///w/svc.criu.yaml', text).filter((f) => f.ruleId === 'target-missing-features');
      assert.deepEqual(missing.map((f) => f.message), []);
    });
  }
});

// An AMD EPYC VM whose hypervisor hides `abm`: detection falls back to x86_64_v2, which lacks aes and avx. The target
// "Add this host as a restore target" writes must still describe the host: it has to pass its own check.
describe('add host as restore target: a hypervisor hides a flag', () => {
  const zen3 = readFileSync('test/fixtures/cpuinfo/linux-ubuntu20.04-zen3', 'utf8');
  const hidden = parseAny(zen3.split(' abm ').join(' '));
  const manifest = x86('', 'requires: [avx2]\n');
  const targetFindings = (text: string) => validateText('file:///w/a.criu.yaml', text).filter((f) => f.ruleId === 'target-missing-features' && f.message.startsWith('epyc-vm')).map((f) => f.message);

  test('detection says which better microarchitecture the host misses, and by what', () => {
    const d = detect(hidden);
    assert.equal(d.microarchitecture, 'x86_64_v2');
    assert.deepEqual(d.nearMiss, { microarchitecture: 'zen3', missing: ['abm'] });
    assert.equal(detect(capture('linux-ubuntu20.04-zen3')).nearMiss, undefined);
  });

  test('the microarchitecture alone would lack aes and avx (the bug)', () => {
    const ctx = analyze('file:///w/a.criu.yaml', manifest).manifests[0];
    const after = apply(manifest, appendTargetEdit(ctx, 'epyc-vm', 'x86_64_v2')!);
    assert.match(targetFindings(after).join('\n'), /epyc-vm \(x86_64_v2\) lacks .*aes.*avx/);
  });

  test('microarchitecture plus the features beyond it: the target passes, the host report agrees', () => {
    const ctx = analyze('file:///w/a.criu.yaml', manifest).manifests[0];
    const target = hostTarget(hidden, detect(hidden), ctx.requirements);
    assert.ok(['aes', 'avx', 'avx2'].every((f) => target.extraFeatures.includes(f)), target.extraFeatures.join(' '));
    assert.ok(!target.extraFeatures.includes('abm'));
    assert.ok(!target.extraFeatures.includes('svm'), 'virtualization flags are no checkpoint dependency');
    const after = apply(manifest, appendTargetEdit(ctx, 'epyc-vm', target.microarchitecture, target.extraFeatures)!);
    assert.deepEqual(targetFindings(after), []);
    assert.match(after, /# what this host has beyond x86_64_v2 that a checkpoint can use\n {6}features: \[/);
    const m = analyze('file:///w/a.criu.yaml', after).manifests;
    assert.equal(hostReport(hidden, m).manifests[0].ok, true);
    // Nothing new: the findings are those of the manifest before (pool-a, a sandybridge, lacks avx2).
    assert.deepEqual(validateText('file:///w/a.criu.yaml', after).map((f) => f.message), validateText('file:///w/a.criu.yaml', manifest).map((f) => f.message));
  });

  test('flow lists get the features inline', () => {
    const flow = manifest.replace(/  targets:\n    - name: pool-a\n      microarchitecture: sandybridge\n/, '  targets: [{name: pool-a, microarchitecture: sandybridge}]\n');
    const ctx = analyze('file:///w/a.criu.yaml', flow).manifests[0];
    const target = hostTarget(hidden, detect(hidden), ctx.requirements);
    const after = apply(flow, appendTargetEdit(ctx, 'epyc-vm', target.microarchitecture, target.extraFeatures)!);
    assert.deepEqual(targetFindings(after), []);
    assert.deepEqual(analyze('file:///w/a.criu.yaml', after).yaml.errors, []);
  });
});
