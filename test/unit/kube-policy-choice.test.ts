// restore-policy-unset and scaled-cold-start never speak together: with no policy chosen, only restore-policy-unset
// speaks (offering only exit when the workload is scaled, preferring cold-start for a lone instance); scaled-cold-start needs a
// cold-start somebody chose (the linked manifest or the container's own setting).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { kubeFixes } from '../../server/src/engine/rules/kube';
import { applyFix, codes, lint, workspaceOf } from './kube-helpers';
import { LIBERTY_NO_POLICY } from '../support/engine';

const URI = 'file:///w/deploy.yaml';
const POLICY_RULES = ['restore-policy-mismatch', 'restore-policy-unset', 'scaled-cold-start'];

const liberty = (replicas: number, env = '', image = 'icr.io/example/catalog-instanton:1') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: catalog
spec:
  replicas: ${replicas}
  template:
    spec:
      nodeSelector:
        kubernetes.io/arch: amd64
      containers:
        - name: catalog
          image: ${image}
${env}          securityContext:
            capabilities:
              add: [CHECKPOINT_RESTORE, SETPCAP]
`;
const recoveryEnv = (v: string) => `          env:\n            - name: CRIU_RESTORE_DISABLE_RECOVERY\n              value: "${v}"\n`;
const HPA = `---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: catalog\nspec:\n  scaleTargetRef:\n    kind: Deployment\n    name: catalog\n  maxReplicas: 5\n`;
const policyCodes = (text: string, w?: Parameters<typeof lint>[2]) => codes(lint(URI, text, w).findings).filter((c) => POLICY_RULES.includes(c));

function unset(text: string, w?: Parameters<typeof lint>[2]) {
  const { analysis, findings } = lint(URI, text, w);
  const finding = findings.find((f) => f.ruleId === 'restore-policy-unset');
  assert.ok(finding, String(codes(findings)));
  return { finding, fixes: kubeFixes(analysis, finding, w) };
}

describe('no policy chosen: only restore-policy-unset speaks', () => {
  test('replicas: 3, no recovery env: unset alone, naming the replicas, exit preferred', () => {
    const text = liberty(3);
    assert.deepEqual(policyCodes(text), ['restore-policy-unset']);
    const { finding, fixes } = unset(text);
    assert.match(finding.message, /replicas: 3/);
    assert.deepEqual(fixes.filter((f) => f.isPreferred).map((f) => f.title), ['Set exit: CRIU_RESTORE_DISABLE_RECOVERY=true']);
    assert.deepEqual(policyCodes(applyFix(text, fixes.find((f) => f.isPreferred)!)), []);
  });

  test('an autoscaler counts as scaled', () => {
    const text = liberty(1) + HPA;
    assert.deepEqual(policyCodes(text), ['restore-policy-unset']);
    const { finding, fixes } = unset(text);
    assert.match(finding.message, /HorizontalPodAutoscaler/);
    assert.equal(fixes.find((f) => f.isPreferred)?.title, 'Set exit: CRIU_RESTORE_DISABLE_RECOVERY=true');
  });

  test('a lone instance: cold-start preferred, and choosing it leaves nothing to say', () => {
    const text = liberty(1);
    const { finding, fixes } = unset(text);
    assert.doesNotMatch(finding.message, /replicas/);
    const preferred = fixes.filter((f) => f.isPreferred);
    assert.deepEqual(preferred.map((f) => f.title), ['Set cold-start: CRIU_RESTORE_DISABLE_RECOVERY=false']);
    assert.deepEqual(policyCodes(applyFix(text, preferred[0])), []);
  });

  test('a linked manifest without a policy counts as no choice', () => {
    const image = 'registry.example.com/shop/orders:2.3';
    const w = workspaceOf({ 'file:///w/orders.criu.yaml': LIBERTY_NO_POLICY });
    const text = liberty(3, '', image);
    assert.deepEqual(policyCodes(text, w), ['restore-policy-unset']);
    const { fixes } = unset(text, w);
    assert.match(fixes.find((f) => f.isPreferred)?.title ?? '', /^Set exit in the manifest/);
  });
});

describe('restore-policy-unset fixes never trade one finding for another', () => {
  /** Every rule id that fires after applying the fix but did not fire before. */
  const newFindings = (text: string, fix: Parameters<typeof applyFix>[1], w?: Parameters<typeof lint>[2]) => {
    const before = new Set(codes(lint(URI, text, w).findings));
    return codes(lint(URI, applyFix(text, fix), w).findings).filter((c) => !before.has(c));
  };

  test('replicas: 2: only exit is offered, and applying every offered fix adds no finding', () => {
    const text = liberty(2);
    const { finding, fixes } = unset(text);
    assert.doesNotMatch(finding.message, /cold-start\./);
    assert.deepEqual(fixes.map((f) => f.title), ['Set exit: CRIU_RESTORE_DISABLE_RECOVERY=true']);
    for (const fix of fixes) assert.deepEqual(newFindings(text, fix), [], fix.title);
  });

  test('replicas: 2 linked to a manifest without a policy: only the manifest exit fix, adding no finding', () => {
    const image = 'registry.example.com/shop/orders:2.3';
    const w = workspaceOf({ 'file:///w/orders.criu.yaml': LIBERTY_NO_POLICY });
    const text = liberty(2, '', image);
    const { fixes } = unset(text, w);
    assert.ok(fixes.length > 0);
    for (const fix of fixes) {
      assert.match(fix.title, /^Set exit/);
      assert.deepEqual(newFindings(text, fix, w), [], fix.title);
    }
  });

  test('an autoscaler: no cold-start fix either', () => {
    const { fixes } = unset(liberty(1) + HPA);
    assert.deepEqual(fixes.map((f) => f.title), ['Set exit: CRIU_RESTORE_DISABLE_RECOVERY=true']);
  });

  test('a lone instance keeps both choices, neither adding a finding', () => {
    const text = liberty(1);
    const { fixes } = unset(text);
    assert.deepEqual(fixes.map((f) => f.title), ['Set cold-start: CRIU_RESTORE_DISABLE_RECOVERY=false', 'Set exit: CRIU_RESTORE_DISABLE_RECOVERY=true']);
    for (const fix of fixes) assert.deepEqual(newFindings(text, fix), [], fix.title);
  });
});

describe('cold-start chosen explicitly: scaled-cold-start speaks', () => {
  test('CRIU_RESTORE_DISABLE_RECOVERY=false on replicas: 3', () => {
    assert.deepEqual(policyCodes(liberty(3, recoveryEnv('false'))), ['scaled-cold-start']);
  });

  test('exit chosen: nothing', () => {
    assert.deepEqual(policyCodes(liberty(3, recoveryEnv('true'))), []);
  });
});
