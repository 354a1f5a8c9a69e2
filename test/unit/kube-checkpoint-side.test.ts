// The checkpoint side: a Job that takes a checkpoint is no restore container (no capability or policy advice for a
// restore it does not do); what matters is the node it runs on, which becomes the image's checkpoint host.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, lint } from './kube-helpers';

const URI = 'file:///work/jobs.yaml';

const cracJob = (podSpecExtra = '') => `apiVersion: batch/v1
kind: Job
metadata:
  name: pricing-checkpoint
spec:
  template:
    spec:
      restartPolicy: Never
${podSpecExtra}      containers:
        - name: checkpoint
          image: ghcr.io/example/pricing:5.0-crac
          env:
            - name: JAVA_TOOL_OPTIONS
              value: "-XX:CRaCCheckpointTo=/crac -XX:CPUFeatures=generic"
          securityContext:
            capabilities:
              add: [CHECKPOINT_RESTORE, SYS_PTRACE]
`;

const libertyJob = `apiVersion: batch/v1
kind: Job
metadata:
  name: orders-instanton-build
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: build
          image: icr.io/appcafe/open-liberty:24.0.0.6-kernel-slim-java17-openj9-ubi
          command: [/opt/ol/helpers/build/checkpoint.sh, afterAppStart]
          securityContext:
            capabilities:
              add: [CHECKPOINT_RESTORE, SYS_PTRACE, SETPCAP]
`;

describe('a checkpoint-creating Job', () => {
  test('CRaC -XX:CRaCCheckpointTo in a Job: only checkpoint-node-unpinned (no SETPCAP advice, no restore rules)', () => {
    const { findings } = lint(URI, cracJob());
    assert.deepEqual(codes(findings), ['checkpoint-node-unpinned']);
    assert.match(findings[0].message, /that node's CPU becomes the image's checkpoint host/);
  });

  test('pinned to a node pool: no finding; an arch pin alone is no CPU pin', () => {
    assert.deepEqual(codes(lint(URI, cracJob('      nodeSelector:\n        cloud.google.com/gke-nodepool: checkpoint-pool\n')).findings), []);
    assert.deepEqual(codes(lint(URI, cracJob('      nodeSelector:\n        kubernetes.io/arch: amd64\n')).findings), ['checkpoint-node-unpinned']);
  });

  test("Liberty's checkpoint.sh in a Job is the checkpoint side too", () => {
    assert.deepEqual(codes(lint(URI, libertyJob).findings), ['checkpoint-node-unpinned']);
  });

  test('the ignore annotation drops it', () => {
    const text = cracJob().replace('  name: pricing-checkpoint\n', '  name: pricing-checkpoint\n  annotations:\n    criu-portability.io/ignore-checkpoint-node-unpinned: "single-generation cluster"\n');
    assert.deepEqual(codes(lint(URI, text).findings), []);
  });

  test('a Deployment restoring with -XX:CRaCRestoreFrom is still a restore container', () => {
    const restore = cracJob().replace('kind: Job', 'kind: Deployment').replace('apiVersion: batch/v1', 'apiVersion: apps/v1').replace('-XX:CRaCCheckpointTo=/crac -XX:CPUFeatures=generic', '-XX:CRaCRestoreFrom=/crac');
    const found = codes(lint(URI, restore).findings);
    assert.ok(!found.includes('checkpoint-node-unpinned'));
    assert.ok(found.includes('arch-not-pinned'), String(found));
  });
});
