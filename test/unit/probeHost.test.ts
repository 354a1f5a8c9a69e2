import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostProbeError, powershellPath, probeHost, PROBE_TIMEOUT_MS, SYSCTL_PATH } from '../../server/src/host/probeHost';
import { AT_HWCAP, AT_HWCAP2, AT_PLATFORM, decodeAuxv, detect, WINDOWS_PROBE_SCRIPT } from '../../server/src/engine/probe/index';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'cpuinfo', name), 'utf8');

/** A /proc/self/auxv image: (type, value) pairs of 64-bit words ending with AT_NULL. */
function auxvImage(entries: [number, bigint][], littleEndian: boolean): Uint8Array {
  const all: [number, bigint][] = [[6, 65536n], ...entries, [0, 0n]];
  const buf = new DataView(new ArrayBuffer(all.length * 16));
  all.forEach(([type, value], i) => {
    buf.setBigUint64(i * 16, BigInt(type), littleEndian);
    buf.setBigUint64(i * 16 + 8, value, littleEndian);
  });
  return new Uint8Array(buf.buffer);
}

const bits = (...positions: number[]): bigint => positions.reduce((v, b) => v | (1n << BigInt(b)), 0n);
// POWER9: true_le archpmu vsx arch_2_06 dfp ic_snoop smt mmu fpu altivec ppc64 ppc32 (AT_HWCAP) and
// scv darn ieee128 arch_3_00 htm-nosc vcrypto tar isel ebb dscr htm arch_2_07 (AT_HWCAP2).
const P9_HWCAP = bits(1, 6, 7, 8, 10, 13, 14, 26, 27, 28, 30, 31);
const P9_HWCAP2 = bits(20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);

describe('probeHost on this machine', () => {
  test('reads the real CPU', { skip: process.platform !== 'linux' || process.arch !== 'x64' }, async () => {
    const host = await probeHost();
    assert.equal(host.arch, 'x86_64');
    assert.equal(host.source, 'live');
    assert.ok(host.features.includes('sse2'));
    assert.ok(host.vendor.length > 0);
    assert.notEqual(detect(host).microarchitecture, '');
  });
});

describe('probeHost with fake I/O', () => {
  test('macOS runs only /usr/sbin/sysctl -a with the timeout', async () => {
    const calls: unknown[] = [];
    const host = await probeHost({
      platform: 'darwin',
      execFile: async (file, args, timeout) => {
        calls.push([file, [...args], timeout]);
        return fixture('darwin-monterey-m1');
      },
      readFile: async () => assert.fail('macOS probe must not read files'),
    });
    assert.deepEqual(calls, [[SYSCTL_PATH, ['-a'], PROBE_TIMEOUT_MS]]);
    assert.equal(SYSCTL_PATH, '/usr/sbin/sysctl');
    assert.equal(PROBE_TIMEOUT_MS, 5000);
    assert.equal(host.source, 'live');
    assert.equal(detect(host).microarchitecture, 'm1');
  });

  test('Windows runs only powershell.exe with the fixed script', async () => {
    const calls: unknown[] = [];
    const host = await probeHost({
      platform: 'win32',
      systemRoot: 'C:\\Windows',
      execFile: async (file, args, timeout) => {
        calls.push([file, [...args], timeout]);
        return fixture('windows-synthetic-x86_64');
      },
    });
    assert.deepEqual(calls, [[powershellPath('C:\\Windows'), ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_PROBE_SCRIPT], 5000]]);
    assert.equal(powershellPath('C:\\Windows'), 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    assert.ok(host.features.includes('avx2'));
    assert.ok(host.notes.some((n) => n.includes('cannot report')));
  });

  test('the Windows script asks about every PF constant it parses', () => {
    assert.match(WINDOWS_PROBE_SCRIPT, /IsProcessorFeaturePresent\(40\)/);
    assert.match(WINDOWS_PROBE_SCRIPT, /'PF_AVX2_INSTRUCTIONS_AVAILABLE=40:'/);
  });

  for (const littleEndian of [true, false]) {
    test(`Linux ppc64le adds AT_HWCAP/AT_HWCAP2 from /proc/self/auxv (${littleEndian ? 'little' : 'big'}-endian)`, async () => {
      const read: string[] = [];
      const host = await probeHost({
        platform: 'linux',
        littleEndian,
        wordSize: 8,
        execFile: async () => assert.fail('Linux probe must not run programs'),
        readFile: async (path) => {
          read.push(path);
          if (path === '/proc/cpuinfo') return new TextEncoder().encode(fixture('linux-rhel8-power9'));
          if (path === '/proc/self/auxv') return auxvImage([[AT_HWCAP, P9_HWCAP], [AT_PLATFORM, 0x7fff0000n], [AT_HWCAP2, P9_HWCAP2]], littleEndian);
          throw new Error(`unexpected read ${path}`);
        },
      });
      assert.deepEqual(read, ['/proc/cpuinfo', '/proc/self/auxv']);
      for (const f of ['arch_3_00', 'arch_2_07', 'vsx', 'htm', 'ppc64', 'darn']) assert.ok(host.features.includes(f), f);
      assert.ok(!host.features.includes('arch_3_1'));
      assert.ok(!host.notes.some((n) => n.includes('LD_SHOW_AUXV')));
      assert.equal(detect(host).microarchitecture, 'power9le');
      assert.equal(detect(host).satisfiesPortable, true);
    });
  }

  test('Linux x86_64 does not need auxv', async () => {
    const read: string[] = [];
    const host = await probeHost({
      platform: 'linux',
      readFile: async (path) => {
        read.push(path);
        return new TextEncoder().encode(fixture('linux-rhel7-haswell'));
      },
    });
    assert.deepEqual(read, ['/proc/cpuinfo']);
    assert.equal(detect(host).microarchitecture, 'haswell');
  });

  test('failures become HostProbeError', async () => {
    await assert.rejects(probeHost({ platform: 'freebsd' }), HostProbeError);
    await assert.rejects(
      probeHost({ platform: 'darwin', execFile: async () => { throw new Error('spawn ETIMEDOUT'); } }),
      (e: unknown) => e instanceof HostProbeError && /ETIMEDOUT/.test(e.message),
    );
    await assert.rejects(probeHost({ platform: 'linux', readFile: async () => new TextEncoder().encode('garbage') }), HostProbeError);
  });
});

describe('decodeAuxv', () => {
  test('stops at AT_NULL and ignores trailing bytes', () => {
    const image = auxvImage([[AT_HWCAP, 0x887n]], true);
    const withTrailing = new Uint8Array([...image, ...auxvImage([[AT_HWCAP2, 5n]], true)]);
    assert.deepEqual(decodeAuxv(withTrailing, true), { hwcap: 0x887n });
    assert.deepEqual(decodeAuxv(new Uint8Array(7), true), {});
  });
  test('AT_HWCAP2 is 26', () => assert.equal(AT_HWCAP2, 26));
});
