import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARCHES, normalizeArch, featuresOf, lookupFeature, lookupFeatureAnyArch, suggestFeatures, spellingsOf,
  lookupMicroarchitecture, microarchitecturesOf, ancestorsOf, suggestMicroarchitectures,
  firstMicroarchitecturesWith, oldestCovering, x86Level, resolveBaseline, baselineNames,
  nfdLabelFor, NFD_DENYLIST, lookupNfdName, nfdLevelImplying, nfdLevelFeatures, normalizeName,
  type Arch,
} from '../../server/src/engine/catalog';

const root = join(__dirname, '..', '..');
const archspec = JSON.parse(readFileSync(join(root, 'data/archspec/microarchitectures.json'), 'utf8'));
const baselineFixture = JSON.parse(readFileSync(join(root, 'test/fixtures/openj9-x86-baseline-vs-archspec.json'), 'utf8'));

function archspecFamily(name: string): string {
  const e = archspec.microarchitectures[name];
  return e.from.length ? archspecFamily(e.from[0]) : name;
}
const OPENJ9_X86 = ['fpu', 'cx8', 'cmov', 'mmx', 'sse', 'sse2', 'pni', 'ssse3', 'sse4_1', 'popcnt', 'aes', 'avx'];
const ids = (s: Iterable<string>) => [...s].sort();

describe('archspec coverage', () => {
  const kept = Object.keys(archspec.microarchitectures).filter((n) =>
    ['x86_64', 'aarch64', 'ppc64le'].includes(archspecFamily(n)));

  test('every archspec x86_64/aarch64/ppc64le microarchitecture resolves, with its parents', () => {
    assert.ok(kept.length > 40);
    for (const name of kept) {
      const u = lookupMicroarchitecture(name);
      assert.ok(u, name);
      assert.equal(u.arch, archspecFamily(name));
      assert.deepEqual(u.parents, archspec.microarchitectures[name].from);
    }
  });

  test('every feature name in those entries resolves in the catalogue and is in the entry', () => {
    for (const name of kept) {
      const arch = archspecFamily(name) as Arch;
      const u = lookupMicroarchitecture(name)!;
      for (const f of archspec.microarchitectures[name].features as string[]) {
        const info = lookupFeature(arch, f);
        assert.ok(info, `${name}: ${f}`);
        assert.ok(u.features.has(info.id), `${name} lacks ${info.id}`);
      }
    }
  });

  test('32-bit x86, riscv and big-endian ppc64 are skipped', () => {
    for (const n of ['i686', 'pentium4', 'power9', 'ppc64', 'u74mc']) assert.equal(lookupMicroarchitecture(n), undefined, n);
  });

  test('every microarchitecture feature is a catalogue id of its arch', () => {
    for (const arch of ARCHES) {
      const known = new Set(featuresOf(arch).map((f) => f.id));
      for (const u of microarchitecturesOf(arch)) for (const f of u.features) assert.ok(known.has(f), `${u.name}: ${f}`);
    }
  });

  test('x86_64 entries carry the implicit psABI v1 features and pni via ssse3', () => {
    for (const u of microarchitecturesOf('x86_64')) {
      for (const f of ['fpu', 'cx8', 'cmov', 'mmx', 'sse', 'sse2', 'fxsr']) assert.ok(u.features.has(f), `${u.name} ${f}`);
      if (u.features.has('ssse3')) assert.ok(u.features.has('pni'), u.name);
    }
  });
});

describe('feature spellings', () => {
  test('pni, sse3, SSE3, OMR_FEATURE_X86_SSE3 and Sse3 are one feature', () => {
    const f = lookupFeature('x86_64', 'pni');
    assert.equal(f?.id, 'pni');
    for (const n of ['sse3', 'SSE3', 'OMR_FEATURE_X86_SSE3', 'Sse3']) assert.equal(lookupFeature('x86_64', n), f, n);
    assert.equal(f?.omr, 'sse3');
    assert.equal(f?.nfd, 'SSE3');
    assert.equal(f?.bit, 'CPUID.01H:ECX[0]');
  });

  test('sse4.1 = SSE4 = sse4_1 = sse4-1 = SSE4_1; aesni = aes; NFD names resolve', () => {
    for (const n of ['sse4.1', 'SSE4', 'SSE4_1', 'sse4-1', 'OMR_FEATURE_X86_SSE4_1']) assert.equal(lookupFeature('x86_64', n)?.id, 'sse4_1', n);
    assert.equal(lookupFeature('x86_64', 'sse4.2')?.id, 'sse4_2');
    assert.equal(lookupFeature('x86_64', 'SSE42')?.id, 'sse4_2');
    const expected: Record<string, string> = { AESNI: 'aes', aesni: 'aes', CMPXCHG8: 'cx8', X87: 'fpu', FMA3: 'fma', cmpxchg16b: 'cx16', LZCNT: 'abm', sha: 'sha_ni' };
    for (const [n, id] of Object.entries(expected)) assert.equal(lookupFeature('x86_64', n)?.id, id, n);
  });

  test('other arches: OMR constants, javacore names, NFD names and Linux tokens', () => {
    assert.equal(lookupFeature('aarch64', 'OMR_FEATURE_ARM64_LSE')?.id, 'atomics');
    assert.equal(lookupFeature('aarch64', 'ATOMICS')?.id, 'atomics');
    assert.equal(lookupFeature('aarch64', 'neon')?.id, 'asimd');
    assert.equal(lookupFeature('ppc64le', 'vec')?.id, 'altivec');
    assert.equal(lookupFeature('ppc64le', 'ARCH_3_00')?.id, 'arch_3_00');
    assert.equal(lookupFeature('ppc64le', 'HTM-NOSC')?.id, 'htm-nosc');
    assert.equal(lookupFeature('ppc64le', 'mode64')?.id, 'ppc64');
    assert.equal(lookupFeature('s390x', 'vec')?.id, 'vx');
    assert.equal(lookupFeature('s390x', 'OMR_FEATURE_S390_VECTOR_FACILITY_ENHANCEMENT_1')?.id, 'vxe');
    assert.equal(lookupFeature('s390x', 'OMR_FEATURE_S390_LOAD_STORE_ON_CONDITION_1')?.id, 'hw');
    assert.equal(lookupFeature('s390x', 'hpage')?.id, 'edat');
  });

  test('required ppc64le HWCAP2 tokens exist with their bits', () => {
    const bits: Record<string, string> = { arch_3_00: 'AT_HWCAP2 bit 23', arch_3_1: 'AT_HWCAP2 bit 18', mma: 'AT_HWCAP2 bit 17', vcrypto: 'AT_HWCAP2 bit 25', arch_2_07: 'AT_HWCAP2 bit 31', ppc64: 'AT_HWCAP bit 30' };
    for (const [id, bit] of Object.entries(bits)) assert.ok(lookupFeature('ppc64le', id)?.bit.startsWith(bit), id);
    for (const id of ['altivec', 'vsx', 'arch_2_06', 'htm', 'isel', 'dfp']) assert.ok(lookupFeature('ppc64le', id), id);
  });

  test('within one arch every spelling maps to exactly one feature', () => {
    for (const arch of ARCHES) {
      const seen = new Map<string, string>();
      for (const f of featuresOf(arch)) {
        for (const s of spellingsOf(f)) {
          const k = normalizeName(s);
          assert.ok(!seen.has(k) || seen.get(k) === f.id, `${arch}: ${s} -> ${seen.get(k)} and ${f.id}`);
          seen.set(k, f.id);
          assert.equal(lookupFeature(arch, s)?.id, f.id);
        }
      }
    }
  });

  test('every feature has a bit and a description; OMR placeholders are skipped', () => {
    for (const arch of ARCHES) for (const f of featuresOf(arch)) {
      assert.ok(f.bit && f.description, `${arch}/${f.id}`);
      assert.ok(!f.description.endsWith(`feature (${f.bit})`), `${arch}/${f.id} has only a generated description`);
      assert.equal(f.id, f.id.toLowerCase());
    }
    assert.equal(lookupFeature('x86_64', 'OMR_FEATURE_X86_0_10'), undefined);
    assert.equal(lookupFeature('x86_64', 'null'), undefined);
  });

  test('asimd is unknown on x86_64 but found on aarch64', () => {
    assert.equal(lookupFeature('x86_64', 'asimd'), undefined);
    assert.deepEqual(lookupFeatureAnyArch('asimd').map((f) => f.arch), ['aarch64']);
    assert.deepEqual(lookupFeatureAnyArch('avx2').map((f) => f.arch), ['x86_64']);
  });

  test('suggestions: avx3 suggests avx2; misspellings find their feature; nonsense finds nothing', () => {
    assert.ok(suggestFeatures('x86_64', 'avx3').includes('avx2'));
    assert.ok(suggestFeatures('x86_64', 'avx512').includes('avx512f'));
    assert.equal(suggestFeatures('x86_64', 'popcount')[0], 'popcnt');
    assert.equal(suggestFeatures('aarch64', 'atomic')[0], 'atomics');
    assert.deepEqual(suggestFeatures('x86_64', 'qqqqqqqqqq'), []);
    assert.ok(suggestFeatures('x86_64', 'avx3', 1).length === 1);
  });

  test('JIT-utilized flags follow OpenJ9 enableFeatureMasks', () => {
    assert.equal(lookupFeature('x86_64', 'avx2')?.jitUtilized, true);
    assert.equal(lookupFeature('x86_64', 'pclmulqdq')?.jitUtilized, false);
    assert.deepEqual(featuresOf('aarch64').filter((f) => f.jitUtilized).map((f) => f.id).sort(), ['asimd', 'atomics', 'crc32', 'fp']);
  });
});

describe('normalizeArch', () => {
  test('accepts the usual spellings', () => {
    const cases: Record<string, Arch> = { amd64: 'x86_64', 'x86-64': 'x86_64', X86_64: 'x86_64', arm64: 'aarch64', aarch64: 'aarch64', ppc64el: 'ppc64le', ppc64le: 'ppc64le', s390x: 's390x' };
    for (const [s, a] of Object.entries(cases)) assert.equal(normalizeArch(s), a, s);
    assert.equal(normalizeArch('sparc'), undefined);
    assert.equal(normalizeArch('ppc64'), undefined); // big-endian is not supported
  });
});

describe('baselines', () => {
  test('x86 openj9-portable is exactly the 12 OpenJ9 features', () => {
    const b = resolveBaseline('x86_64', 'openj9-portable')!;
    assert.equal(b.kind, 'openj9-portable');
    assert.equal(b.hostDefined, false);
    assert.deepEqual(ids(b.features), [...OPENJ9_X86].sort());
  });

  test('sandybridge satisfies the x86 baseline, westmere does not; the archspec comparison fixture matches', () => {
    const base = resolveBaseline('x86_64', 'openj9-portable')!.features;
    const missing = (n: string) => [...base].filter((f) => !lookupMicroarchitecture(n)!.features.has(f));
    assert.deepEqual(missing('sandybridge'), []);
    assert.deepEqual(missing('westmere'), ['avx']);
    const implicit = new Set(['fpu', 'cx8', 'cmov', 'mmx', 'sse', 'sse2', 'pni']); // archspec leaves these implicit
    for (const [name, r] of Object.entries(baselineFixture.results as Record<string, { satisfies: boolean; missing: string[] }>)) {
      assert.equal(missing(name).length === 0, r.satisfies, name);
      const ours = missing(name).map((f) => lookupFeature('x86_64', f)!.id).filter((f) => !implicit.has(f)).sort();
      const theirs = r.missing.map((f) => lookupFeature('x86_64', f)!.id).filter((f) => !implicit.has(f)).sort();
      assert.deepEqual(ours, theirs, name);
    }
  });

  test('POWER8 and z10 baselines; aarch64 is host-defined', () => {
    const p = resolveBaseline('ppc64le', 'openj9-portable')!;
    for (const f of ['arch_2_07', 'vsx', 'altivec', 'vcrypto', 'ppc64']) assert.ok(p.features.has(f), f);
    for (const f of ['htm', 'arch_3_00', 'arch_3_1', 'mma']) assert.ok(!p.features.has(f), f);
    const power10 = lookupMicroarchitecture('power10le')!;
    assert.ok([...p.features].every((f) => power10.features.has(f)), 'a POWER10 restores a POWER8-portable image');
    const z = resolveBaseline('s390x', 'openj9-portable')!;
    assert.deepEqual(ids(z.features), ids(lookupMicroarchitecture('z10')!.features));
    assert.ok(z.features.has('gi') && !z.features.has('vx'));
    const a = resolveBaseline('aarch64', 'openj9-portable')!;
    assert.equal(a.hostDefined, true);
    assert.equal(a.features.size, 0);
  });

  test('levels and microarchitecture names are baselines of their own arch only', () => {
    assert.equal(resolveBaseline('x86_64', 'x86_64_v3')?.kind, 'x86-64-level');
    assert.equal(resolveBaseline('x86_64', 'X86-64-V2')?.name, 'x86_64_v2');
    assert.equal(resolveBaseline('x86_64', 'haswell')?.kind, 'microarchitecture');
    assert.equal(resolveBaseline('ppc64le', 'haswell'), undefined);
    assert.equal(resolveBaseline('s390x', 'zEC12')?.name, 'zec12');
    assert.equal(resolveBaseline('x86_64', 'nope'), undefined);
    assert.equal(baselineNames('x86_64')[0], 'openj9-portable');
    assert.ok(baselineNames('s390x').includes('z17'));
  });
});

describe('microarchitectures', () => {
  test('s390x generations z10..z17 chain with machine types', () => {
    const names = microarchitecturesOf('s390x').map((u) => u.name);
    assert.deepEqual(names, ['z10', 'z196', 'zec12', 'z13', 'z14', 'z15', 'z16', 'z17']);
    assert.deepEqual(ancestorsOf('z15'), ['z14', 'z13', 'zec12', 'z196', 'z10']);
    assert.deepEqual(lookupMicroarchitecture('zEC12')?.machineTypes, ['2827', '2828']);
    assert.ok(lookupMicroarchitecture('z13')!.features.has('vx'));
    assert.ok(!lookupMicroarchitecture('zec12')!.features.has('vx'));
    assert.ok(lookupMicroarchitecture('z14')!.features.has('vxe'));
  });

  test('POWER generations: power9le adds arch_3_00, power10le adds arch_3_1 and mma', () => {
    const p8 = lookupMicroarchitecture('power8le')!, p9 = lookupMicroarchitecture('power9le')!, p10 = lookupMicroarchitecture('power10le')!;
    assert.ok(p8.features.has('arch_2_07') && !p8.features.has('arch_3_00'));
    assert.ok(p9.features.has('arch_3_00') && !p9.features.has('arch_3_1'));
    assert.ok(p10.features.has('arch_3_1') && p10.features.has('mma'));
    assert.equal(p9.generation, 9);
  });

  test('aarch64 generic entries carry no features', () => {
    assert.equal(lookupMicroarchitecture('armv8.2a')!.features.size, 0);
    assert.ok(lookupMicroarchitecture('neoverse_n1')!.features.has('atomics'));
  });

  test('ancestors and suggestions', () => {
    assert.ok(ancestorsOf('haswell').includes('x86_64_v3'));
    assert.ok(ancestorsOf('haswell').includes('sandybridge'));
    assert.deepEqual(ancestorsOf('nope'), []);
    assert.equal(suggestMicroarchitectures('x86_64', 'haswel')[0], 'haswell');
    assert.equal(suggestMicroarchitectures('x86_64', 'skylake-avx512')[0], 'skylake_avx512');
  });

  test('first microarchitectures with avx2: Intel haswell, AMD excavator and zen', () => {
    const r = firstMicroarchitecturesWith('x86_64', 'avx2');
    assert.deepEqual(r.find((v) => v.vendor === 'GenuineIntel')?.names, ['haswell']);
    assert.deepEqual(r.find((v) => v.vendor === 'AuthenticAMD')?.names, ['excavator', 'zen']);
    assert.deepEqual(r.find((v) => v.vendor === 'generic')?.names, ['x86_64_v3']);
    assert.deepEqual(firstMicroarchitecturesWith('s390x', 'vx'), [{ vendor: 'IBM', names: ['z13'] }]);
  });

  test('oldestCovering prefers psABI levels, else the oldest vendor entry', () => {
    assert.equal(oldestCovering('x86_64', ['avx2', 'fma'])?.name, 'x86_64_v3');
    assert.equal(oldestCovering('x86_64', [...OPENJ9_X86, 'avx2'])?.name, 'haswell');
    assert.equal(oldestCovering('x86_64', OPENJ9_X86)?.name, 'sandybridge');
    assert.equal(oldestCovering('s390x', ['vxe'])?.name, 'z14');
    assert.equal(oldestCovering('x86_64', ['asimd']), undefined);
  });

  test('x86Level', () => {
    assert.equal(x86Level(lookupMicroarchitecture('haswell')!.features), 'x86_64_v3');
    assert.equal(x86Level(lookupMicroarchitecture('sandybridge')!.features), 'x86_64_v2');
    assert.equal(x86Level(lookupMicroarchitecture('skylake_avx512')!.features), 'x86_64_v4');
    assert.equal(x86Level(lookupMicroarchitecture('x86_64')!.features), 'x86_64_v1');
    assert.equal(x86Level(['avx2']), undefined);
  });
});

describe('NFD names', () => {
  test('labels, denylist and levels', () => {
    assert.equal(nfdLabelFor(lookupFeature('x86_64', 'sse4_1')!), 'SSE4');
    assert.equal(nfdLabelFor(lookupFeature('x86_64', 'aes')!), 'AESNI');
    assert.equal(nfdLabelFor(lookupFeature('x86_64', 'osxsave')!), 'OSXSAVE');
    assert.ok(NFD_DENYLIST.has('SSE4') && NFD_DENYLIST.has('CMOV') && !NFD_DENYLIST.has('AVX'));
    assert.equal(lookupNfdName('x86_64', 'SSE4')?.kind, 'feature');
    assert.equal(lookupNfdName('x86_64', 'sse4'), undefined); // label names are exact
    const v2 = lookupNfdName('x86_64', 'X86_64_V2');
    assert.equal(v2?.kind, 'level');
    assert.equal(lookupNfdName('aarch64', 'X86_64_V2'), undefined);
    assert.equal(lookupNfdName('aarch64', 'ATOMICS')?.kind, 'feature');
    assert.equal(nfdLevelImplying('pni'), 'X86_64_V2');
    assert.equal(nfdLevelImplying('cmov'), 'X86_64_V1');
    assert.equal(nfdLevelImplying('avx2'), 'X86_64_V3');
    assert.equal(nfdLevelImplying('aes'), undefined);
    // OpenJ9's x86 baseline in default-published labels: X86_64_V2 + AESNI + AVX (docs/kubernetes.md#cpu-placement)
    const covered = new Set([...nfdLevelFeatures('X86_64_V2'), 'aes', 'avx']);
    assert.ok(OPENJ9_X86.every((f) => covered.has(f)));
  });
});
