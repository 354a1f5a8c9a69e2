// glibc's real choices per release, vendor and runtime (bminor/glibc sysdeps/x86/cpu-features.c, ifunc-memmove.h,
// s_fma.c, ifunc-fma4.h, cpu-tunables.c, elf/dl-tunables.c, dl-hwcaps-subdirs.c): each case here was reported
// clean (or wrong) before this model.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { byRule, lint } from '../support/engine';
import { applyEdits, findings, fixesFor } from '../helpers/fixes';
import { lookupMicroarchitecture } from '../../server/src/engine/catalog';
import { effectiveHwcaps, judgeGlibc, parseGlibcRelease } from '../../server/src/engine/manifest/glibc';

const URI = 'file:///w/glibc.criu.yaml';
const OPENJ9_MASK = 'glibc.pthread.rseq=0:glibc.cpu.hwcaps=-XSAVEC,-XSAVE,-AVX2,-ERMS,-AVX,-AVX_Fast_Unaligned_Load';

function featuresOf(name: string, extra: string[] = []): string {
  const u = lookupMicroarchitecture(name);
  assert.ok(u, name);
  return [...u.features, ...extra].join(', ');
}

interface Spec {
  arch?: string;
  runtime?: string;
  jvmOptions?: string;
  glibc?: string;
  host: string;
  hostMicro?: string;
  tunables?: string;
  target: string;
}

/** OpenJ9 0.51 compiles portable JIT code, so only glibc adds to what the targets need; CRaC states its options. */
function jvm(s: Spec): string {
  const release = s.runtime === 'crac' ? '' : '  release: "0.51.0"\n';
  const options = s.jvmOptions ? `  options: [${s.jvmOptions}]\n` : '';
  return release || options ? `jvm:\n${release}${options}` : '';
}

function manifest(s: Spec): string {
  return `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: svc
${s.runtime ? `runtime: ${s.runtime}\n` : ''}${jvm(s)}arch: ${s.arch ?? 'x86_64'}
checkpoint:
${s.glibc ? `  glibc: "${s.glibc}"\n` : ''}  host:
${s.hostMicro ? `    microarchitecture: ${s.hostMicro}\n` : ''}    features: [${s.host}]
${s.tunables ? `  glibcTunables: "${s.tunables}"\n` : ''}restore:
  onIncompatibleCpu: exit
  targets:
    - name: pool
      microarchitecture: ${s.target}
`;
}

const missing = (text: string) => (byRule(lint(text, {}, URI), 'target-missing-features')[0]?.data?.missing as string[] | undefined) ?? [];

/** Apply the glibc fix, validate again: that finding is gone and nothing new appears. */
function applyGlibcFix(text: string): string {
  const [hit] = fixesFor(URI, text, 'glibc-hwcaps-unmasked');
  assert.ok(hit, 'a glibc fix is offered');
  const before = findings(URI, text).filter((f) => f.ruleId !== 'glibc-hwcaps-unmasked').map((f) => f.ruleId);
  const after = applyEdits(text, hit.fixes[0].edits);
  const now = findings(URI, after);
  assert.deepEqual(now.filter((f) => f.ruleId === 'glibc-hwcaps-unmasked'), [], after);
  for (const f of now) assert.ok(before.includes(f.ruleId), `the fix added ${f.ruleId}`);
  return after;
}

describe('AVX-512: glibc picks ZMM memmove unless Prefer_No_AVX512 (Intel only)', () => {
  const zen4 = { glibc: '2.39', host: featuresOf('zen4'), hostMicro: 'zen4', tunables: `${OPENJ9_MASK},-FMA`, target: 'zen2' };
  test('Zen 4 → Zen 2 is not clean: -AVX2 and -AVX_Fast_Unaligned_Load do not mask AVX512F', () => {
    const text = manifest(zen4);
    assert.ok(missing(text).includes('avx512f'));
    const [g] = byRule(lint(text, {}, URI), 'glibc-hwcaps-unmasked');
    assert.match(g.message, /AVX-512 \(ZMM\) memmove/);
  });
  test('the fix adds -AVX512F to the last glibc.cpu.hwcaps, and the target is clean after it', () => {
    const after = applyGlibcFix(manifest(zen4));
    assert.match(after, /-AVX512F/);
    assert.deepEqual(missing(after), []);
  });
  test('Prefer_No_AVX512 named in the tunable also masks it', () => {
    assert.ok(!missing(manifest({ ...zen4, tunables: `${OPENJ9_MASK},-FMA,Prefer_No_AVX512` })).includes('avx512f'));
  });
  test('an unknown vendor is judged like AMD, and the finding says so', () => {
    // Without AMD-only bits (sse4a, clzero ...) and without a microarchitecture nothing names the vendor.
    const plain = featuresOf('zen4').split(', ').filter((f) => !['sse4a', 'clzero', 'fma4', 'xop', 'tbm'].includes(f)).join(', ');
    const [g] = byRule(lint(manifest({ ...zen4, host: plain, hostMicro: undefined }), {}, URI), 'glibc-hwcaps-unmasked');
    assert.match(g.message, /vendor is unknown/);
  });
});

describe('Intel with and without AVX-VNNI, glibc 2.34 vs 2.39', () => {
  // Sapphire Rapids has AVX-VNNI (archspec-json tests/targets/linux-unknown-sapphirerapids lists avx_vnni); Ice Lake does not.
  const spr = featuresOf('sapphirerapids', ['avx_vnni']);
  const spec = (host: string, glibc: string) => ({ glibc, host, hostMicro: 'sapphirerapids', tunables: `${OPENJ9_MASK},-FMA`, target: 'haswell' });
  test('2.34: Prefer_No_AVX512 on every Intel without AVX512ER: clean', () => {
    assert.ok(!missing(manifest(spec(spr, '2.34'))).includes('avx512f'));
  });
  test('2.39 with AVX-VNNI: glibc uses ZMM, a Haswell target lacks avx512f', () => {
    assert.ok(missing(manifest(spec(spr, '2.39'))).includes('avx512f'));
  });
  test('2.39 without AVX-VNNI (Ice Lake): still Prefer_No_AVX512, clean', () => {
    const text = manifest({ ...spec(featuresOf('icelake'), '2.39'), hostMicro: 'icelake' });
    assert.ok(!missing(text).includes('avx512f'));
  });
});

describe('FMA and FMA4 in libm are chosen on those bits alone', () => {
  const piledriver = { glibc: '2.34', host: featuresOf('piledriver'), hostMicro: 'piledriver', tunables: OPENJ9_MASK, target: 'sandybridge' };
  test('Piledriver → Sandy Bridge is not clean under the OpenJ9 mask', () => {
    const text = manifest(piledriver);
    assert.ok(missing(text).includes('fma'));
    // archspec's Intel lines never list fma4, so target-missing-features cannot judge it on a named Intel target;
    // the glibc finding names it.
    const [g] = byRule(lint(text, {}, URI), 'glibc-hwcaps-unmasked');
    assert.deepEqual(g.data?.features, ['fma', 'fma4']);
  });
  test('the fix adds -FMA and -FMA4, and the target is clean after it', () => {
    const after = applyGlibcFix(manifest(piledriver));
    assert.match(after, /-FMA,-FMA4|-FMA4,-FMA/);
    assert.deepEqual(missing(after), []);
  });
  test('glibc 2.31 spells them FMA_Usable/FMA4_Usable (and -AVX2 there changes nothing)', () => {
    const text = manifest({ ...piledriver, glibc: '2.31' });
    const [g] = byRule(lint(text, {}, URI), 'glibc-hwcaps-unmasked');
    assert.match(String(g.data?.suggested), /-FMA_Usable/);
    assert.match(String(g.data?.suggested), /-FMA4_Usable/);
    applyGlibcFix(text);
  });
});

describe('GLIBC_TUNABLES: the last glibc.cpu.hwcaps wins', () => {
  test('an earlier entry is ignored whole', () => {
    const h = effectiveHwcaps('openj9', 'glibc.cpu.hwcaps=-AVX512F:glibc.pthread.rseq=0:glibc.cpu.hwcaps=-AVX2');
    assert.deepEqual([...h.entries], ['-AVX2']);
    assert.equal(h.userOverridden, true);
  });
  test('the fix writes into the last entry, so it takes effect', () => {
    const text = manifest({ glibc: '2.39', host: featuresOf('zen4'), hostMicro: 'zen4', tunables: `glibc.cpu.hwcaps=-AVX512F:${OPENJ9_MASK},-FMA`, target: 'zen2' });
    assert.ok(missing(text).includes('avx512f'));
    const after = applyGlibcFix(text);
    assert.match(after, /-AVX_Fast_Unaligned_Load,-FMA,-AVX512F"/);
  });
});

describe('Open Liberty appends its own glibc.cpu.hwcaps after the user\'s', () => {
  test('x86: the user\'s -AVX512F,-FMA has no effect; the finding says so and offers no tunable', () => {
    const text = manifest({ runtime: 'liberty', glibc: '2.39', host: featuresOf('zen4'), hostMicro: 'zen4', tunables: 'glibc.cpu.hwcaps=-AVX512F,-FMA', target: 'zen2' });
    const [g] = byRule(lint(text, {}, URI), 'glibc-hwcaps-unmasked');
    assert.match(g.message, /Open Liberty's bin\/server appends its own glibc\.cpu\.hwcaps after yours, and glibc uses only the last one, so your entry has no effect/);
    assert.match(g.message, /every restore target must have/);
    assert.equal(g.data?.suggested, undefined);
    assert.deepEqual(fixesFor(URI, text, 'glibc-hwcaps-unmasked').flatMap((h) => h.fixes), []);
    assert.ok(missing(text).includes('avx512f'));
  });
  test('x86 Haswell → Sandy Bridge under Liberty: fma() still binds FMA', () => {
    const text = manifest({ runtime: 'liberty', glibc: '2.39', host: featuresOf('haswell'), hostMicro: 'haswell', target: 'sandybridge' });
    assert.deepEqual(missing(text), ['fma']);
  });
  test('s390x: the user\'s z13 loses to Liberty\'s z14, so z14 routines stay bound on glibc 2.38', () => {
    const text = manifest({ arch: 's390x', runtime: 'liberty', glibc: '2.38', host: featuresOf('z14'), hostMicro: 'z14', tunables: 'glibc.cpu.hwcaps=z13', target: 'z13' });
    assert.ok(missing(text).includes('vxe'));
    assert.match(byRule(lint(text, {}, URI), 'glibc-hwcaps-unmasked')[0].message, /Open Liberty's bin\/server appends/);
  });
  test('s390x before glibc 2.38 there is no tunable at all: Liberty\'s z14 masks nothing', () => {
    const text = manifest({ arch: 's390x', runtime: 'liberty', glibc: '2.35', host: featuresOf('z15'), hostMicro: 'z15', target: 'z14' });
    const [t] = byRule(lint(text, {}, URI), 'target-missing-features');
    assert.ok((t.data?.missing as string[]).includes('vxe2'));
    assert.match(t.message, /no glibc\.cpu\.hwcaps on s390x \(it arrives in 2\.38\)/);
  });
});

describe('CRaC re-executes with its own mask for -XX:CPUFeatures=generic, kept inside the user\'s entry', () => {
  const zen4 = { runtime: 'crac', glibc: '2.39', host: featuresOf('zen4'), hostMicro: 'zen4', target: 'zen2' };
  test('without -XX:CPUFeatures nothing is masked: the AVX-512 memmove and fma() stay bound', () => {
    const m = missing(manifest(zen4));
    assert.ok(m.includes('avx512f') && m.includes('avx512vl'), m.join(','));
  });
  test('with -XX:CPUFeatures=generic CRaC masks AVX512F, FMA, AVX2 ...: a Zen 2 pool is clean of glibc features', () => {
    const text = manifest({ ...zen4, jvmOptions: '-XX:CPUFeatures=generic' });
    assert.deepEqual(byRule(lint(text, {}, URI), 'glibc-hwcaps-unmasked'), []);
    assert.ok(!missing(text).includes('avx512f'));
  });
  test('the user\'s own entries stay in force next to CRaC\'s', () => {
    const h = effectiveHwcaps('crac', 'glibc.cpu.hwcaps=-FMA4:glibc.pthread.rseq=0', ['-XX:CPUFeatures=generic']);
    assert.ok(h.entries.has('-FMA4') && h.entries.has('-AVX512F'));
    assert.equal(h.from, 'crac');
  });
});

describe('glibc-hwcaps directories on s390x and ppc64le read the hardware bits', () => {
  test('s390x z15 → z14 with glibc.cpu.hwcaps=z14 on glibc 2.38: glibc-hwcaps/z15 still needs vxe2 and vxp', () => {
    const text = manifest({ arch: 's390x', glibc: '2.38', host: featuresOf('z15'), hostMicro: 'z15', tunables: 'glibc.cpu.hwcaps=z14', target: 'z14' });
    const [t] = byRule(lint(text, {}, URI), 'target-missing-features');
    assert.deepEqual(t.data?.missing, ['vxe2', 'vxp']);
    assert.match(t.message, /glibc-hwcaps\/z15/);
    // The z15 IFUNCs are masked by z14; vx and vxe (outside the z10 baseline) are still named by the glibc rule.
    const [g] = byRule(lint(text, {}, URI), 'glibc-hwcaps-unmasked');
    assert.deepEqual(g.data?.features, ['vx', 'vxe']);
  });
  test('ppc64le POWER10 → POWER9 with -arch_3_1 on glibc 2.39: glibc-hwcaps/power10 still needs arch_3_1 and mma', () => {
    const text = manifest({ arch: 'ppc64le', glibc: '2.39', host: featuresOf('power10le'), hostMicro: 'power10le', tunables: 'glibc.cpu.hwcaps=-arch_3_00,-arch_3_1', target: 'power9le' });
    const [t] = byRule(lint(text, {}, URI), 'target-missing-features');
    assert.deepEqual(t.data?.missing, ['arch_3_1', 'mma']);
    assert.match(t.message, /glibc-hwcaps\/power10/);
  });
  test('ppc64le before glibc 2.39 -arch_3_00 masks nothing', () => {
    const text = manifest({ arch: 'ppc64le', glibc: '2.34', host: featuresOf('power9le'), hostMicro: 'power9le', tunables: 'glibc.cpu.hwcaps=-arch_3_00', target: 'power8le' });
    assert.match(byRule(lint(text, {}, URI), 'target-missing-features')[0].message, /no glibc\.cpu\.hwcaps on powerpc/);
  });
});

describe('an unknown release is judged as the worst one, and the fix works for every release', () => {
  test('OpenJ9\'s mask without checkpoint.glibc: 2.26–2.31 spell it AVX2_Usable, the fix carries both spellings', () => {
    const text = manifest({ host: featuresOf('haswell'), hostMicro: 'haswell', tunables: OPENJ9_MASK, target: 'ivybridge' });
    const [g] = byRule(lint(text, {}, URI), 'glibc-hwcaps-unmasked');
    assert.match(g.message, /checkpoint\.glibc is not set/);
    const after = applyGlibcFix(text);
    assert.match(after, /-AVX2_Usable/);
    assert.match(after, /-FMA_Usable/);
  });
  test('aarch64: MOPS first from glibc 2.39, SVE only before it on a MOPS host', () => {
    const host = { arch: 'aarch64' as const, features: new Set(['sve', 'mops']) };
    const j = (r: string) => judgeGlibc({ host, release: parseGlibcRelease(r), runtime: 'openj9', baseline: new Set() }).unmasked.map((b) => b.key);
    assert.deepEqual(j('2.38'), ['a64-sve']);
    assert.deepEqual(j('2.39'), ['a64-mops']);
  });
  test('release strings', () => {
    assert.deepEqual(parseGlibcRelease('2.39-0ubuntu8'), { major: 2, minor: 39 });
    assert.deepEqual(parseGlibcRelease('glibc-2.28'), { major: 2, minor: 28 });
    assert.equal(parseGlibcRelease('latest'), undefined);
  });
});
