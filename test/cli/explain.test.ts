// explain: rule pages, features, microarchitectures, JVM options, suggestions for unknown names.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, cli } from './helpers';

describe('explain', () => {
  test('a rule id prints its page from docs/rules', () => {
    const r = cli(['explain', 'target-missing-features']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'target-missing-features.md'), 'utf8'));
  });

  test('a feature in any spelling: names, bit, first microarchitectures per vendor, baselines including it', () => {
    for (const spelling of ['avx2', 'AVX2', 'OMR_FEATURE_X86_AVX2']) {
      const r = cli(['explain', spelling]);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /^avx2 \(x86_64 CPU feature\)/);
      assert.match(r.stdout, /Where:\s+CPUID/);
      assert.match(r.stdout, /GenuineIntel: haswell/);
      assert.match(r.stdout, /AuthenticAMD: .*zen/);
      assert.match(r.stdout, /Baselines and levels including it: x86_64_v3, x86_64_v4/);
    }
    assert.match(cli(['explain', 'sse3']).stdout, /^pni \(x86_64 CPU feature\)[\s\S]*Baselines and levels including it: openj9-portable/);
  });

  test('a microarchitecture: vendor, parents and the features it adds', () => {
    const r = cli(['explain', 'haswell']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Vendor:\s+GenuineIntel/);
    assert.match(r.stdout, /Parents:\s+ivybridge, x86_64_v3/);
    assert.match(r.stdout, /Features added over ivybridge \(\d+\): abm avx2 bmi1 bmi2 fma movbe/);
    assert.match(cli(['explain', 'z15']).stdout, /Machine types: 8561, 8562/);
  });

  test('a JVM option, and the real option for a known misspelling', () => {
    assert.match(cli(['explain', '-XX:+EnableCRIUSupport']).stdout, /^-XX:\+EnableCRIUSupport \(JVM option, OpenJ9/);
    const r = cli(['explain', '-Xshareclasses:portable']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /not a real JVM option; the real one is -XX:\+PortableSharedCache/);
  });

  test('an unknown name exits 2 with suggestions', () => {
    const r = cli(['explain', 'haswel']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Did you mean: .*haswell/);
    assert.equal(cli(['explain']).code, 2);
  });

  test('the environment variables lint messages name', () => {
    for (const name of ['GLIBC_TUNABLES', 'OPENJ9_RESTORE_JAVA_OPTIONS', 'CRIU_RESTORE_DISABLE_RECOVERY']) {
      const r = cli(['explain', name]);
      assert.equal(r.code, 0, name);
      assert.match(r.stdout, new RegExp(`^${name} \\(environment variable\\)`));
    }
    assert.match(cli(['explain', 'CRIU_RESTORE_DISABLE_RECOVERY']).stdout, /CWWKE0964E/);
  });

  test('an NFD level label lists its features; a feature label explains the feature and its default publication', () => {
    const level = cli(['explain', 'feature.node.kubernetes.io/cpu-cpuid.X86_64_V2']);
    assert.equal(level.code, 0);
    assert.match(level.stdout, /Features \(\d+\): .*\bpni\b.*\bsse4_2\b/);
    assert.doesNotMatch(level.stdout, /\bavx2\b/);
    const avx2 = cli(['explain', 'cpu-cpuid.AVX2']);
    assert.equal(avx2.code, 0);
    assert.match(avx2.stdout, /label for the x86_64 feature avx2[\s\S]*Published by NFD by default: yes[\s\S]*^avx2 \(x86_64 CPU feature\)/m);
    // SSE42 is in NFD's default attributeBlacklist.
    assert.match(cli(['explain', 'feature.node.kubernetes.io/cpu-cpuid.SSE42']).stdout, /Published by NFD by default: no/);
    assert.equal(cli(['explain', 'cpu-cpuid.NOPE']).code, 2);
  });

  test('the OMR -Xjit:disable options say what they disable, newer features included', () => {
    const r = cli(['explain', '-Xjit:disableAVX2']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^-Xjit:disableAVX2 \(OpenJ9 JIT option, x86_64\)/);
    assert.match(r.stdout, /AVX2 instructions.*\(AVX-512\)/);
    assert.match(cli(['explain', '-Xjit:disableSSE4_2']).stdout, /\(AVX, AVX2, AVX-512\)/);
  });

  test('a leading -- is not a name', () => {
    const r = cli(['explain', '--', 'sse3']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^pni \(x86_64 CPU feature\)/);
  });

  test('far guesses are not suggested', () => {
    const r = cli(['explain', 'bogus']);
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.stderr, /Did you mean/);
  });
});
