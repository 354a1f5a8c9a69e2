// NFD publishes the X86_64_V* level labels only since v0.19.0 (domain-facts §3, commit f9ab9a657): on older NFD a
// required level label matches no node and every pod stays Pending, so the affinity rules say so whenever their
// message or fix suggests a level, and only then.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubeFixes } from '../../server/src/engine/rules/kube';
import { codes, lint, uriOf, workspaceOf } from './kube-helpers';

const FIX = join(__dirname, '..', 'fixtures', 'kube', 'restore');
const MANIFEST_URI = uriOf(join(FIX, 'orders.criu.yaml'));
const X86 = readFileSync(join(FIX, 'orders.criu.yaml'), 'utf8').replace('cold-start', 'exit');
const AARCH64 = X86.replace('arch: x86_64', 'arch: aarch64').replace('requires: [avx2]', 'requires: [atomics]');
const URI = uriOf(join(FIX, 'deploy.yaml'));
const NOTE = '(X86_64_V* labels need NFD v0.19.0+)';

const deployment = (arch: string, nodeSelector: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  replicas: 2
  template:
    spec:
      nodeSelector:
        kubernetes.io/arch: ${arch}
${nodeSelector}      containers:
        - name: orders
          image: registry.example.com/orders:2.3-instanton
          env:
            - name: CRIU_RESTORE_DISABLE_RECOVERY
              value: "true"
          securityContext:
            capabilities:
              add: [CHECKPOINT_RESTORE, SETPCAP]
`;

function findingAndFix(ruleId: string, text: string, manifest: string) {
  const ws = workspaceOf({ [MANIFEST_URI]: manifest });
  const { analysis, findings } = lint(URI, text, ws);
  const finding = findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, String(codes(findings)));
  const [fix] = kubeFixes(analysis, finding, ws);
  assert.ok(fix, 'an affinity fix');
  return { finding, fix };
}

describe('X86_64_V* labels carry the NFD v0.19.0 note', () => {
  test('cpu-node-affinity-missing suggesting X86_64_V2: message and fix title say NFD v0.19.0+', () => {
    const { finding, fix } = findingAndFix('cpu-node-affinity-missing', deployment('amd64', ''), X86);
    assert.match(finding.message, /cpu-cpuid\.X86_64_V2/);
    assert.ok(finding.message.includes(NOTE), finding.message);
    assert.match(fix.title, /cpu-cpuid\.X86_64_V2/);
    assert.ok(fix.title.includes(NOTE), fix.title);
  });

  test('cpu-node-affinity-missing on aarch64 (HWCAP labels, no level): no note', () => {
    const { finding, fix } = findingAndFix('cpu-node-affinity-missing', deployment('arm64', ''), AARCH64);
    assert.doesNotMatch(finding.message, /X86_64_V/);
    assert.doesNotMatch(fix.title, /X86_64_V|NFD v0\.19/);
  });

  test('cpu-node-affinity-incomplete suggesting a level: message and fix title say NFD v0.19.0+', () => {
    const text = deployment('amd64', '        feature.node.kubernetes.io/cpu-cpuid.AVX2: "true"\n');
    const { finding, fix } = findingAndFix('cpu-node-affinity-incomplete', text, X86);
    assert.match(finding.message, /cpu-cpuid\.X86_64_V2/);
    assert.ok(finding.message.includes(NOTE), finding.message);
    assert.ok(fix.title.includes(NOTE), fix.title);
  });

  test('cpu-node-affinity-incomplete suggesting only flags: no note', () => {
    const text = deployment('amd64', '        feature.node.kubernetes.io/cpu-cpuid.X86_64_V2: "true"\n        feature.node.kubernetes.io/cpu-cpuid.AESNI: "true"\n        feature.node.kubernetes.io/cpu-cpuid.AVX: "true"\n');
    const { finding, fix } = findingAndFix('cpu-node-affinity-incomplete', text, X86);
    assert.match(finding.message, /cpu-cpuid\.AVX2/);
    assert.doesNotMatch(finding.message, /NFD v0\.19/);
    assert.doesNotMatch(fix.title, /X86_64_V|NFD v0\.19/);
  });
});
