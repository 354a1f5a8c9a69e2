// The newest CPUs and the cloud names users type (data/microarchitectures-extra.json, data/generations.json): each
// fact with the source named there; detection still answers exactly as archspec does.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lookupMicroarchitecture, microarchitecturesOf } from '../../server/src/engine/catalog';
import { hover } from '../../server/src/engine/service/hover';
import { analyze } from '../../server/src/engine/analyze';
import { explainMicroarchitecture } from '../../server/src/cli/explain';

const u = (name: string) => {
  const m = lookupMicroarchitecture(name);
  assert.ok(m, name);
  return m;
};
const has = (name: string, ...ids: string[]) => ids.every((id) => u(name).features.has(id));

describe('Intel Xeon since Sapphire Rapids (LLVM X86TargetParser.cpp)', () => {
  test('Emerald Rapids has exactly Sapphire Rapids\' features', () => {
    assert.deepEqual([...u('emeraldrapids').features].sort(), [...u('sapphirerapids').features].sort());
    assert.deepEqual(u('emeraldrapids').parents, ['sapphirerapids']);
  });
  test('Granite Rapids adds AMX-FP16 and PREFETCHI', () => {
    assert.ok(has('graniterapids', 'amx_fp16', 'prefetchi', 'avx512f', 'amx_tile'));
    assert.ok(!u('sapphirerapids').features.has('amx_fp16'));
  });
  test('Sierra Forest: E-cores without AVX-512, with AVX-IFMA, AVX-VNNI-INT8, CMPCCXADD, ENQCMD', () => {
    assert.ok(has('sierraforest', 'avx2', 'avx_vnni', 'avx_ifma', 'avx_vnni_int8', 'avx_ne_convert', 'cmpccxadd', 'enqcmd'));
    assert.ok(!u('sierraforest').features.has('avx512f'));
  });
  test('Clearwater Forest adds AVX-VNNI-INT16, SHA512, SM3, SM4, PREFETCHI', () => {
    assert.ok(has('clearwaterforest', 'avx_vnni_int16', 'sha512', 'sm3', 'sm4', 'prefetchi', 'avx_ifma'));
    assert.ok(!u('clearwaterforest').features.has('avx512f'));
  });
});

describe('Arm, Ampere, POWER11', () => {
  test('Neoverse V3 (0xd84) and N3 (0xd8e): Armv9.2-A, the features of V3AE', () => {
    assert.equal(u('neoverse_v3').cpuPart, '0xd84');
    assert.equal(u('neoverse_n3').cpuPart, '0xd8e');
    assert.equal(u('neoverse_v3ae').cpuPart, '0xd83');
    for (const n of ['neoverse_v3', 'neoverse_n3']) assert.ok(has(n, 'sve2', 'bti', 'paca', 'i8mm', 'bf16'), n);
  });
  test('AmpereOne is archspec\'s ampere1', () => {
    assert.equal(u('AmpereOne').name, 'ampere1');
    assert.equal(u('AmpereOne A').name, 'ampere1a');
  });
  test('POWER11: the HWCAPs of POWER10, generation 11', () => {
    assert.equal(u('power11le').generation, 11);
    assert.deepEqual([...u('power11le').features].sort(), [...u('power10le').features].sort());
  });
});

describe('cloud names', () => {
  const cases: [string, string][] = [
    ['graviton2', 'neoverse_n1'], ['Graviton 3', 'neoverse_v1'], ['graviton3e', 'neoverse_v1'], ['AWS Graviton4', 'neoverse_v2'],
    ['axion', 'neoverse_v2'], ['Google Axion', 'neoverse_v2'], ['Cobalt 100', 'neoverse_n2'], ['azure-cobalt-100', 'neoverse_n2'], ['grace', 'neoverse_v2'], ['NVIDIA Grace', 'neoverse_v2'],
  ];
  for (const [name, micro] of cases) test(`${name} → ${micro}`, () => assert.equal(u(name).name, micro));
  test('a real name is never taken for an alias', () => {
    assert.equal(lookupMicroarchitecture('gracemont'), undefined);
    assert.equal(u('neoverse_v2').name, 'neoverse_v2');
  });
  test('hover on a target written as a cloud name says what it is', () => {
    const text = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: a\narch: aarch64\nrestore:\n  onIncompatibleCpu: exit\n  targets:\n    - name: t\n      microarchitecture: graviton3\n';
    const line = text.split('\n').findIndex((l) => l.includes('graviton3'));
    const h = hover(analyze('file:///w/a.criu.yaml', text), { line, character: 27 });
    assert.match(String(h?.contents), /`graviton3` is AWS Graviton3, whose cores are `neoverse_v1`/);
    assert.match(String(h?.contents), /Also known as AWS Graviton3, AWS Graviton3E/);
  });
  test('explain names the cloud CPUs and the CPU part', () => {
    const text = explainMicroarchitecture(u('neoverse_v2'), 'AWS Graviton4');
    assert.match(text, /AWS Graviton4 has neoverse_v2 cores/);
    assert.match(text, /Also known as: AWS Graviton4, Google Axion, NVIDIA Grace/);
    assert.match(text, /CPU part:\s+0xd4f/);
  });
});

describe('features the generations lacked', () => {
  test('POWER8 has htm, htm-nosc and ebb (Linux COMMON_USER2_POWER8, power8-pmu.c); POWER10 has ebb, no htm', () => {
    assert.ok(has('power8le', 'htm', 'htm-nosc', 'ebb'));
    assert.ok(has('power10le', 'ebb'));
    assert.ok(!u('power10le').features.has('htm'));
  });
  test('z15 has sort and dflt, z16 nnpa (Linux setup_hwcaps: facilities 150, 151, 165)', () => {
    assert.ok(has('z15', 'sort', 'dflt'));
    assert.ok(!u('z14').features.has('sort'));
    assert.ok(has('z16', 'nnpa'));
    assert.ok(!u('z15').features.has('nnpa'));
  });
});

describe('detection ignores what archspec does not list', () => {
  test('the new entries are not detectable; every archspec and IBM Z entry is', () => {
    for (const n of ['emeraldrapids', 'graniterapids', 'sierraforest', 'clearwaterforest', 'neoverse_v3', 'neoverse_n3', 'power11le']) assert.equal(u(n).detectable, false, n);
    for (const arch of ['x86_64', 'aarch64', 'ppc64le', 's390x'] as const) {
      assert.ok(microarchitecturesOf(arch).filter((m) => m.detectable).length > 0, arch);
    }
  });
});
