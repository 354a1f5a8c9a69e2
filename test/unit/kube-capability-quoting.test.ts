// Kubernetes quick fixes write new list items quoted like their siblings.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { applyKubeFix, pickKubeFix } from './kube-helpers';

const URI = 'file:///w/deploy.yaml';

const applied = (text: string, ruleId: string, title?: RegExp) => applyKubeFix(URI, text, ruleId, title);
const fix = (text: string, ruleId: string, title?: RegExp) => pickKubeFix(URI, text, ruleId, title);

const withCaps = (caps: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: catalog
spec:
  replicas: 1
  template:
    spec:
      nodeSelector:
        kubernetes.io/arch: amd64
      containers:
        - name: catalog
          image: icr.io/example/catalog-instanton:1
          env:
            - name: CRIU_RESTORE_DISABLE_RECOVERY
              value: "true"
          securityContext:
            capabilities:
${caps}`;

describe('restore-capabilities-missing: new items quoted like the existing ones', () => {
  test('double-quoted flow items, comment kept', () => {
    const out = applied(withCaps('              add: ["CHECKPOINT_RESTORE"]   # needed by CRIU\n'), 'restore-capabilities-missing');
    assert.match(out, /add: \["CHECKPOINT_RESTORE", "SETPCAP"\] {3}# needed by CRIU\n/);
  });

  test('single-quoted block items', () => {
    const out = applied(withCaps("              add:\n                - 'CHECKPOINT_RESTORE'\n"), 'restore-capabilities-missing');
    assert.match(out, /- 'CHECKPOINT_RESTORE'\n {16}- 'SETPCAP'\n/);
  });

  test('plain items stay plain', () => {
    const out = applied(withCaps('              add: [CHECKPOINT_RESTORE]\n'), 'restore-capabilities-missing');
    assert.match(out, /add: \[CHECKPOINT_RESTORE, SETPCAP\]\n/);
  });
});
