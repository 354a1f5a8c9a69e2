// CRIU images decoded by this project agree with CRIU's own decoder (`crit decode`), field by field, and the
// features read from an x86 cpuinfo.img are the capture's own, as far as CRIU's capability table records them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeCpuinfo } from '../../server/src/engine/criu/cpuinfo';
import { checkpointCpu } from '../../server/src/engine/criu/cpuHost';
import { inventoryVersion } from '../../server/src/engine/criu/evidence';
import { CriuImageError } from '../../server/src/engine/criu/imageFile';
import { detect, parseAny } from '../../server/src/engine/probe/index';
import { canonical, critDecode, critEncode, critMissing, x86CpuinfoJson } from '../helpers/criu';

const CPUINFO = path.join(__dirname, '..', 'fixtures', 'cpuinfo');
const X86_CAPTURES = ['linux-rhel7-haswell', 'linux-rhel7-ivybridge', 'linux-ubuntu20.04-zen3', 'linux-unknown-sapphirerapids'];
const skip = critMissing();

describe('CRIU images against crit', { skip }, () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'criu-images-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const name of X86_CAPTURES) {
    it(`x86 cpuinfo.img from ${name}: every field as crit decodes it, the capture's features`, () => {
      const capture = fs.readFileSync(path.join(CPUINFO, name), 'utf8');
      const { json, flags, unrecorded } = x86CpuinfoJson(capture, { xsaveSize: 2696, xfeatures: 0x2e7 });
      const file = path.join(dir, name, 'cpuinfo.img');
      critEncode(json, file);
      const bytes = fs.readFileSync(file);
      const ours = decodeCpuinfo(bytes, file);
      const theirs = critDecode(file);
      assert.equal(theirs.magic, 'CPUINFO');
      const ref = (theirs.entries[0]!.x86_entry as Record<string, unknown>[])[0]!;
      const mine = ours.x86_entry[0]! as unknown as Record<string, unknown>;
      assert.deepEqual(Object.keys(mine).sort(), Object.keys(ref).sort());
      for (const k of Object.keys(ref)) {
        // crit prints uint64 as a JSON number; this decoder keeps it exact as a decimal string.
        const want = k === 'xfeatures_mask' ? String(ref[k]) : ref[k];
        assert.deepEqual(mine[k], want, `field ${k}`);
      }
      const cpu = checkpointCpu(ours, file);
      const probe = parseAny(capture);
      // Every flag CRIU's table records comes back, canonically named; the rest are the capture's unrecorded flags.
      const recorded = flags.filter((f) => !unrecorded.includes(f));
      assert.deepEqual(cpu.host.features, canonical(recorded));
      const lost = probe.features.filter((f) => !cpu.host.features.includes(f));
      assert.deepEqual(lost, canonical(unrecorded).filter((f) => probe.features.includes(f)));
      assert.equal(cpu.host.model, probe.model);
      assert.equal(cpu.host.vendor, probe.vendor);
      assert.equal(cpu.host.family, probe.family);
      assert.equal(cpu.host.modelNumber, probe.modelNumber);
      assert.deepEqual(cpu.xsave, { featuresMask: '0x2e7', size: 2696, sizeMax: 2696 });
      const expected = name.replace(/^.*-/, '');
      if (lost.length === 0) assert.equal(detect(cpu.host).microarchitecture, expected);
      else assert.match(cpu.host.notes.join(' '), /cannot record/);
    });
  }

  it('the capture whose features CRIU cannot all record is named from what was recorded, with a note', () => {
    const capture = fs.readFileSync(path.join(CPUINFO, 'linux-unknown-sapphirerapids'), 'utf8');
    const { json, unrecorded } = x86CpuinfoJson(capture);
    assert.ok(unrecorded.includes('avx512_bf16'), 'avx512_bf16 (CPUID 7.1 EAX) has no word in capability_ver 2');
    const file = path.join(dir, 'spr.img');
    critEncode(json, file);
    const cpu = checkpointCpu(decodeCpuinfo(fs.readFileSync(file), file), file);
    assert.ok(!cpu.host.features.includes('avx512_bf16'));
    assert.match(cpu.host.notes.join('\n'), /avx512_bf16/);
  });

  it('ppc64le cpuinfo.img: AT_HWCAP/AT_HWCAP2 words give the capture\'s features', () => {
    const capture = fs.readFileSync(path.join(CPUINFO, 'linux-synthetic-power10le'), 'utf8');
    const hw = hwcapWords(capture);
    const file = path.join(dir, 'ppc', 'cpuinfo.img');
    critEncode({ magic: 'CPUINFO', entries: [{ ppc64_entry: [{ endian: 'LITTLEENDIAN', hwcap: [Number(hw[0]), Number(hw[1])] }] }] }, file);
    const ours = decodeCpuinfo(fs.readFileSync(file), file);
    const ref = (critDecode(file).entries[0]!.ppc64_entry as { endian: string; hwcap: number[] }[])[0]!;
    assert.equal(ours.ppc64_entry[0]!.endian, ref.endian);
    assert.deepEqual(ours.ppc64_entry[0]!.hwcap, ref.hwcap.map(String));
    const cpu = checkpointCpu(ours, file);
    assert.equal(cpu.host.arch, 'ppc64le');
    assert.deepEqual(cpu.host.features, parseAny(capture).features);
    assert.equal(detect(cpu.host).microarchitecture, 'power10le');
  });

  it('s390x cpuinfo.img: the HWCAP words give the capture\'s HWCAP features (facilities are not recorded)', () => {
    const capture = fs.readFileSync(path.join(CPUINFO, 'linux-synthetic-z15'), 'utf8');
    const names = /^features\s*:\s*(.*)$/m.exec(capture)![1]!.trim().split(/\s+/);
    let hwcap = 0n;
    for (const n of names) {
      const bit = S390_HWCAP_STR.indexOf(n);
      assert.ok(bit >= 0, `kernel hwcap_str knows ${n}`);
      hwcap |= 1n << BigInt(bit);
    }
    const file = path.join(dir, 's390', 'cpuinfo.img');
    critEncode({ magic: 'CPUINFO', entries: [{ s390_entry: [{ hwcap: [Number(hwcap), 0] }] }] }, file);
    const ours = decodeCpuinfo(fs.readFileSync(file), file);
    assert.deepEqual(ours.s390_entry[0]!.hwcap, (critDecode(file).entries[0]!.s390_entry as { hwcap: number[] }[])[0]!.hwcap.map(String));
    const cpu = checkpointCpu(ours, file);
    const probe = parseAny(capture);
    const hwcapOnly = probe.features.filter((f) => cpu.host.features.includes(f));
    assert.deepEqual(cpu.host.features, hwcapOnly);
    assert.ok(cpu.host.features.includes('vxe2'), 'z15 vector-enhancements 2 is a HWCAP bit');
    assert.match(cpu.host.notes.join(' '), /facilities/);
  });

  it('inventory.img: img_version as crit decodes it', () => {
    const file = path.join(dir, 'inv', 'inventory.img');
    critEncode({ magic: 'INVENTORY', entries: [{ img_version: 2, fdinfo_per_id: true, lsmtype: 'NO_LSM', dump_uptime: 123456789 }] }, file);
    assert.equal(inventoryVersion({ path: 'inventory.img', bytes: fs.readFileSync(file) }), (critDecode(file).entries[0] as { img_version: number }).img_version);
  });

  it('bad images: truncated, foreign, wrong magic, unknown capability_ver — one CriuImageError each', () => {
    const good = path.join(dir, 'good.img');
    critEncode(x86CpuinfoJson(fs.readFileSync(path.join(CPUINFO, 'linux-rhel7-haswell'), 'utf8')).json, good);
    const bytes = fs.readFileSync(good);
    assert.throws(() => decodeCpuinfo(bytes.subarray(0, bytes.length - 5), 'cut.img'), (e: Error) => e instanceof CriuImageError && /truncated/.test(e.message));
    assert.throws(() => decodeCpuinfo(new TextEncoder().encode('hello, world: not an image'), 'text.img'), (e: Error) => e instanceof CriuImageError && /not a CRIU cpuinfo image/.test(e.message));
    const inv = path.join(dir, 'inv2.img');
    critEncode({ magic: 'INVENTORY', entries: [{ img_version: 2 }] }, inv);
    assert.throws(() => decodeCpuinfo(fs.readFileSync(inv), 'inv2.img'), /not a CRIU cpuinfo image \(magic/);
    const v3 = path.join(dir, 'v3.img');
    const json = x86CpuinfoJson(fs.readFileSync(path.join(CPUINFO, 'linux-rhel7-haswell'), 'utf8')).json as { entries: { x86_entry: { capability_ver: number }[] }[] };
    json.entries[0]!.x86_entry[0]!.capability_ver = 3;
    critEncode(json, v3);
    const decoded = decodeCpuinfo(fs.readFileSync(v3), 'v3.img');
    assert.throws(() => checkpointCpu(decoded, 'v3.img'), /unknown capability_ver 3/);
  });
});

/** Kernel arch/s390/kernel/processor.c hwcap_str[]: the AT_HWCAP bit of each /proc/cpuinfo `features` name. */
const S390_HWCAP_STR = ['esan3', 'zarch', 'stfle', 'msa', 'ldisp', 'eimm', 'dfp', 'edat', 'etf3eh', 'highgprs', 'te', 'vx', 'vxd', 'vxe', 'gs', 'vxe2', 'vxp', 'sort', 'dflt', 'vxp2', 'nnpa', 'pcimio', 'sie'];

/** AT_HWCAP/AT_HWCAP2 from LD_SHOW_AUXV names, by glibc's _dl_powerpc_cap_flags order (index i: HWCAP bit 31-i... as glibc prints). */
function hwcapWords(capture: string): [bigint, bigint] {
  const line = (k: string): string[] => (new RegExp(`^${k}:\\s*(.*)$`, 'm').exec(capture)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
  const toBits = (names: string[], word: 0 | 1): bigint => {
    let v = 0n;
    for (const n of names) {
      const i = PPC_CAP_FLAGS.indexOf(n, word * 32);
      assert.ok(i >= word * 32 && i < word * 32 + 32, `glibc knows ${n}`);
      v |= 1n << BigInt(i - word * 32);
    }
    return v;
  };
  return [toBits(line('AT_HWCAP'), 0), toBits(line('AT_HWCAP2'), 1)];
}

/** glibc sysdeps/powerpc/dl-procinfo.c _dl_powerpc_cap_flags, indexed by bit (HWCAP 0..31, HWCAP2 32..63). */
const PPC_CAP_FLAGS = [
  'ppcle', 'true_le', '', '', '', '', 'archpmu', 'vsx', 'arch_2_06', 'power6x', 'dfp', 'pa6t', 'arch_2_05', 'ic_snoop', 'smt', 'booke',
  'cellbe', 'power5+', 'power5', 'power4', 'notb', 'efpdouble', 'efpsingle', 'spe', 'ucache', '4xxmac', 'mmu', 'fpu', 'altivec', 'ppc601', 'ppc64', 'ppc32',
  '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '',
  '', 'mma', 'arch_3_1', 'htm-no-suspend', 'scv', 'darn', 'ieee128', 'arch_3_00', 'htm-nosc', 'vcrypto', 'tar', 'isel', 'ebb', 'dscr', 'htm', 'arch_2_07',
];
