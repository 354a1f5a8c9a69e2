import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  canRestore,
  detect,
  parseAny,
  parseJavacoreFeatures,
  parseLinuxCpuinfo,
  parseMacosSysctl,
  parseWindows,
  ProbeParseError,
  type HostCpu,
} from '../../server/src/engine/probe/index';
import { javacoreReports } from '../../server/src/engine/probe/javacore';

const DIR = join(__dirname, '..', 'fixtures', 'cpuinfo');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');

/** Fixture names end with archspec's answer; archspec names POWER on ppc64le `power9le`. */
function expectedFor(name: string, host: HostCpu): string {
  const last = name.split('-').pop()!;
  return host.arch === 'ppc64le' && !last.endsWith('le') ? `${last}le` : last;
}

describe('detect() names every capture as archspec does', () => {
  // The PowerShell probe's output and javacores name too few features to name a model.
  const captures = readdirSync(DIR).filter((f) => !f.endsWith('.md') && !f.startsWith('javacore-') && !f.startsWith('windows-synthetic'));
  test('there are captures for all four arches', () => {
    const arches = new Set(captures.map((f) => parseAny(read(f)).arch));
    assert.deepEqual([...arches].sort(), ['aarch64', 'ppc64le', 's390x', 'x86_64']);
  });
  test("every x86_64, aarch64, ppc64le, macOS and Windows capture of archspec-json's tests/targets is here", () => {
    // archspec-json 90b453f4 tests/targets, less the riscv64 captures (linux-sifive-u74mc, linux-spacemit-x60,
    // linux-debian13-x60) and bgq-rhel6-power7 (big-endian ppc64, an architecture this project does not model).
    const archspec = captures.filter((f) => !f.includes('-synthetic-'));
    assert.equal(archspec.length, 48);
  });
  for (const name of captures) {
    test(name, () => {
      const host = parseAny(read(name));
      const d = detect(host);
      assert.equal(d.microarchitecture, expectedFor(name, host));
      assert.equal(d.candidates[0], d.microarchitecture);
    });
  }
});

describe('Linux /proc/cpuinfo', () => {
  test('x86_64: vendor, model, family and canonical flags', () => {
    const host = parseLinuxCpuinfo(read('linux-rhel7-haswell'));
    assert.equal(host.arch, 'x86_64');
    assert.equal(host.vendor, 'GenuineIntel');
    assert.equal(host.model, 'Intel(R) Xeon(R) CPU E5-2680 v3 @ 2.50GHz');
    assert.equal(host.family, '6');
    assert.equal(host.modelNumber, '63');
    assert.equal(host.source, 'linux-cpuinfo');
    for (const f of ['pni', 'aes', 'avx2', 'sse4_1', 'fma', 'movbe']) assert.ok(host.features.includes(f), f);
    assert.deepEqual(host.features, [...host.features].sort());
  });

  test('x86_64: flags the catalogue does not know are kept as unknown, not dropped', () => {
    const host = parseLinuxCpuinfo(read('linux-rhel7-haswell'));
    const known = new Set(host.features);
    for (const f of host.unknownFeatures) assert.ok(!known.has(f));
    assert.ok(host.unknownFeatures.length + host.features.length > 0);
  });

  test('x86_64: x86-64 level and the OpenJ9 portable set', () => {
    assert.equal(detect(parseLinuxCpuinfo(read('linux-rhel7-haswell'))).x86Level, 'x86_64_v3');
    assert.equal(detect(parseLinuxCpuinfo(read('linux-rhel7-ivybridge'))).x86Level, 'x86_64_v2');
    assert.equal(detect(parseLinuxCpuinfo(read('linux-unknown-sapphirerapids'))).x86Level, 'x86_64_v4');
    assert.equal(detect(parseLinuxCpuinfo(read('linux-rhel7-ivybridge'))).satisfiesPortable, true);
    const noAvx = parseLinuxCpuinfo(read('linux-rhel7-ivybridge').replace(/ avx /, ' '));
    assert.equal(detect(noAvx).satisfiesPortable, false);
    assert.equal(detect(noAvx).microarchitecture, 'westmere');
  });

  test('aarch64: implementer and part become names', () => {
    const host = parseLinuxCpuinfo(read('linux-amazon-neoverse_n1'));
    assert.equal(host.arch, 'aarch64');
    assert.equal(host.vendor, 'ARM');
    assert.equal(host.model, 'ARM Neoverse-N1');
    assert.equal(host.modelNumber, '0xd0c');
    assert.ok(host.features.includes('atomics'));
    assert.equal(detect(host).satisfiesPortable, true, 'aarch64 portable set is host-defined');
  });

  test('aarch64: another vendor with the same features is not an ARM part', () => {
    const text = read('linux-amazon-neoverse_n1').replace('0x41', '0x61');
    const host = parseLinuxCpuinfo(text);
    assert.equal(host.vendor, 'Apple');
    assert.equal(detect(host).microarchitecture, 'aarch64');
  });

  test('ppc64le without LD_SHOW_AUXV: generation from the cpu line, its features, and a note saying so', () => {
    const host = parseLinuxCpuinfo(read('linux-rhel8-power9'));
    assert.equal(host.arch, 'ppc64le');
    assert.equal(host.model, 'POWER9');
    assert.equal(host.platform, 'power9');
    // Every POWER9 has these: a check must not fail the host for what its capture did not list.
    for (const f of ['altivec', 'vsx', 'arch_2_07', 'arch_3_00', 'ppc64']) assert.ok(host.features.includes(f), f);
    assert.ok(!host.features.includes('arch_3_1'), 'nothing of POWER10');
    assert.match(host.notes.join(' '), /every IBM POWER9 has.*LD_SHOW_AUXV/);
  });

  test('ppc64le with LD_SHOW_AUXV: HWCAP and HWCAP2 names, AT_PLATFORM', () => {
    const p8 = parseLinuxCpuinfo(read('linux-synthetic-power8le'));
    assert.equal(p8.platform, 'power8');
    for (const f of ['vsx', 'altivec', 'arch_2_07', 'htm', 'vcrypto', 'true_le']) assert.ok(p8.features.includes(f), f);
    assert.ok(!p8.features.includes('arch_3_00'));
    assert.equal(p8.notes.length, 0);
    const p10 = parseLinuxCpuinfo(read('linux-synthetic-power10le'));
    for (const f of ['arch_3_1', 'mma', 'arch_3_00']) assert.ok(p10.features.includes(f), f);
    assert.ok(!p10.features.includes('htm'));
    assert.equal(detect(p10).candidates.join(' '), 'power10le power9le power8le ppc64le');
  });

  test('s390x: machine type, HWCAP features and STFLE facilities', () => {
    const host = parseLinuxCpuinfo(read('linux-synthetic-z15'));
    assert.equal(host.arch, 's390x');
    assert.equal(host.vendor, 'IBM');
    assert.equal(host.machineType, '8561');
    assert.equal(host.model, 'IBM z15 T01');
    for (const f of ['vx', 'vxe', 'vxe2', 'vxp', 'gs', 'te']) assert.ok(host.features.includes(f), f);
    // only in the facilities line (bits 58 and 61):
    assert.ok(host.features.includes('mi_e2'));
    assert.ok(host.features.includes('mi_e3'));
    assert.ok(!parseLinuxCpuinfo(read('linux-synthetic-z14')).features.includes('mi_e3'));
  });

  test('s390x: an unknown machine type falls back to the facilities', () => {
    const text = read('linux-synthetic-z15').replaceAll('8561', '0001');
    const host = parseLinuxCpuinfo(text);
    assert.match(host.notes.join(' '), /Unknown IBM Z machine type 0001/);
    assert.equal(detect(host).microarchitecture, 'z15');
  });
});

describe('macOS sysctl', () => {
  test('Intel: macOS names become Linux names', () => {
    const host = parseMacosSysctl(read('darwin-mojave-ivybridge'));
    assert.equal(host.arch, 'x86_64');
    assert.equal(host.source, 'macos-sysctl');
    assert.equal(host.vendor, 'GenuineIntel');
    for (const f of ['pni', 'sse4_1', 'sse4_2', 'avx', 'aes', 'lahf_lm', 'fsgsbase', 'erms', 'lm', 'nx']) assert.ok(host.features.includes(f), f);
  });

  test('Apple silicon: FEAT_* become Linux aarch64 names; brand gives the model', () => {
    const host = parseMacosSysctl(read('darwin-monterey-m1'));
    assert.equal(host.arch, 'aarch64');
    assert.equal(host.vendor, 'Apple');
    assert.equal(host.model, 'Apple M1 Pro');
    assert.equal(host.platform, 'm1');
    for (const f of ['atomics', 'asimddp', 'sha3', 'paca', 'pacg', 'fphp', 'crc32', 'fp', 'asimd', 'uscat']) assert.ok(host.features.includes(f), f);
    assert.ok(!host.features.includes('bf16'), 'FEAT_BF16: 0 is absent');
  });

  test('Apple M2 brand string detects m2', () => {
    const text = read('darwin-monterey-m1').replace('Apple M1 Pro', 'Apple M2 Max');
    assert.equal(detect(parseMacosSysctl(text)).microarchitecture, 'm2');
  });
});

describe('Windows', () => {
  test('IsProcessorFeaturePresent output, with a note on what Windows cannot report', () => {
    const host = parseWindows(read('windows-synthetic-x86_64'));
    assert.equal(host.arch, 'x86_64');
    assert.equal(host.source, 'windows');
    assert.equal(host.vendor, 'GenuineIntel');
    for (const f of ['sse2', 'pni', 'ssse3', 'sse4_2', 'avx2', 'avx512f', 'cx16']) assert.ok(host.features.includes(f), f);
    assert.ok(!host.features.includes('3dnow'), 'False lines are absent');
    assert.match(host.notes.join(' '), /cannot report AES-NI/);
    assert.equal(detect(host).satisfiesPortable, false, 'Windows cannot show aes/popcnt/cmov');
  });
});

describe('OpenJ9 javacore', () => {
  test('2CIJITFEATURE / 2CIAOTFEATURE as canonical ids', () => {
    const r = parseJavacoreFeatures(read('javacore-synthetic-x86_64'));
    assert.equal(r.arch, 'x86_64');
    assert.ok(r.jit.includes('aes'), 'aesni -> aes');
    assert.ok(r.jit.includes('avx2'));
    assert.ok(r.aot.includes('pni'), 'sse3 -> pni');
    assert.ok(!r.aot.includes('avx2'));
    assert.deepEqual(r.jit, [...r.jit].sort());
    const host = parseAny(read('javacore-synthetic-x86_64'));
    assert.equal(host.source, 'javacore');
    // The JIT and AOT lines together: the AOT line's sse3 (pni) counts though the JIT line omits it.
    assert.ok(!r.jit.includes('pni'));
    assert.deepEqual(host.features, [...new Set([...r.jit, ...r.aot])].sort());
    assert.ok(host.features.includes('pni'));
    assert.match(host.notes.join(' '), /only the features the OpenJ9 JIT uses[\s\S]*unknown, not necessarily absent/);
  });

  test('what a javacore can report: the JIT-utilized features of its arch', () => {
    const x86 = javacoreReports('x86_64');
    for (const f of ['pni', 'sse4_1', 'avx2', 'aes']) assert.ok(x86.has(f), f);
    for (const f of ['cx16', 'lahf_lm', 'bmi1', 'movbe']) assert.ok(!x86.has(f), f);
    assert.ok(javacoreReports('aarch64').has('atomics'));
    assert.ok(!javacoreReports('aarch64').has('sha2'));
  });

  test('javacore without an architecture line is rejected', () => {
    const text = read('javacore-synthetic-x86_64').replace(/^3XHCPUARCH.*$/m, '').replace(/^1CIJAVAVERSION.*$/m, '');
    assert.throws(() => parseAny(text), ProbeParseError);
  });
});

describe('parseAny', () => {
  test('rejects junk with a ProbeParseError naming the accepted formats', () => {
    for (const junk of ['', '   \n', 'hello world', 'a: b\nc: d', '\u0000\u0001binary']) {
      assert.throws(() => parseAny(junk), (e: unknown) => e instanceof ProbeParseError && /cpuinfo|empty/.test(e.message), JSON.stringify(junk));
    }
  });

  test('accepts CRLF and a BOM', () => {
    const text = '\uFEFF' + read('linux-rhel7-haswell').replace(/\n/g, '\r\n');
    assert.equal(detect(parseAny(text)).microarchitecture, 'haswell');
  });
});

describe('canRestore', () => {
  test('lists what the host lacks', () => {
    const ivy = parseLinuxCpuinfo(read('linux-rhel7-ivybridge'));
    assert.deepEqual(canRestore(ivy, ['avx', 'aes']), { ok: true, missing: [] });
    assert.deepEqual(canRestore(ivy, ['fma', 'avx2', 'avx', 'avx2']), { ok: false, missing: ['avx2', 'fma'] });
  });
});

describe('aarch64 with LD_SHOW_AUXV output appended', () => {
  test('numeric AT_HWCAP values are decoded with the kernel bit positions', () => {
    // fp(0) asimd(1) aes(3) crc32(7) atomics(8) and AT_HWCAP2 bit 1 = sve2
    const text = 'processor : 0\nFeatures : fp asimd\nCPU implementer : 0x41\nCPU part : 0xd0c\nAT_HWCAP: 0x18b\nAT_HWCAP2: 0x2\n';
    const host = parseLinuxCpuinfo(text);
    for (const f of ['fp', 'asimd', 'aes', 'crc32', 'atomics', 'sve2']) assert.ok(host.features.includes(f), f);
    assert.ok(!host.features.includes('pmull'));
  });
});
