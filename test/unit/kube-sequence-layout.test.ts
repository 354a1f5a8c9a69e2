// Kubernetes quick fixes lay out a new block sequence like the document's other block sequences.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { applyKubeFix, pickKubeFix } from './kube-helpers';

const URI = 'file:///w/deploy.yaml';

const applied = (text: string, ruleId: string, title?: RegExp) => applyKubeFix(URI, text, ruleId, title);
const fix = (text: string, ruleId: string, title?: RegExp) => pickKubeFix(URI, text, ruleId, title);

describe('a new sequence follows the document layout', () => {
  const zeroIndented = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: catalog
spec:
  replicas: 3
  template:
    spec:
      nodeSelector:
        kubernetes.io/arch: amd64
      containers:
      - name: catalog
        image: icr.io/example/catalog-instanton:1
        securityContext:
          capabilities:
            add:
            - CHECKPOINT_RESTORE
            - SETPCAP
`;

  test('zero-indented sequences: the new env, volumeMounts and volumes are zero-indented too', () => {
    const out = applied(zeroIndented, 'restore-policy-unset', /\(exit\)/);
    assert.match(out, /\n {8}env:\n {8}- name: CRIU_RESTORE_DISABLE_RECOVERY\n {10}value: "true"\n {8}volumeMounts:\n {8}- name: criu-guard\n/);
    assert.match(out, /\n {6}volumes:\n {6}- name: criu-guard\n {8}configMap:\n/);
  });

  test('indented sequences keep the two-space default', () => {
    const text = zeroIndented.replace('      - name: catalog\n', '        - name: catalog\n').replace(/^( {8})(?=image|securityContext)/gm, '$1  ')
      .replace(/^( {10})(?=capabilities)/m, '$1  ').replace(/^( {12})(?=add)/m, '$1  ').replace(/^ {12}- /gm, '                - ');
    const out = applied(text, 'restore-policy-unset', /\(exit\)/);
    assert.match(out, /\n {10}env:\n {12}- name: CRIU_RESTORE_DISABLE_RECOVERY\n {14}value: "true"\n {10}volumeMounts:\n {12}- name: criu-guard\n/);
  });
});
