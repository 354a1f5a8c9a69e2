// Every manifest rule's quick fixes, applied at engine level: the finding goes, nothing new appears, comments,
// indentation (2 and 4 spaces) and list style (flow and block) are kept.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, findings, fixesFor, key } from '../helpers/fixes';

const URI = 'file:///work/orders-service.criu.yaml';
// Both state an OpenJ9 release whose JIT is portable, so that the cases below are about their own rule.
const HEAD2 = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: orders   # keep: name\njvm:\n  release: 0.51.0\narch: x86_64\n';
const HEAD4 = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n    name: orders   # keep: name\njvm:\n    release: 0.51.0\narch: x86_64\n';
// A haswell-class checkpoint host (glibc-relevant avx2, fma, bmi2, erms, movbe, xsave...).
const HASWELL_HOST =
  'fpu cx8 cmov mmx sse sse2 pni ssse3 sse4_1 sse4_2 popcnt aes avx avx2 fma bmi1 bmi2 erms movbe xsave f16c abm pclmulqdq';

interface Case {
  name: string;
  rule: string;
  text: string;
  /** Titles that must be offered (all of them, in any order). */
  titles?: string[];
  /** Title of the fix that must be preferred. */
  preferred?: string;
  /** Per fix title: diagnostics this fix is allowed to add (a choice the user makes, e.g. another arch). */
  allowNew?: Record<string, RegExp>;
}

const cases: Case[] = [
  {
    name: 'restore-policy-missing: inside an existing restore: map (2 spaces, block targets)',
    rule: 'restore-policy-missing',
    text: `${HEAD2}restore:\n  # keep: targets comment\n  targets:\n    - name: pool-a   # keep: pool\n      microarchitecture: haswell\n`,
    titles: ['Set restore policy to exit (fail fast)', 'Set restore policy to cold-start (keep serving, slowly)'],
    preferred: 'Set restore policy to exit (fail fast)',
  },
  {
    name: 'restore-policy-missing: no restore: at all (4 spaces, no final newline)',
    rule: 'restore-policy-missing',
    text: `${HEAD4}requires: [avx]   # keep: requires`,
    preferred: 'Set restore policy to exit (fail fast)',
  },
  {
    name: 'restore-policy-missing: flow restore map',
    rule: 'restore-policy-missing',
    text: `${HEAD2}restore: {targets: [{name: a, microarchitecture: ivybridge}]}   # keep: flow\n`,
  },
  {
    name: 'feature-outside-baseline: flow requires, 4 spaces',
    rule: 'feature-outside-baseline',
    text: `${HEAD4}requires: [avx2, fma]   # keep: native libs\nrestore:\n    onIncompatibleCpu: exit\n`,
    titles: ['Remove avx2 from requires', 'Remove fma from requires'],
    preferred: 'Raise baseline to haswell (adds avx2, fma, abm, bmi1, …)',
  },
  {
    name: 'feature-outside-baseline: block requires with comments between items, 2 spaces',
    rule: 'feature-outside-baseline',
    text: `${HEAD2}requires:\n  - avx   # keep: avx\n  # keep: between\n  - avx2\n  - sse4_2   # goes with its item\nrestore:\n  onIncompatibleCpu: exit\n`,
  },
  {
    name: 'feature-outside-baseline: jitFeatures with an explicit baseline value',
    rule: 'feature-outside-baseline',
    text: `${HEAD2}baseline: ivybridge   # keep: baseline\ncheckpoint:\n  jitFeatures: [avx, avx2]\nrestore:\n  onIncompatibleCpu: exit\n`,
  },
  {
    name: 'unknown-feature: typo in a block host feature list',
    rule: 'unknown-feature',
    text: `${HEAD2}checkpoint:\n  host:\n    features:\n      - sse4_1   # keep: one\n      - pclmulqdqq\n      - avx\nrestore:\n  onIncompatibleCpu: exit\n`,
    titles: ['Replace with pclmulqdq'],
    preferred: 'Replace with pclmulqdq',
  },
  {
    name: 'unknown-feature: typo in a flow list, 4 spaces',
    rule: 'unknown-feature',
    text: `${HEAD4}checkpoint:\n    host:\n        features: [sse4_1, pclmulqdqq, avx]   # keep: flow\nrestore:\n    onIncompatibleCpu: exit\n`,
    preferred: 'Replace with pclmulqdq',
  },
  {
    name: 'duplicate-feature: aliases in a block list',
    rule: 'duplicate-feature',
    text: `${HEAD2}checkpoint:\n  host:\n    features:\n      - pni\n      - sse3   # keep? no: this line is the duplicate\n      - popcnt   # keep: popcnt\nrestore:\n  onIncompatibleCpu: exit\n`,
    preferred: 'Remove duplicate sse3',
  },
  {
    name: 'duplicate-feature: flow list, 4 spaces',
    rule: 'duplicate-feature',
    text: `${HEAD4}requires: [popcnt, avx, POPCNT]   # keep: dup\nrestore:\n    onIncompatibleCpu: exit\n`,
    preferred: 'Remove duplicate POPCNT',
  },
  {
    name: 'unknown-microarchitecture: baseline typo',
    rule: 'unknown-microarchitecture',
    text: `${HEAD2}baseline: haswel   # keep: baseline\nrestore:\n  onIncompatibleCpu: exit\n`,
    titles: ['Replace with haswell'],
    preferred: 'Replace with haswell',
  },
  {
    name: 'unknown-microarchitecture: target typo, 4 spaces',
    rule: 'unknown-microarchitecture',
    text: `${HEAD4}restore:\n    onIncompatibleCpu: exit\n    targets:\n        - name: pool-a   # keep: pool\n          microarchitecture: ivybrige\n`,
    preferred: 'Replace with ivybridge',
  },
  {
    name: 'unknown-key: top-level typo',
    rule: 'unknown-key',
    text: `${HEAD2}imagee: registry.example.com/orders:1   # keep: image\nrestore:\n  onIncompatibleCpu: exit\n`,
    preferred: 'Replace with image',
  },
  {
    name: 'unknown-key: nested typo in a target, 4 spaces',
    rule: 'unknown-key',
    text: `${HEAD4}restore:\n    onIncompatibleCpu: exit\n    targets:\n        - name: pool-a\n          microarchitectur: ivybridge   # keep: micro\n`,
    preferred: 'Replace with microarchitecture',
  },
  {
    name: 'invalid-value: enum typo',
    rule: 'invalid-value',
    text: `${HEAD2}runtime: openj8   # keep: runtime\nrestore:\n  onIncompatibleCpu: exitt   # keep: policy\n`,
    titles: ['Replace with openj9', 'Replace with exit'],
  },
  {
    name: 'invalid-value: empty policy value',
    rule: 'invalid-value',
    text: `${HEAD2}restore:\n  onIncompatibleCpu:\n  targets:\n    - name: pool-a\n      microarchitecture: haswell\n`,
    titles: ['Replace with exit', 'Replace with cold-start'],
  },
  {
    name: 'invalid-value: a single feature where a list belongs',
    rule: 'invalid-value',
    text: `${HEAD2}requires: avx   # keep: requires\nrestore:\n  onIncompatibleCpu: exit\n`,
    preferred: 'Make it a list: [avx]',
  },
  {
    name: 'missing-field: apiVersion, arch and a target name',
    rule: 'missing-field',
    text: `kind: CheckpointManifest   # keep: kind\nmetadata:\n  name: orders\nrestore:\n  onIncompatibleCpu: exit\n  targets:\n    - microarchitecture: haswell   # keep: target\n`,
    titles: ['Insert apiVersion: criu-portability/v1', 'Insert arch: x86_64', 'Insert arch: aarch64', 'Insert arch: ppc64le', 'Insert arch: s390x', 'Insert name: target-1'],
    preferred: 'Insert arch: x86_64',
    allowNew: {
      'Insert arch: aarch64': /target-arch-mismatch|checkpoint\.host\.features/,
      'Insert arch: ppc64le': /target-arch-mismatch/,
      'Insert arch: s390x': /target-arch-mismatch/,
    },
  },
  {
    name: 'missing-field: kind and metadata, 4 spaces',
    rule: 'missing-field',
    text: `apiVersion: criu-portability/v1   # keep: api\narch: x86_64\nrestore:\n    onIncompatibleCpu: exit\n`,
    titles: ['Insert kind: CheckpointManifest', 'Insert metadata.name: orders-service'],
  },
  {
    name: 'missing-field: metadata.name',
    rule: 'missing-field',
    text: `apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  description: the orders service   # keep: desc\narch: x86_64\nrestore:\n  onIncompatibleCpu: exit\n`,
    titles: ['Insert name: orders-service'],
  },
  {
    name: 'missing-field: aarch64 checkpoint.host.features',
    rule: 'missing-field',
    text: `apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: orders   # keep: name\njvm:\n  release: 0.51.0\narch: aarch64\nrestore:\n  onIncompatibleCpu: exit\n`,
  },
  {
    name: 'target-missing-features: block targets, requires to lower, 2 spaces',
    rule: 'target-missing-features',
    text: `${HEAD2}requires: [avx2, fma]   # keep: requires\nbaseline: haswell\nrestore:\n  onIncompatibleCpu: exit\n  targets:\n    - name: pool-a   # keep? no: removed with the target\n      microarchitecture: ivybridge\n    # keep: between targets\n    - name: pool-b\n      microarchitecture: haswell   # keep: b\n`,
    // The only fix is destructive: offered, not preferred.
    titles: ['Remove restore target pool-a (ivybridge)'],
  },
  {
    name: 'target-missing-features: lower requires (flow targets, 4 spaces)',
    rule: 'target-missing-features',
    text: `${HEAD4}requires:\n    - avx2\n    - avx   # keep: avx\nrestore:\n    onIncompatibleCpu: exit\n    targets: [{name: pool-a, microarchitecture: ivybridge}, {name: pool-b, microarchitecture: haswell}]   # keep: flow\n`,
    // The first, preferred fix lowers requires; removing the target is last and not preferred.
    titles: ['Remove avx2 from requires (lower what the image requires)', 'Remove restore target pool-a (ivybridge)'],
    preferred: 'Remove avx2 from requires (lower what the image requires)',
  },
  {
    name: 'target-arch-mismatch: the only target',
    rule: 'target-arch-mismatch',
    text: `${HEAD2}restore:\n  onIncompatibleCpu: exit\n  targets:   # keep: targets\n    - name: pool-p\n      microarchitecture: power9le\n`,
    preferred: 'Remove restore target pool-p (power9le)',
  },
  {
    name: 'glibc-hwcaps-unmasked: insert glibcTunables into checkpoint',
    rule: 'glibc-hwcaps-unmasked',
    text: `${HEAD2}checkpoint:\n  host:\n    microarchitecture: haswell   # keep: host\n    features: [${HASWELL_HOST.split(' ').join(', ')}]\nrestore:\n  onIncompatibleCpu: exit\n`,
  },
  {
    name: 'glibc-hwcaps-unmasked: merge into an existing value, 4 spaces',
    rule: 'glibc-hwcaps-unmasked',
    text: `${HEAD4}checkpoint:\n    host:\n        features: [${HASWELL_HOST.split(' ').join(', ')}]\n    glibcTunables: "glibc.pthread.rseq=0"   # keep: tunables\nrestore:\n    onIncompatibleCpu: exit\n`,
  },
];

function indentOk(after: string, before: string, unit: number): void {
  const old = new Set(before.split('\n'));
  const indentOf = (line: string) => line.length - line.trimStart().length;
  // Keys after `- ` sit at the dash column + 2, whatever the step: those columns exist in the original.
  const known = new Set(before.split('\n').filter((l) => l.trim()).map(indentOf));
  for (const line of after.split('\n')) {
    if (old.has(line) || !line.trim()) continue;
    const indent = indentOf(line);
    assert.ok(indent % unit === 0 || known.has(indent), `new line ${JSON.stringify(line)} is not indented in steps of ${unit}`);
  }
}

function keptComments(before: string, after: string): void {
  for (const line of before.split('\n')) {
    const m = /# keep: .*/.exec(line);
    if (m) assert.ok(after.includes(m[0]), `comment ${m[0]} was lost`);
  }
}

describe('manifest quick fixes (engine)', () => {
  for (const c of cases) {
    test(c.name, () => {
      const before = findings(URI, c.text);
      const beforeKeys = before.map(key);
      const hits = fixesFor(URI, c.text, c.rule);
      assert.ok(hits.length > 0, `expected a ${c.rule} finding; got ${beforeKeys.join(' | ')}`);
      const titles = hits.flatMap((h) => h.fixes.map((f) => f.title));
      for (const t of c.titles ?? []) assert.ok(titles.includes(t), `missing fix "${t}" in ${JSON.stringify(titles)}`);
      if (c.preferred) {
        const preferred = hits.flatMap((h) => h.fixes.filter((f) => f.isPreferred).map((f) => f.title));
        assert.ok(preferred.includes(c.preferred), `"${c.preferred}" not preferred among ${JSON.stringify(preferred)}`);
      }
      const unit = /\n {4}\S/.test(c.text) && !/\n {2}\S/.test(c.text) ? 4 : 2;
      for (const { finding, fixes } of hits) {
        assert.ok(fixes.length > 0, `no fix for ${key(finding)}`);
        assert.equal(fixes.filter((f) => f.isPreferred).length <= 1, true, 'at most one preferred fix');
        for (const fix of fixes) {
          const after = applyEdits(c.text, fix.edits);
          const afterFindings = findings(URI, after);
          const afterKeys = afterFindings.map(key);
          const context = `${fix.title}\n--- before\n${c.text}\n--- after\n${after}\n--- findings\n${afterKeys.join('\n')}`;
          assert.ok(!afterKeys.includes(key(finding)) || afterKeys.filter((k) => k === key(finding)).length < beforeKeys.filter((k) => k === key(finding)).length, `finding not gone: ${context}`);
          const allowed = c.allowNew?.[fix.title];
          const fresh = afterKeys.filter((k) => !beforeKeys.includes(k) && !(allowed && allowed.test(k)));
          assert.deepEqual(fresh, [], `new diagnostics: ${context}`);
          keptComments(c.text, after);
          indentOk(after, c.text, unit);
        }
      }
    });
  }
});

describe('raise baseline', () => {
  test('requires [avx2, fma] on x86_64 proposes haswell (aes is in R) and validates clean', () => {
    const text = `${HEAD2}requires: [avx2, fma]\nrestore:\n  onIncompatibleCpu: exit\n`;
    const [{ fixes }] = fixesFor(URI, text, 'feature-outside-baseline');
    const raise = fixes.find((f) => f.title.startsWith('Raise baseline to '))!;
    assert.match(raise.title, /^Raise baseline to haswell \(adds avx2, fma, /);
    const after = applyEdits(text, raise.edits);
    assert.match(after, /^arch: x86_64\nbaseline: haswell\nrequires:/m);
    assert.deepEqual(findings(URI, after), []);
  });

  test('x86_64_v3 when R allows it (host without aes)', () => {
    // A host with the x86-64-v3 instructions but no AES-NI: OpenJ9's portable set is host ∩ baseline, so no aes in R.
    const host = 'fpu, cx8, cmov, mmx, fxsr, syscall, sse, sse2, pni, ssse3, sse4_1, sse4_2, popcnt, cx16, lahf_lm, avx, avx2, fma, bmi1, bmi2, f16c, abm, movbe, xsave';
    const text = `${HEAD2}checkpoint:\n  host:\n    features: [${host}]\n  glibcTunables: "glibc.cpu.hwcaps=-AVX2,-XSAVE"\nrequires: [avx2, fma]\nrestore:\n  onIncompatibleCpu: exit\n`;
    const [{ fixes }] = fixesFor(URI, text, 'feature-outside-baseline');
    const raise = fixes.find((f) => f.title.startsWith('Raise baseline to '))!;
    assert.match(raise.title, /^Raise baseline to x86_64_v3 /);
    assert.deepEqual(findings(URI, applyEdits(text, raise.edits)), []);
  });
});

describe('list removal keeps YAML clean', () => {
  test('flow: middle, last and all items', () => {
    const text = `${HEAD2}requires: [avx, avx2, fma]   # keep: c\nrestore:\n  onIncompatibleCpu: exit\n`;
    const hits = fixesFor(URI, text, 'feature-outside-baseline');
    const removeAvx2 = hits[0].fixes.find((f) => f.title === 'Remove avx2 from requires')!;
    assert.match(applyEdits(text, removeAvx2.edits), /^requires: \[avx, fma\]   # keep: c$/m);
    const removeFma = hits[1].fixes.find((f) => f.title === 'Remove fma from requires')!;
    assert.match(applyEdits(text, removeFma.edits), /^requires: \[avx, avx2\]   # keep: c$/m);
  });

  test('block: the last item of a list goes with its key when the map has others', () => {
    const text = `${HEAD2}requires:\n  - avx2\nrestore:\n  onIncompatibleCpu: exit\n`;
    const [{ fixes }] = fixesFor(URI, text, 'feature-outside-baseline');
    const after = applyEdits(text, fixes.find((f) => f.title.startsWith('Remove'))!.edits);
    assert.equal(after, `${HEAD2}restore:\n  onIncompatibleCpu: exit\n`);
  });

  test('block: removing the only target leaves targets: [] with its comment', () => {
    const text = `${HEAD2}restore:\n  onIncompatibleCpu: exit\n  targets:   # pools\n    - name: p\n      microarchitecture: power9le\n`;
    const [{ fixes }] = fixesFor(URI, text, 'target-arch-mismatch');
    assert.equal(applyEdits(text, fixes[0].edits), `${HEAD2}restore:\n  onIncompatibleCpu: exit\n  targets: [] # pools\n`);
  });

  test('restore-policy-missing adds a restore: block at the end, in the document indentation', () => {
    const text = `${HEAD4}requires: [avx]\n`;
    const [{ fixes }] = fixesFor(URI, text, 'restore-policy-missing');
    assert.equal(applyEdits(text, fixes[0].edits), `${text}restore:\n    onIncompatibleCpu: exit\n`);
  });

  test('glibc fix merges with the existing tunables', () => {
    const text = cases.find((c) => c.name.startsWith('glibc-hwcaps-unmasked: merge'))!.text;
    const [{ fixes }] = fixesFor(URI, text, 'glibc-hwcaps-unmasked');
    const after = applyEdits(text, fixes[0].edits);
    assert.match(after, /glibcTunables: "glibc\.pthread\.rseq=0:glibc\.cpu\.hwcaps=|glibcTunables: "glibc\.cpu\.hwcaps=[^"]*:glibc\.pthread\.rseq=0"/);
    assert.match(after, /-AVX2/);
  });

  test('CRLF documents get CRLF lines', () => {
    const text = `${HEAD2}requires: [avx]\n`.replace(/\n/g, '\r\n');
    const [{ fixes }] = fixesFor(URI, text, 'restore-policy-missing');
    const after = applyEdits(text, fixes[0].edits);
    assert.ok(after.endsWith('restore:\r\n  onIncompatibleCpu: exit\r\n'), JSON.stringify(after));
    assert.deepEqual(findings(URI, after), []);
  });
});

describe('raise baseline: only where a name can stand for the baseline', () => {
  test('aarch64 (the baseline is the checkpoint host): no raise, removal preferred', () => {
    const text = `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: a
arch: aarch64
checkpoint:
  host:
    features: [fp, asimd, atomics, crc32, sve, aes]
requires: [sha3]
restore:
  onIncompatibleCpu: exit
`;
    const [{ fixes }] = fixesFor('file:///w/a.criu.yaml', text, 'feature-outside-baseline');
    assert.deepEqual(fixes.map((x) => [x.title, x.isPreferred]), [['Remove sha3 from requires', true]]);
  });
  test('a checkpoint host below the proposal: no raise', () => {
    const text = `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: a
arch: x86_64
checkpoint:
  host:
    features: [fpu, cx8, cmov, mmx, sse, sse2, pni, ssse3, sse4_1, popcnt, aes, avx, avx2]
requires: [avx2]
restore:
  onIncompatibleCpu: exit
`;
    const [{ fixes }] = fixesFor('file:///w/a.criu.yaml', text, 'feature-outside-baseline');
    assert.ok(!fixes.some((x) => x.title.startsWith('Raise baseline')), fixes.map((x) => x.title).join(' | '));
  });
});

describe('target-missing-features: the destructive fix is never first nor preferred', () => {
  for (const [label, head] of [['with requires to lower', 'requires: [avx2]\n'], ['with nothing to lower', 'baseline: haswell\n']] as const) {
    test(label, () => {
      const text = `${HEAD2}${head}restore:\n  onIncompatibleCpu: exit\n  targets:\n    - name: pool-a\n      microarchitecture: ivybridge\n`;
      const [{ fixes }] = fixesFor('file:///w/a.criu.yaml', text, 'target-missing-features');
      assert.ok(fixes.length > 0);
      const removal = fixes.find((f) => f.title.startsWith('Remove restore target'))!;
      assert.ok(!removal.isPreferred, 'removing a target is not preferred');
      if (fixes.length > 1) assert.notEqual(fixes[0], removal, 'removing a target is not the first fix');
    });
  }
});
