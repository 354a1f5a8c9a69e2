// X86_64_V3 implies XSAVE: klauspost's level list names OSXSAVE (the OS enabled XSAVE, CPUID.01H:ECX[27]), which
// cannot be set without XSAVE (ECX[26]); archspec's `xsave` in x86_64_v3 is psABI's OSXSAVE (domain-facts §4).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverFor } from '../../server/src/engine/kube/nfdCover';
import { kubeFixes } from '../../server/src/engine/rules/kube';
import { applyFix, codes, lint, uriOf, workspaceOf } from './kube-helpers';

const FIX = join(__dirname, '..', 'fixtures', 'kube', 'restore');
const MANIFEST_URI = uriOf(join(FIX, 'orders.criu.yaml'));
const MANIFEST = readFileSync(join(FIX, 'orders.criu.yaml'), 'utf8').replace('requires: [avx2]', 'requires: [bmi1, xsave]').replace('cold-start', 'exit');
const URI = uriOf(join(FIX, 'deploy.yaml'));
const ws = workspaceOf({ [MANIFEST_URI]: MANIFEST });
const AFFINITY_RULES = ['cpu-node-affinity-incomplete', 'cpu-node-affinity-missing'];

const deployment = (nodeSelector: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  replicas: 2
  template:
    spec:
      nodeSelector:
        kubernetes.io/arch: amd64
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

describe('XSAVE beside X86_64_V3', () => {
  test('the cover needs no XSAVE label once a level with OSXSAVE is in it', () => {
    assert.deepEqual(coverFor('x86_64', ['bmi1', 'xsave']).labels, ['X86_64_V3']);
    assert.deepEqual(coverFor('x86_64', ['xsave']).labels, ['XSAVE']);
    assert.deepEqual(coverFor('x86_64', ['popcnt', 'xsave']).labels, ['X86_64_V2', 'XSAVE']);
  });

  test('the affinity fix writes X86_64_V3 without cpu-cpuid.XSAVE and leaves nothing missing', () => {
    const text = deployment('');
    const { analysis, findings } = lint(URI, text, ws);
    const finding = findings.find((f) => f.ruleId === 'cpu-node-affinity-missing');
    assert.ok(finding, String(codes(findings)));
    const [fix] = kubeFixes(analysis, finding, ws);
    const out = applyFix(text, fix);
    assert.match(out, /cpu-cpuid\.X86_64_V3/);
    assert.doesNotMatch(out, /cpu-cpuid\.XSAVE/);
    assert.deepEqual(codes(lint(URI, out, ws).findings).filter((c) => AFFINITY_RULES.includes(c)), []);
  });

  test('a node selector with X86_64_V3 already guarantees XSAVE', () => {
    const text = deployment('        feature.node.kubernetes.io/cpu-cpuid.X86_64_V3: "true"\n        feature.node.kubernetes.io/cpu-cpuid.AESNI: "true"\n');
    assert.deepEqual(codes(lint(URI, text, ws).findings).filter((c) => AFFINITY_RULES.includes(c)), []);
  });
});
