// What the checkpointed JIT code needs, release by release and option by option (OpenJ9, Liberty, CRaC). Each
// "crashes" case was reported clean before the manifest knew releases: a clean report for an image that crashes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, covered, ids, lint } from '../support/engine';
import { applyEdits, findings, fixesFor } from '../helpers/fixes';

const URI = 'file:///work/orders.criu.yaml';

/** A checkpoint taken on `host`, restored on `target`; `jvm` is the manifest's jvm block (or ''). */
function manifest(runtime: string, jvm: string, host = 'cascadelake', target = 'ivybridge'): string {
  return `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: orders
runtime: ${runtime}
${jvm}arch: x86_64
checkpoint:
  host:
    microarchitecture: ${host}
  glibcTunables: "glibc.cpu.hwcaps=-AVX512F,-AVX2,-ERMS,-XSAVEC,-XSAVE,-AVX,-AVX_Fast_Unaligned_Load,-BMI2,-FMA,-MOVBE,-FSRM,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX512CD,-AVX_VNNI,-EVEX"
restore:
  onIncompatibleCpu: exit
  targets:
    - name: pool-old
      microarchitecture: ${target}
`;
}

const missingOf = (text: string) => byRule(lint(text, {}, URI), 'target-missing-features').flatMap((f) => f.data?.missing as string[]);

describe('OpenJ9: portable JIT in 0.40 and from 0.51, host-specific in 0.41 to 0.49', () => {
  test('0.46.0 without a portable option: the JIT code compiled for a Cascade Lake host crashes on Ivy Bridge', () => {
    const text = manifest('openj9', 'jvm:\n  release: 0.46.0\n  options: [-XX:+EnableCRIUSupport]\n');
    const [f] = byRule(lint(text, {}, URI), 'target-missing-features');
    assert.ok(f, 'a cascadelake-compiled checkpoint on ivybridge must not be clean');
    assert.ok((f.data?.missing as string[]).includes('avx2'), String(f.data?.missing));
    assert.ok((f.data?.missing as string[]).includes('avx512f'));
    assert.match(f.message, /the JIT code compiled for the checkpoint host \(OpenJ9 0\.46\.0 without -XX:\+JVMPortableRestoreMode\)/);
    assert.equal(covered(text, f), 'pool-old');
  });

  for (const release of ['0.41.0', '0.42.0', '0.49.0']) {
    test(`${release} is host-specific too`, () => {
      assert.ok(missingOf(manifest('openj9', `jvm:\n  release: ${release}\n`)).includes('avx2'));
    });
  }

  for (const release of ['0.40.0', '0.38.0', '0.51.0', '0.53.0']) {
    test(`${release} compiles portable code: Ivy Bridge can restore`, () => {
      assert.deepEqual(lint(manifest('openj9', `jvm:\n  release: ${release}\n`), {}, URI), []);
    });
  }

  test('0.46.0 with -XX:+JVMPortableRestoreMode, or -XX:-CRIURestoreNonPortableMode, is portable', () => {
    assert.deepEqual(lint(manifest('openj9', 'jvm:\n  release: 0.46.0\n  options: [-XX:+EnableCRIUSupport, -XX:+JVMPortableRestoreMode]\n'), {}, URI), []);
    assert.deepEqual(lint(manifest('openj9', 'jvm:\n  release: 0.46.0\n  options: [-XX:-CRIURestoreNonPortableMode]\n'), {}, URI), []);
  });

  test('the last of -XX:+X / -XX:-X wins, as in jvminit.c', () => {
    assert.ok(missingOf(manifest('openj9', 'jvm:\n  release: 0.46.0\n  options: [-XX:+JVMPortableRestoreMode, -XX:-JVMPortableRestoreMode]\n')).includes('avx2'));
    assert.ok(missingOf(manifest('openj9', 'jvm:\n  release: 0.46.0\n  options: [-XX:-CRIURestoreNonPortableMode, -XX:+CRIURestoreNonPortableMode]\n')).includes('avx2'));
  });

  test('Liberty: bin/server adds -XX:+CRIURestoreNonPortableMode after jvm.options, so only JVMPortableRestoreMode counts', () => {
    const minus = manifest('liberty', 'jvm:\n  release: 0.46.0\n  options: [-XX:-CRIURestoreNonPortableMode]\n');
    const [f] = byRule(lint(minus, {}, URI), 'target-missing-features');
    assert.ok(f && (f.data?.missing as string[]).includes('avx2'));
    assert.deepEqual(lint(manifest('liberty', 'jvm:\n  release: 0.46.0\n  options: [-XX:+JVMPortableRestoreMode]\n'), {}, URI), []);
  });

  test('0.46.0 with no checkpoint host: missing-field says the host decides, not a clean report', () => {
    const text = manifest('openj9', 'jvm:\n  release: 0.46.0\n').replace(/checkpoint:\n  host:\n    microarchitecture: cascadelake\n  glibcTunables: "[^"]*"\n/, '');
    const [f] = byRule(lint(text, {}, URI), 'missing-field');
    assert.ok(f, ids(lint(text, {}, URI)).join());
    assert.match(f.message, /checkpoint\.host\.features is missing: OpenJ9 0\.46\.0 compiles JIT code for the checkpoint host/);
  });
});

describe('release unknown: the unsafe case, said out loud', () => {
  const text = manifest('openj9', '');
  test('jvm-release-unknown on runtime, and the host-specific requirement in target-missing-features', () => {
    const found = lint(text, {}, URI);
    const [w] = byRule(found, 'jvm-release-unknown');
    assert.ok(w);
    assert.equal(covered(text, w), 'openj9');
    assert.match(w.message, /^Jvm\.release is not stated: assumed an OpenJ9 release from 0\.41 to 0\.49/);
    const [t] = byRule(found, 'target-missing-features');
    assert.match(t.message, /jvm\.release is not stated: assumed OpenJ9 0\.41 to 0\.49/);
  });

  test('a portable option makes the release irrelevant: no warning, Ivy Bridge restores', () => {
    assert.deepEqual(lint(manifest('openj9', 'jvm:\n  options: [-XX:+JVMPortableRestoreMode]\n'), {}, URI), []);
  });

  test('fix: set jvm.release (newest release), the warning goes and nothing new appears', () => {
    const [{ fixes }] = fixesFor(URI, text, 'jvm-release-unknown');
    const set = fixes.find((f) => f.title.startsWith('Set jvm.release: 0.59.0'))!;
    assert.ok(set, fixes.map((f) => f.title).join());
    const after = applyEdits(text, set.edits);
    assert.match(after, /^runtime: openj9\njvm:\n  release: 0\.59\.0\narch: x86_64$/m);
    assert.deepEqual(findings(URI, after), []);
  });

  test('fix: add -XX:+JVMPortableRestoreMode (new list, or into a flow list)', () => {
    const [{ fixes }] = fixesFor(URI, text, 'jvm-release-unknown');
    const add = fixes.find((f) => f.title.startsWith('Add -XX:+JVMPortableRestoreMode'))!;
    const after = applyEdits(text, add.edits);
    assert.match(after, /^jvm:\n  options: \[-XX:\+JVMPortableRestoreMode\]$/m);
    assert.deepEqual(findings(URI, after), []);
    const flow = manifest('openj9', 'jvm:\n  options: [-XX:+EnableCRIUSupport]   # keep\n');
    const [{ fixes: f2 }] = fixesFor(URI, flow, 'jvm-release-unknown');
    const after2 = applyEdits(flow, f2.find((f) => f.title.startsWith('Add'))!.edits);
    assert.match(after2, /options: \[-XX:\+EnableCRIUSupport, -XX:\+JVMPortableRestoreMode\]   # keep/);
    assert.deepEqual(findings(URI, after2), []);
  });

  test('Liberty on ppc64le: the message says the container images add the option there', () => {
    const text = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: a\nruntime: liberty\narch: ppc64le\nrestore:\n  onIncompatibleCpu: exit\n';
    const [w] = byRule(lint(text, {}, URI), 'jvm-release-unknown');
    assert.match(w.message, /ci\.docker checkpoint\.sh/);
  });
});

describe('CRaC: compiled for the checkpoint host unless -XX:CPUFeatures= says otherwise', () => {
  test('a skylake_avx512 CRaC checkpoint restored on sandybridge is not clean', () => {
    const text = manifest('crac', '', 'skylake_avx512', 'sandybridge');
    const [f] = byRule(lint(text, {}, URI), 'target-missing-features');
    assert.ok(f, 'CRaC compiles for the checkpoint host');
    assert.ok((f.data?.missing as string[]).includes('avx512f'));
    assert.match(f.message, /CRaC, -XX:CPUFeatures=native/);
    assert.deepEqual(byRule(lint(text, {}, URI), 'jvm-release-unknown'), []);
  });

  test('-XX:CPUFeatures=native is the same as nothing', () => {
    assert.ok(missingOf(manifest('crac', 'jvm:\n  options: [-XX:CPUFeatures=native]\n', 'skylake_avx512', 'sandybridge')).includes('avx2'));
  });

  test('-XX:CPUFeatures=generic keeps only the baseline of the first 64-bit CPUs: sandybridge restores', () => {
    assert.deepEqual(lint(manifest('crac', 'jvm:\n  options: [-XX:CRaCCheckpointTo=/cr, -XX:CPUFeatures=generic]\n', 'skylake_avx512', 'sandybridge'), {}, URI), []);
  });

  test('the last -XX:CPUFeatures wins', () => {
    assert.ok(missingOf(manifest('crac', 'jvm:\n  options: [-XX:CPUFeatures=generic, -XX:CPUFeatures=native]\n', 'skylake_avx512', 'sandybridge')).includes('avx2'));
  });

  test('a hex mask is not decoded: the host is assumed, and the message says so', () => {
    const [f] = byRule(lint(manifest('crac', 'jvm:\n  options: ["-XX:CPUFeatures=0x21421801fcfbd7,0x3e6"]\n', 'skylake_avx512', 'sandybridge'), {}, URI), 'target-missing-features');
    assert.match(f.message, /not decoded: the checkpoint host assumed/);
  });

  test('a CRaC checkpoint restored on its own microarchitecture is clean', () => {
    assert.deepEqual(lint(manifest('crac', '', 'skylake_avx512', 'skylake_avx512'), {}, URI), []);
  });
});
