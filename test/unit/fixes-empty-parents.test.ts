// The quick fixes named in issue 15 on a parent key that is there but empty (`key:`, `~`, `null`, only a comment):
// the value is replaced, the key is never written a second time, the comment stays and the finding goes.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, manifestFixes, suppressionFixes, validate } from '../../server/src/engine';
import { kubeFixes } from '../../server/src/engine/rules/kube';
import { applyEdits } from '../helpers/fixes';
import { codes, deployment, lint, PINNED, uriOf, workspaceOf } from './kube-helpers';

const FIX = join(__dirname, '..', 'fixtures', 'kube');
const MANIFEST_URI = uriOf(join(FIX, 'restore', 'orders.criu.yaml'));
const MANIFEST = readFileSync(join(FIX, 'restore', 'orders.criu.yaml'), 'utf8');
const DEPLOY_URI = uriOf(join(FIX, 'restore', 'deploy.yaml'));

const EMPTY: [string, string][] = [['nothing', ''], ['~', ' ~'], ['null', ' null'], ['only a comment', '   # to do']];

const CAPS = '          securityContext:\n            capabilities:\n              add: [CHECKPOINT_RESTORE, SETPCAP]\n';
const RECOVERY = '          env:\n            - name: CRIU_RESTORE_DISABLE_RECOVERY\n              value: "true"\n';

/** Applies the titled fix of a Deployment finding (and its edits to the manifest) and checks the result. */
function fixDeployment(text: string, ruleId: string, title: RegExp, manifest = MANIFEST.replace('cold-start', 'exit')): { text: string; manifest: string } {
  const ws = workspaceOf({ [MANIFEST_URI]: manifest });
  const { analysis, findings } = lint(DEPLOY_URI, text, ws);
  const finding = findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `${ruleId} in ${codes(findings)}`);
  const fix = kubeFixes(analysis, finding, ws).find((f) => title.test(f.title));
  assert.ok(fix, `no fix ${title}`);
  const out = applyEdits(text, fix.edits);
  const other = fix.otherFiles?.find((o) => o.uri === MANIFEST_URI);
  const newManifest = other ? applyEdits(manifest, other.edits) : manifest;
  assert.deepEqual(analyze(DEPLOY_URI, out).yaml.errors, [], out);
  assert.deepEqual(analyze(MANIFEST_URI, newManifest).yaml.errors, [], newManifest);
  const after = codes(lint(DEPLOY_URI, out, workspaceOf({ [MANIFEST_URI]: newManifest })).findings);
  assert.ok(!after.includes(ruleId), `${ruleId} stays:\n${out}`);
  return { text: out, manifest: newManifest };
}

describe('Pin kubernetes.io/arch with nodeSelector empty', () => {
  for (const [what, tail] of EMPTY) {
    test(`nodeSelector: ${what}`, () => {
      const out = fixDeployment(deployment(`      nodeSelector:${tail}\n`, RECOVERY + CAPS), 'arch-not-pinned', /Pin kubernetes\.io\/arch/).text;
      const comment = tail.includes('#') ? tail : '';
      assert.ok(out.includes(`      nodeSelector:${comment}\n        kubernetes.io/arch: amd64\n      containers:`), out);
    });
  }
});

describe('Add CHECKPOINT_RESTORE, SETPCAP with securityContext, capabilities or add empty', () => {
  const levels = ['securityContext:', '  capabilities:', '    add:'];
  for (let depth = 1; depth <= 3; depth++) {
    for (const [what, tail] of EMPTY) {
      test(`${levels[depth - 1].trim()} ${what}`, () => {
        const sc = levels.slice(0, depth).map((l, i) => `          ${l}${i === depth - 1 ? tail : ''}\n`).join('');
        const out = fixDeployment(deployment(PINNED, RECOVERY + sc), 'restore-capabilities-missing', /CHECKPOINT_RESTORE, SETPCAP/).text;
        assert.equal(out.match(/securityContext:/g)?.length, 1, out);
        assert.equal(out.match(/capabilities:/g)?.length, 1, out);
        assert.match(out, /add: \[CHECKPOINT_RESTORE, SETPCAP\]/);
        if (tail.includes('#')) assert.equal(out.match(/# to do/g)?.length, 1, out);
      });
    }
  }
});

describe('Add required node affinity with any level empty', () => {
  const chain = ['affinity:', '  nodeAffinity:', '    requiredDuringSchedulingIgnoredDuringExecution:', '      nodeSelectorTerms:', '        - matchExpressions:'];
  for (let depth = 1; depth <= chain.length; depth++) {
    for (const [what, tail] of EMPTY) {
      test(`${chain[depth - 1].replace(/[-\s]/g, '')} ${what}`, () => {
        const affinity = chain.slice(0, depth).map((l, i) => `      ${l}${i === depth - 1 ? tail : ''}\n`).join('');
        const out = fixDeployment(deployment(PINNED + affinity, RECOVERY + CAPS), 'cpu-node-affinity-missing', /required node affinity/).text;
        for (const key of ['affinity:', 'nodeAffinity:', 'requiredDuringSchedulingIgnoredDuringExecution:', 'nodeSelectorTerms:', 'matchExpressions:']) {
          assert.equal(out.split(key).length - 1, 1, `${key} once:\n${out}`);
        }
        assert.match(out, /key: feature\.node\.kubernetes\.io\/cpu-cpuid\.AVX2/);
      });
    }
  }
});

describe('Switch to exit with env empty', () => {
  // scaled-cold-start speaks of a cold-start that happens: the manifest's, carried out by a pre-restore guard.
  const GUARD = '          command: [/bin/sh, /opt/criu-guard/criu-guard.sh]\n';
  for (const [what, tail] of EMPTY) {
    test(`env: ${what}`, () => {
      const text = deployment(PINNED, `${GUARD}          env:${tail}\n${CAPS}`);
      const out = fixDeployment(text, 'scaled-cold-start', /Switch to exit/, MANIFEST);
      assert.equal(out.text.match(/env:/g)?.length, 1, out.text);
      assert.match(out.text, /env:.*\n {12}- name: CRIU_RESTORE_DISABLE_RECOVERY\n {14}value: "true"\n/);
      assert.match(out.manifest, /onIncompatibleCpu: exit/);
    });
    test(`an env var's value: ${what}`, () => {
      const text = deployment(PINNED, `${GUARD}          env:\n            - name: CRIU_RESTORE_DISABLE_RECOVERY\n              value:${tail}\n${CAPS}`);
      const out = fixDeployment(text, 'scaled-cold-start', /Switch to exit/, MANIFEST).text;
      assert.match(out, /value: "true"/);
      assert.equal(out.match(/value:/g)?.length, 1, out);
    });
  }
});

describe("the manifest's Set restore policy with restore or onIncompatibleCpu empty", () => {
  const manifestWith = (restore: string) => MANIFEST.replace(/restore:[\s\S]*/, restore);
  const cases: [string, string][] = [
    ...EMPTY.map(([what, tail]): [string, string] => [`restore: ${what}`, `restore:${tail}\n`]),
    ...EMPTY.map(([what, tail]): [string, string] => [`onIncompatibleCpu: ${what}`, `restore:\n  onIncompatibleCpu:${tail}\n`]),
    ['onIncompatibleCpu empty before targets', 'restore:\n  onIncompatibleCpu:\n  targets: []\n'],
  ];
  for (const [what, restore] of cases) {
    test(what, () => {
      const text = manifestWith(restore);
      const analysis = analyze(MANIFEST_URI, text);
      const finding = validate(analysis).find((f) => f.ruleId === 'restore-policy-missing');
      assert.ok(finding, text);
      const fix = manifestFixes(analysis, finding).find((f) => /exit/.test(f.title))!;
      const out = applyEdits(text, fix.edits);
      assert.deepEqual(analyze(MANIFEST_URI, out).yaml.errors, [], out);
      assert.equal(out.match(/onIncompatibleCpu/g)?.length, 1, out);
      assert.equal(out.match(/restore:/g)?.length, 1, out);
      assert.match(out, /onIncompatibleCpu: exit/);
      if (restore.includes('#')) assert.match(out, /# to do/);
      assert.deepEqual(codes(validate(analyze(MANIFEST_URI, out))).filter((c) => /restore-policy|invalid-value/.test(c)), [], out);
    });
  }

  test('Replace with exit on `onIncompatibleCpu: null   # later` replaces the null', () => {
    const text = manifestWith('restore:\n  onIncompatibleCpu: null   # later\n');
    const analysis = analyze(MANIFEST_URI, text);
    const finding = validate(analysis).find((f) => f.ruleId === 'invalid-value');
    assert.ok(finding, text);
    const out = applyEdits(text, manifestFixes(analysis, finding)[0].edits);
    assert.match(out, /\n {2}onIncompatibleCpu: exit {3}# later\n$/);
  });
});

// Found by the OpenLibertyApplication property test (fixes-empty-parents.property.test.ts), which writes its
// documents with CRLF endings and without a final newline too.
describe('OpenLibertyApplication fixes found by the property test', () => {
  const OLA = 'apiVersion: apps.openliberty.io/v1\r\nkind: OpenLibertyApplication\r\nmetadata:\r\n  name: orders\r\nspec:\r\n  applicationImage: registry.example.com/orders:2.3-instanton';

  test('Suppress on the last line of a CRLF file without a final newline writes CRLF, not a lone LF', () => {
    const { analysis, findings } = lint(DEPLOY_URI, OLA, workspaceOf({ [MANIFEST_URI]: MANIFEST }));
    const finding = findings.find((f) => f.ruleId === 'restore-capabilities-missing');
    assert.ok(finding, codes(findings).join());
    const out = applyEdits(OLA, suppressionFixes(analysis, finding)[0].edits);
    assert.equal(out, OLA.replace('  applicationImage', '  # criu-portability-disable-next-line restore-capabilities-missing\r\n  applicationImage'));
  });

  test('Pin kubernetes.io/arch into an empty flow map whose `}` is alone on the next line, at the key\'s column', () => {
    const text = `${OLA.replace(/\r\n/g, '\n')}\n  affinity: {   # later\n  }\n  securityContext: {capabilities: {add: [CHECKPOINT_RESTORE, SETPCAP]}}\n`;
    const { analysis, findings } = lint(DEPLOY_URI, text, workspaceOf({ [MANIFEST_URI]: MANIFEST }));
    const finding = findings.find((f) => f.ruleId === 'arch-not-pinned');
    assert.ok(finding, codes(findings).join());
    const out = applyEdits(text, kubeFixes(analysis, finding, workspaceOf({ [MANIFEST_URI]: MANIFEST }))[0].edits);
    // Before the `}`, the entry would start at the key's column: no longer inside the flow map (a YAML error).
    assert.match(out, /\n {2}affinity: \{architecture: \[amd64\] {3}# later\n {2}\}\n/);
    assert.deepEqual(analyze(DEPLOY_URI, out).yaml.errors, [], out);
  });

  test('Add to a flow list or map with a trailing comma writes no second comma', () => {
    const text = `${OLA.replace(/\r\n/g, '\n')}\n  affinity: {architecture: [arm64,], nodeAffinityLabels: {feature.node.kubernetes.io/cpu-cpuid.AESNI: "true",}}\n  securityContext: {capabilities: {add: [CHECKPOINT_RESTORE,]}}\n`;
    const ws = workspaceOf({ [MANIFEST_URI]: MANIFEST });
    const { analysis, findings } = lint(DEPLOY_URI, text, ws);
    for (const ruleId of ['restore-capabilities-missing', 'cpu-node-affinity-incomplete']) {
      const finding = findings.find((f) => f.ruleId === ruleId);
      assert.ok(finding, `${ruleId} in ${codes(findings).join()}`);
      const out = applyEdits(text, kubeFixes(analysis, finding, ws)[0].edits);
      assert.deepEqual(analyze(DEPLOY_URI, out).yaml.errors, [], out);
      assert.ok(!out.includes(',,') && !/,\s*,/.test(out), out);
      assert.ok(!codes(lint(DEPLOY_URI, out, ws).findings).includes(ruleId), out);
    }
  });
});
