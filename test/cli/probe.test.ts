// probe and check-host on the captures of test/fixtures/cpuinfo (each named after archspec's answer).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonicalFeatureId, type Arch } from '../../server/src/engine/catalog/index';
import { CPUINFO, cli, fixture, tempProject } from './helpers';

const captures = fs.readdirSync(CPUINFO).filter((f) => !f.endsWith('.md'));
const capture = (name: string) => path.join(CPUINFO, name);

/** The file name's last part is the answer; archspec names POWER on ppc64le `power9le`. */
function expected(name: string, arch: string): string {
  const last = name.split('-').pop()!;
  return arch === 'ppc64le' && !last.endsWith('le') ? `${last}le` : last;
}

describe('probe --from FILE --json', () => {
  test('there are captures of every OS and arch', () => {
    assert.ok(captures.length >= 10);
  });
  for (const name of captures) {
    test(name, () => {
      const r = cli(['probe', '--from', capture(name), '--json']);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout);
      for (const key of ['arch', 'vendor', 'model', 'microarchitecture', 'features', 'satisfiesPortable']) assert.ok(key in report, key);
      assert.equal(report.microarchitecture, expected(name, report.arch));
      assert.ok(report.features.length > 0);
      for (const f of report.features as string[]) assert.equal(canonicalFeatureId(report.arch as Arch, f), f, `${f} is canonical`);
      if (report.arch === 'x86_64' && !name.startsWith('windows-') && !name.startsWith('javacore-')) assert.match(report.x86Level, /^x86_64_v[1-4]$/);
    });
  }

  test('text output names the microarchitecture and the x86-64 level', () => {
    const r = cli(['probe', '--from', capture('linux-rhel7-haswell')]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Microarchitecture:\s+haswell/);
    assert.match(r.stdout, /x86-64 level:\s+x86-64-v3/);
  });

  test('- reads the capture from standard input', () => {
    const r = cli(['probe', '--from', '-', '--json'], { input: fs.readFileSync(capture('linux-synthetic-z16'), 'utf8') });
    assert.equal(JSON.parse(r.stdout).microarchitecture, 'z16');
  });

  test('an unrecognised capture or a missing file is a usage error', () => {
    assert.equal(cli(['probe', '--from', path.join(CPUINFO, 'README.md')]).code, 2);
    assert.equal(cli(['probe', '--from', 'no/such/capture']).code, 2);
    assert.equal(cli(['probe', '--bogus']).code, 2);
  });

  test('without --from it probes this machine', () => {
    const r = cli(['probe', '--json']);
    if (r.code === 2) {
      assert.match(r.stderr, /probe/); // A platform the live probe does not support says so.
      return;
    }
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.ok(report.microarchitecture && report.features.length > 0);
  });
});

describe('check-host --manifest FILE --from FILE', () => {
  const AVX2 = 'test/fixtures/cli/avx2-service.criu.yaml';
  const Z15 = 'test/fixtures/cli/z15-service.criu.yaml';

  test('exit 0 when the captured host has every feature of R', () => {
    for (const host of ['linux-rhel7-haswell', 'linux-ubuntu20.04-zen3', 'linux-unknown-sapphirerapids']) {
      const r = cli(['check-host', '--manifest', AVX2, '--from', capture(host)]);
      assert.equal(r.code, 0, `${host}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /can restore it/);
    }
    assert.equal(cli(['check-host', '--manifest', Z15, '--from', capture('linux-synthetic-z16')]).code, 0);
  });

  test('exit 3 when it lacks features, naming each and why it is required', () => {
    const r = cli(['check-host', '--manifest', AVX2, '--from', capture('linux-rhel7-ivybridge')]);
    assert.equal(r.code, 3);
    assert.match(r.stdout, /cannot restore it; it lacks abm, avx2, bmi1, bmi2, fma, movbe/);
    assert.match(r.stdout, /^ {2}avx2: required by the baseline haswell \(line 7\); requires \(line 8\)$/m);
    const z = cli(['check-host', '--manifest', Z15, '--from', capture('linux-synthetic-z14')]);
    assert.equal(z.code, 3);
    // z15 adds sort and dflt too (facilities 150, 151: Linux setup_hwcaps).
    assert.match(z.stdout, /lacks dflt, mi_e3, sort, vxe2, vxp/);
  });

  test('exit 3 for a host of another architecture', () => {
    const r = cli(['check-host', '--manifest', AVX2, '--from', capture('linux-amazon-neoverse_n1')]);
    assert.equal(r.code, 3);
    assert.match(r.stdout, /the image is x86_64, the host is aarch64/);
  });

  test('features a Windows capture cannot report are called unknown, not absent (still exit 3)', () => {
    const r = cli(['check-host', '--manifest', AVX2, '--from', capture('windows-synthetic-x86_64')]);
    assert.equal(r.code, 3);
    assert.match(r.stdout, /cannot confirm that this host/);
    assert.match(r.stdout, /^Note: Windows reports only/m);
  });

  test('a javacore: features outside the JIT-utilized set are unknown, not absent; the AOT line counts', () => {
    const manifest = (extra: string) => `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: svc
image: registry.example.com/svc:1
runtime: openj9
arch: x86_64
${extra}
restore:
  onIncompatibleCpu: exit
`;
    const dir = tempProject({
      'cx16.criu.yaml': manifest('requires: [cx16]'),
      'mixed.criu.yaml': manifest('requires: [cx16, sse4_2]'),
      'portable.criu.yaml': manifest('baseline: openj9-portable'),
    });
    const javacore = capture('javacore-synthetic-x86_64');
    try {
      const unknownOnly = cli(['check-host', '--manifest', path.join(dir, 'cx16.criu.yaml'), '--from', javacore]);
      assert.equal(unknownOnly.code, 3);
      assert.match(unknownOnly.stdout, /cannot confirm that this host .* does not report cx16/);
      assert.match(unknownOnly.stdout, /cx16: .*unknown, not necessarily absent/);
      assert.match(unknownOnly.stdout, /^Note: A javacore lists only the features the OpenJ9 JIT uses/m);
      // sse4_2 is one the JIT uses, absent from both lines: really missing; cx16 stays unknown.
      const mixed = cli(['check-host', '--manifest', path.join(dir, 'mixed.criu.yaml'), '--from', javacore]);
      assert.equal(mixed.code, 3);
      assert.match(mixed.stdout, /cannot restore it; it lacks sse4_2 \(and the capture does not report cx16\):/);
      assert.doesNotMatch(mixed.stdout.split('\nNote:')[0]!, /pni/, 'sse3 is on the AOT line');
      // The portable set's sse3 is on the AOT line only.
      const portable = cli(['check-host', '--manifest', path.join(dir, 'portable.criu.yaml'), '--from', javacore]);
      assert.equal(portable.code, 0, portable.stdout);
      assert.match(portable.stdout, /can restore it/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--json gives a verdict per manifest', () => {
    const r = cli(['check-host', '--json', '--manifest', AVX2, '--from', capture('linux-rhel7-ivybridge')]);
    assert.equal(r.code, 3);
    const v = JSON.parse(r.stdout);
    assert.equal(v.host.microarchitecture, 'ivybridge');
    assert.deepEqual(v.manifests[0].missing.map((m: { feature: string }) => m.feature), ['abm', 'avx2', 'bmi1', 'bmi2', 'fma', 'movbe']);
  });

  test('usage errors exit 2', () => {
    assert.equal(cli(['check-host', '--from', capture('linux-rhel7-haswell')]).code, 2, 'no --manifest');
    assert.equal(cli(['check-host', '--manifest', 'no/such.criu.yaml', '--from', capture('linux-rhel7-haswell')]).code, 2);
    const notManifest = cli(['check-host', '--manifest', '-', '--from', capture('linux-rhel7-haswell')], { input: 'kind: Service\n' });
    assert.equal(notManifest.code, 2);
    assert.equal(cli(['check-host', '--manifest', '-', '--from', '-'], { input: fixture('avx2-service.criu.yaml') }).code, 2);
  });

  test('on this machine it answers 0 or 3', () => {
    const r = cli(['check-host', '--manifest', 'test/fixtures/cli/clean.criu.yaml']);
    assert.ok(r.code === 0 || r.code === 3 || (r.code === 2 && /probe/.test(r.stderr)), `${r.code} ${r.stderr}`);
  });
});
