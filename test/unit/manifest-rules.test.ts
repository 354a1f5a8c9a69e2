import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AVX2_ON_IVYBRIDGE, byRule, covered, ids, lint, x86 } from '../support/engine';

describe('a clean manifest', () => {
  test('gets no finding', () => {
    assert.deepEqual(lint(x86()), []);
  });
  test('gets none in a multi-document plain YAML file either', () => {
    const text = `---\n${x86()}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n`;
    assert.deepEqual(lint(text, {}, 'file:///w/all.yaml'), []);
  });
});

describe('the issue scenario: avx2 required, ivybridge target', () => {
  const text = AVX2_ON_IVYBRIDGE;
  const findings = lint(text);
  test('feature-outside-baseline on the avx2 item', () => {
    const [f] = byRule(findings, 'feature-outside-baseline');
    assert.ok(f);
    assert.equal(covered(text, f), 'avx2');
    assert.deepEqual(f.range, { start: { line: 6, character: 11 }, end: { line: 6, character: 15 } });
    assert.equal(f.severity, 'warning');
  });
  test('target-missing-features on the target, saying why avx2 is required', () => {
    const [f] = byRule(findings, 'target-missing-features');
    assert.ok(f);
    assert.equal(covered(text, f), 'pool-a');
    assert.match(f.message, /^pool-a \(ivybridge\) lacks avx2: a restore there crashes with SIGILL, unless the pre-restore guard \(criu-portability guard\) stops it first: exit 3\. avx2 is listed in requires \(line 7\)\./);
    assert.deepEqual(f.data?.missing, ['avx2']);
    assert.equal(f.related?.[0].range.start.line, 6);
  });
  test('nothing else', () => {
    assert.deepEqual(ids(findings), ['feature-outside-baseline', 'target-missing-features']);
  });
});

describe('unknown-feature', () => {
  test('avx3 gets suggestions in the message and in data', () => {
    const text = x86('', 'requires: [avx3]\n');
    const [f] = byRule(lint(text), 'unknown-feature');
    assert.equal(covered(text, f), 'avx3');
    assert.match(f.message, /avx2/);
    assert.ok((f.data?.suggestions as string[]).includes('avx2'));
  });
  test('an aarch64 name in an x86_64 manifest says which architecture it belongs to', () => {
    const [f] = byRule(lint(x86('', 'requires: [asimd]\n')), 'unknown-feature');
    assert.match(f.message, /aarch64 feature/);
    assert.equal(f.data?.otherArch, 'aarch64');
  });
  test('every spelling of a known feature is accepted', () => {
    for (const name of ['sse3', 'SSE3', 'pni', 'OMR_FEATURE_X86_SSE3', 'sse4.1', 'SSE4_1', 'aesni', 'AES']) {
      assert.deepEqual(byRule(lint(x86('', `requires: [${name}]\n`)), 'unknown-feature'), [], name);
    }
  });
  test('nothing is reported when the arch itself is wrong (invalid-value says so)', () => {
    const text = x86('', 'requires: [avx2]\n').replace('arch: x86_64', 'arch: sparc');
    assert.deepEqual(byRule(lint(text), 'unknown-feature'), []);
    assert.equal(byRule(lint(text), 'invalid-value').length, 1);
  });
});

describe('Linux kernel flags', () => {
  test('a host list pasted from /proc/cpuinfo may carry them without a finding', () => {
    const host = 'checkpoint:\n  host:\n    features: [fpu, constant_tsc, arat, ept, nopl, sse2]\n';
    assert.deepEqual(byRule(lint(x86('', host)), 'unknown-feature'), []);
  });
  test('required, they are reported as what they are', () => {
    const [f] = byRule(lint(x86('', 'requires: [constant_tsc]\n')), 'unknown-feature');
    assert.match(f.message, /Linux kernel flag/);
  });
  test('a real typo in a host list is still reported', () => {
    const host = 'checkpoint:\n  host:\n    features: [fpu, avx3]\n';
    assert.equal(byRule(lint(x86('', host)), 'unknown-feature').length, 1);
  });
});

describe('duplicate-feature', () => {
  test('pni beside sse3', () => {
    const text = x86('', 'requires: [pni, sse3]\n');
    const [f] = byRule(lint(text), 'duplicate-feature');
    assert.equal(covered(text, f), 'sse3');
    assert.match(f.message, /already listed on line 7 as `pni`/);
  });
  test('the same name twice in a block list', () => {
    const text = x86('', 'requires:\n  - avx\n  - avx\n');
    const [f] = byRule(lint(text), 'duplicate-feature');
    assert.equal(f.range.start.line, 8);
  });
  test('the same feature in two different lists is not a duplicate', () => {
    const text = x86('', 'requires: [avx]\ncheckpoint:\n  jitFeatures: [avx]\n');
    assert.deepEqual(byRule(lint(text), 'duplicate-feature'), []);
  });
});

describe('restore-policy-missing', () => {
  test('no policy is reported on the restore key', () => {
    const text = x86().replace('  onIncompatibleCpu: exit\n', '');
    const [f] = byRule(lint(text), 'restore-policy-missing');
    assert.equal(covered(text, f), 'restore');
  });
  test('no restore section at all is reported on the kind line', () => {
    const text = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: a\narch: x86_64\n';
    const [f] = byRule(lint(text), 'restore-policy-missing');
    assert.equal(covered(text, f), 'kind: CheckpointManifest');
  });
  test('target-missing-features with cold-start: the cold start needs the guard (no runtime falls back by itself)', () => {
    const cold = AVX2_ON_IVYBRIDGE.replace('onIncompatibleCpu: exit', 'onIncompatibleCpu: cold-start').replace('arch: x86_64', 'runtime: liberty\narch: x86_64');
    assert.notEqual(cold, AVX2_ON_IVYBRIDGE);
    const [f] = byRule(lint(cold), 'target-missing-features');
    assert.match(f.message, /a restore there crashes with SIGILL, unless the pre-restore guard \(criu-portability guard\) stops it first: a slow cold start/);
    assert.doesNotMatch(f.message, /at best fall back/);
  });
  test('Liberty wording: restored anyway, a SIGILL crash loop, not a cold start (bin/server: criu restore --cpu-cap=none)', () => {
    const text = x86().replace('  onIncompatibleCpu: exit\n', '').replace('arch: x86_64', 'runtime: liberty\narch: x86_64');
    const message = byRule(lint(text), 'restore-policy-missing')[0].message;
    assert.match(message, /Liberty restores anyway and the JVM crash-loops with SIGILL/);
    assert.doesNotMatch(message, /falls back/);
    assert.match(message, /criu-portability guard/);
  });
});

describe('missing-field, unknown-key, invalid-value (JSON Schema)', () => {
  test('every required field', () => {
    const findings = byRule(lint('restore:\n  onIncompatibleCpu: exit\n'), 'missing-field');
    assert.deepEqual(findings.map((f) => f.data?.field).sort(), ['apiVersion', 'arch', 'kind', 'metadata']);
  });
  test('metadata.name points at the metadata key', () => {
    const text = x86().replace('  name: orders-service\n', '  description: x\n');
    const [f] = byRule(lint(text), 'missing-field');
    assert.equal(covered(text, f), 'metadata');
    assert.match(f.message, /^metadata\.name is missing/);
  });
  test('an unknown key with a close match', () => {
    const text = x86().replace('onIncompatibleCpu', 'onIncompatibleCPU');
    const [f] = byRule(lint(text), 'unknown-key');
    assert.equal(covered(text, f), 'onIncompatibleCPU');
    assert.deepEqual(f.data?.suggestions, ['onIncompatibleCpu']);
  });
  test('a policy outside the enum', () => {
    const text = x86().replace('onIncompatibleCpu: exit', 'onIncompatibleCpu: exitt');
    const [f] = byRule(lint(text), 'invalid-value');
    assert.equal(covered(text, f), 'exitt');
    assert.deepEqual(f.data?.suggestions, ['exit']);
  });
  test('a wrong type', () => {
    const text = x86('', 'requires: avx2\n');
    const [f] = byRule(lint(text), 'invalid-value');
    assert.equal(covered(text, f), 'avx2');
    assert.match(f.message, /requires must be a list/);
  });
  // The schema's errors are walked back from their JSON pointer to the node only when the data fails.
  test('an unknown key whose name needs JSON-pointer escaping (/ and ~) is found by its key', () => {
    const text = x86().replace('restore:\n', 'restore:\n  "on/Incompatible~Cpu": 1\n');
    const [f] = byRule(lint(text), 'unknown-key');
    assert.equal(covered(text, f), '"on/Incompatible~Cpu"');
  });
  test('a wrong type in the second of two restore targets points at its own node', () => {
    const text = x86().replace('microarchitecture: sandybridge', 'microarchitecture: sandybridge\n      features: 7\n    - name:');
    const findings = byRule(lint(text), 'invalid-value');
    assert.ok(findings.some((f) => covered(text, f) === '7'), JSON.stringify(findings.map((f) => covered(text, f))));
  });
});

describe('unknown-microarchitecture and target-arch-mismatch', () => {
  test('a misspelt target', () => {
    const text = x86().replace('microarchitecture: sandybridge', 'microarchitecture: sandybrige');
    const [f] = byRule(lint(text), 'unknown-microarchitecture');
    assert.equal(covered(text, f), 'sandybrige');
    assert.deepEqual((f.data?.suggestions as string[])[0], 'sandybridge');
  });
  test('a baseline of another arch', () => {
    const text = x86().replace('baseline: openj9-portable', 'baseline: neoverse_n1');
    const [f] = byRule(lint(text), 'unknown-microarchitecture');
    assert.match(f.message, /aarch64 microarchitecture/);
  });
  test('a target of another arch', () => {
    const text = x86().replace('microarchitecture: sandybridge', 'microarchitecture: power9le');
    const [f] = byRule(lint(text), 'target-arch-mismatch');
    assert.equal(covered(text, f), 'power9le');
    assert.deepEqual(byRule(lint(text), 'target-missing-features'), []);
  });
});

describe('baselines', () => {
  test('westmere cannot restore the x86 openj9-portable baseline (no avx)', () => {
    const [f] = byRule(lint(x86().replace('sandybridge', 'westmere')), 'target-missing-features');
    assert.deepEqual(f.data?.missing, ['avx']);
  });
  test('a named baseline requires all of its features', () => {
    const text = x86().replace('baseline: openj9-portable', 'baseline: haswell');
    const [f] = byRule(lint(text), 'target-missing-features');
    assert.ok((f.data?.missing as string[]).includes('avx2'));
  });
  test('the host intersects the openj9-portable set: a host without avx does not require it', () => {
    const host = 'checkpoint:\n  host:\n    features: [fpu, cx8, cmov, mmx, sse, sse2, pni, ssse3, sse4_1, popcnt, aes]\n';
    const text = x86('', host).replace('sandybridge', 'westmere');
    assert.deepEqual(byRule(lint(text), 'target-missing-features'), []);
  });
  test('explicit target feature lists are checked too', () => {
    const text = x86().replace('      microarchitecture: sandybridge\n', '      features: [fpu, cx8, cmov, mmx, sse, sse2, sse3, ssse3, sse4_1, popcnt, aes]\n');
    assert.deepEqual(byRule(lint(text), 'target-missing-features')[0].data?.missing, ['avx']);
  });
  test('aarch64 without checkpoint.host gets a missing-field saying OpenJ9 has no fixed set', () => {
    const text = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: a\narch: aarch64\nrestore:\n  onIncompatibleCpu: exit\n';
    const [f] = byRule(lint(text), 'missing-field');
    assert.match(f.message, /no fixed portable feature set/);
  });
  test('ppc64le: POWER8 baseline, a power9 requirement fails a POWER8 target', () => {
    const text = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: a\narch: ppc64le\nrequires: [arch_3_00]\nrestore:\n  onIncompatibleCpu: exit\n  targets:\n    - name: p8\n      microarchitecture: power8le\n    - name: p9\n      microarchitecture: power9le\n';
    const findings = lint(text);
    assert.equal(byRule(findings, 'feature-outside-baseline').length, 1);
    const missing = byRule(findings, 'target-missing-features');
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, /^p8 \(power8le\) lacks arch_3_00/);
  });
  test('s390x: z10 baseline, vector facility needs z13', () => {
    const text = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: a\narch: s390x\nrequires: [vx]\nrestore:\n  onIncompatibleCpu: exit\n  targets:\n    - name: old\n      microarchitecture: zEC12\n    - name: new\n      microarchitecture: z15\n';
    const missing = byRule(lint(text), 'target-missing-features');
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, /^old \(zEC12\) lacks vx/);
  });
});

describe('what a microarchitecture name can be judged on', () => {
  test('every AVX CPU has XSAVE: a sandybridge target is not said to lack it', () => {
    const host = 'checkpoint:\n  host:\n    features: [fpu, cx8, cmov, mmx, sse, sse2, pni, ssse3, sse4_1, popcnt, aes, avx, xsave]\n';
    assert.deepEqual(byRule(lint(x86('', host)), 'target-missing-features'), []);
  });
  test('features archspec does not track (rtm) are not held against a named target, but against an explicit list', () => {
    const text = x86('', 'requires: [rtm]\n');
    assert.deepEqual(byRule(lint(text), 'target-missing-features'), []);
    assert.equal(byRule(lint(text), 'feature-outside-baseline').length, 1);
    const explicit = text.replace('      microarchitecture: sandybridge\n', '      features: [fpu, cx8, cmov, mmx, sse, sse2, pni, ssse3, sse4_1, popcnt, aes, avx]\n');
    assert.deepEqual(byRule(lint(explicit), 'target-missing-features')[0].data?.missing, ['rtm']);
  });
});

describe('glibc-hwcaps-unmasked', () => {
  const host = (tunables: string) =>
    `checkpoint:\n  host:\n    microarchitecture: haswell\n    features: [fpu, cx8, cmov, mmx, sse, sse2, pni, ssse3, sse4_1, sse4_2, popcnt, aes, avx, avx2, fma, bmi1, bmi2, movbe, abm, erms, xsave]\n${tunables}`;
  test('an unmasked haswell host is flagged, and its glibc features join R', () => {
    const text = x86('', host('')).replace('sandybridge', 'ivybridge');
    const findings = lint(text);
    const [g] = byRule(findings, 'glibc-hwcaps-unmasked');
    assert.ok(g);
    assert.ok((g.data?.features as string[]).includes('avx2'));
    const [t] = byRule(findings, 'target-missing-features');
    assert.ok((t.data?.missing as string[]).includes('avx2'));
    assert.match(t.message, /glibc on the checkpoint host/);
  });
  test("OpenJ9's CRIU test mask covers the AVX2-gated features on glibc 2.34, but not fma() (s_fma.c picks FMA3 on FMA alone)", () => {
    const text = x86('', host('  glibc: "2.34"\n  glibcTunables: "glibc.pthread.rseq=0:glibc.cpu.hwcaps=-XSAVEC,-XSAVE,-AVX2,-ERMS,-AVX,-AVX_Fast_Unaligned_Load"\n'));
    const [g] = byRule(lint(text), 'glibc-hwcaps-unmasked');
    assert.deepEqual(g.data?.features, ['fma']);
    const masked = text.replace('-AVX_Fast_Unaligned_Load"', '-AVX_Fast_Unaligned_Load,-FMA"');
    assert.deepEqual(byRule(lint(masked), 'glibc-hwcaps-unmasked'), []);
  });
  test('the suggested mask keeps other tunables', () => {
    const text = x86('', host('  glibcTunables: "glibc.pthread.rseq=0"\n'));
    const [g] = byRule(lint(text), 'glibc-hwcaps-unmasked');
    assert.match(String(g.data?.suggested), /glibc\.pthread\.rseq=0/);
    assert.match(String(g.data?.suggested), /-AVX2/);
  });
});

describe('positions', () => {
  test('astral characters before a value shift columns by UTF-16 code units', () => {
    const text = x86('', 'requires: [avx3] # 😀\n').replace('name: orders-service', 'name: "😀😀"');
    const [f] = byRule(lint(text), 'unknown-feature');
    assert.equal(covered(text, f), 'avx3');
  });
  test('astral characters on the same line before the value', () => {
    const text = x86('', 'requires: [\u{1F600}, avx3]\n');
    const f = byRule(lint(text), 'unknown-feature').find((x) => x.data?.name === 'avx3')!;
    // "requires: [" is 11 units, the emoji 2, ", " 2.
    assert.equal(f.range.start.character, 15);
    assert.equal(covered(text, f), 'avx3');
  });
  test('CRLF line endings give the same ranges as LF', () => {
    const lf = x86('', 'requires: [avx3]\n');
    const crlf = lf.replace(/\n/g, '\r\n');
    assert.deepEqual(byRule(lint(crlf), 'unknown-feature')[0].range, byRule(lint(lf), 'unknown-feature')[0].range);
  });
  test('a BOM does not break anything', () => {
    assert.deepEqual(lint('\uFEFF' + x86()), []);
  });
});

describe('yaml-syntax', () => {
  test('a parse error is reported and cut at the end of its line', () => {
    const text = 'apiVersion: criu-portability/v1\nkind: [unclosed\nmetadata:\n  name: a\n';
    const f = byRule(lint(text), 'yaml-syntax');
    assert.ok(f.length >= 1);
    for (const e of f) assert.equal(e.range.start.line, e.range.end.line);
  });
  test('binary junk, tabs and deep nesting never throw', () => {
    for (const junk of ['\u0000\u0001\u0002', '\tkey: value', '['.repeat(5000), 'a: &a [*a, *a]', '- '.repeat(3000) + 'x']) {
      assert.doesNotThrow(() => lint(junk));
    }
  });
  test('an alias bomb is validated quickly', () => {
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++) bomb += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
    const t0 = performance.now();
    lint(bomb);
    assert.ok(performance.now() - t0 < 1000);
  });
});

describe('severities and suppressions', () => {
  const text = x86('', 'requires: [avx2]\n');
  test('a rule set to off disappears, another severity is applied', () => {
    const f = lint(text, { severities: { 'feature-outside-baseline': 'off', 'target-missing-features': 'warning' } });
    assert.deepEqual(ids(f), ['target-missing-features']);
    assert.equal(f[0].severity, 'warning');
  });
  test('disable-next-line suppresses only the named rule on the next line', () => {
    const suppressed = x86('', '# criu-portability-disable-next-line feature-outside-baseline\nrequires: [avx2]\n');
    assert.deepEqual(ids(lint(suppressed)), ['target-missing-features']);
    const other = x86('', '# criu-portability-disable-next-line unknown-feature\nrequires: [avx2]\n');
    assert.deepEqual(ids(lint(other)), ['feature-outside-baseline', 'target-missing-features']);
  });
  test('an unused suppression is reported when asked', () => {
    const t = x86('', '# criu-portability-disable-next-line unknown-feature\nrequires: [avx]\n');
    const [f] = lint(t, { reportUnusedSuppressions: 'warning' });
    assert.equal(f.ruleId, 'unused-suppression');
    assert.equal(f.range.start.line, 6);
  });
  test('a file past the size cap gets one finding saying it was skipped', () => {
    const [f, ...rest] = lint(x86(), { maxChars: 10 } as never);
    assert.equal(f.ruleId, 'file-skipped');
    assert.equal(rest.length, 0);
  });
});

describe('aarch64 glibc', () => {
  const manifest = (host: string, target: string) => `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: a
jvm:
  release: 0.51.0
arch: aarch64
checkpoint:
  host:
    features: [${host}]
restore:
  onIncompatibleCpu: exit
  targets:
    - name: t
      microarchitecture: ${target}
`;
  test('an SVE checkpoint host needs SVE targets: glibc picked __memcpy_sve and nothing masks it', () => {
    const findings = lint(manifest('fp, asimd, crc32, atomics, sve', 'neoverse_n1'));
    const [t] = byRule(findings, 'target-missing-features');
    assert.deepEqual(t.data?.missing, ['sve']);
    assert.match(t.message, /glibc\.cpu\.hwcaps does not exist on aarch64/);
    assert.deepEqual(byRule(findings, 'glibc-hwcaps-unmasked'), []);
  });
  test('a Neoverse V1 target has it', () => {
    assert.deepEqual(lint(manifest('fp, asimd, crc32, atomics, sve', 'neoverse_v1')), []);
  });
});

describe('broken documents stay quiet apart from what is broken', () => {
  test('a tab-indented manifest gets the syntax error, not echoes of it', () => {
    const text = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n\tname: a\narch: x86_64\n';
    assert.deepEqual(ids(lint(text)), ['yaml-syntax']);
  });
  test('nesting deeper than the parser can go: one error that says so', () => {
    const text = `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const findings = lint(text);
    assert.deepEqual(ids(findings), ['yaml-syntax']);
    assert.match(findings[0].message, /nesting is too deep/);
  });
  test('a manifest file holding a scalar is told it is not a mapping', () => {
    const [f, ...rest] = lint('just some text\n');
    assert.equal(f.ruleId, 'invalid-value');
    assert.match(f.message, /is a mapping/);
    assert.deepEqual(rest, []);
    assert.notDeepEqual(f.range.start, f.range.end);
  });
  test('control characters in a quoted name are escaped, and odd names get no nonsense suggestions', () => {
    const text = x86().replace('  onIncompatibleCpu: exit\n', '  onIncompatibleCpu: exit\n  "a\\u0007b": 1\n');
    const [k] = byRule(lint(text), 'unknown-key');
    assert.match(k.message, /`a\\u0007b`/);
    const [e] = byRule(lint(x86('', 'requires: ["😀"]\n')), 'unknown-feature');
    assert.deepEqual(e.data?.suggestions, []);
  });
  test('no finding has an empty range', () => {
    for (const text of ['just text\n', x86('', 'requires:\n'), 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\narch:\n']) {
      for (const f of lint(text)) assert.notDeepEqual(f.range.start, f.range.end, `${f.ruleId} in ${JSON.stringify(text)}`);
    }
  });
});

describe('aliases across documents', () => {
  test('an alias to an anchor of another document is a yaml-syntax error on the alias', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: &d {k: v}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: *d\n';
    const [f, ...rest] = lint(text, {}, 'file:///w/cm.yaml');
    assert.equal(f.ruleId, 'yaml-syntax');
    assert.match(f.message, /alias \*d names no anchor/);
    assert.equal(covered(text, f), '*d');
    assert.deepEqual(rest, []);
  });
  test('aliases within a document are fine', () => {
    assert.deepEqual(lint('a: &x 1\nb: *x\n', {}, 'file:///w/ok.yaml'), []);
  });
});

describe('Liberty masks glibc itself', () => {
  const haswellHost = 'checkpoint:\n  host:\n    features: [fpu, cx8, cmov, mmx, sse, sse2, pni, ssse3, sse4_1, sse4_2, popcnt, aes, avx, avx2, fma, bmi1, bmi2, movbe, abm, erms, xsave]\n';
  test("runtime liberty without glibcTunables: its bin/server defaults mask AVX2 on glibc 2.34, not fma()", () => {
    const text = x86('', haswellHost.replace('checkpoint:\n', 'checkpoint:\n  glibc: "2.34"\n')).replace('arch: x86_64', 'runtime: liberty\narch: x86_64');
    const [t] = byRule(lint(text), 'target-missing-features');
    assert.deepEqual(t.data?.missing, ['fma']);
    assert.match(byRule(lint(text), 'glibc-hwcaps-unmasked')[0].message, /Open Liberty's bin\/server appends its own glibc\.cpu\.hwcaps/);
  });
  test('plain OpenJ9 with the same host is warned', () => {
    assert.equal(byRule(lint(x86('', haswellHost)), 'glibc-hwcaps-unmasked').length, 1);
  });
});

describe('XSAVE: a hazard only where a target has more register state', () => {
  const ivyHost = 'checkpoint:\n  host:\n    features: [fpu, cx8, cmov, mmx, sse, sse2, pni, ssse3, sse4_1, sse4_2, popcnt, aes, avx, xsave]\n';
  test('targets no bigger than the host: nothing to warn', () => {
    assert.deepEqual(lint(x86('', ivyHost)), []);
  });
  test('an AVX-512 target: the warning says why, in a whole sentence', () => {
    const text = x86('', ivyHost).replace('microarchitecture: sandybridge', 'microarchitecture: skylake_avx512');
    const [f] = byRule(lint(text), 'glibc-hwcaps-unmasked');
    assert.match(f.message, /^glibc's dynamic linker saves registers with XSAVE into an area sized for the checkpoint host/);
  });
});

describe('target-missing-features on a fleet that repeats microarchitectures', () => {
  // The rule works out each distinct target shape once (microarchitecture + explicit features): targets of one
  // shape share the verdict, but a target that adds features, or lists an empty one, is judged on its own.
  const text = AVX2_ON_IVYBRIDGE.replace(
    '    - name: pool-a\n      microarchitecture: ivybridge\n',
    [
      '    - name: pool-a\n      microarchitecture: ivybridge\n',
      '    - name: pool-b\n      microarchitecture: ivybridge\n',
      '    - name: pool-c\n      microarchitecture: ivybridge\n      features: [avx2]\n',
      '    - name: pool-d\n      microarchitecture: ivybridge\n',
      '    - name: pool-e\n      features: []\n',
      '    - name: pool-f\n      microarchitecture: haswell\n',
    ].join(''),
  );
  const findings = byRule(lint(text), 'target-missing-features');
  test('each target gets its own finding, with its own name, index and range', () => {
    assert.deepEqual(findings.map((f) => covered(text, f)), ['pool-a', 'pool-b', 'pool-d', 'pool-e']);
    assert.deepEqual(findings.map((f) => f.data?.target), [0, 1, 3, 4]);
    assert.match(findings[1].message, /^pool-b \(ivybridge\) lacks avx2: /);
    assert.match(findings[3].message, /^pool-e lacks .*avx2/);
    assert.ok((findings[3].data?.missing as string[]).length > 1);
  });
  test('findings of one shape share no mutable data', () => {
    assert.deepEqual(findings[0].data?.missing, findings[1].data?.missing);
    assert.notEqual(findings[0].data?.missing, findings[1].data?.missing);
    assert.notEqual(findings[0].related?.[0].range, findings[1].related?.[0].range);
    assert.deepEqual(findings[0].related, findings[1].related);
  });
});
