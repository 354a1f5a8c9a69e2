// Over LSP: the restore-policy quick fix prefers cold-start when the only workload linked to the manifest (in an
// open Kubernetes file) is a single instance, and exit once it scales.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';

const MANIFEST = `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: orders
image: registry.example.com/shop/orders:2.3
runtime: liberty
arch: x86_64
`;
const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: orders } }
  template:
    metadata: { labels: { app: orders } }
    spec:
      containers:
        - name: app
          image: registry.example.com/shop/orders:2.3
`;

test('the preferred policy fix follows the linked workload', async () => {
  const client = await LspClient.start();
  try {
    const m = 'file:///w/orders.criu.yaml';
    const d = 'file:///w/deploy.yaml';
    await client.open(m, MANIFEST);
    await client.open(d, deployment(1));
    const diags = await client.waitForDiagnostics(m, (x) => x.some((y) => y.code === 'restore-policy-missing'));
    const policy = diags.filter((x) => x.code === 'restore-policy-missing');
    const lone = await client.codeActions(m, policy);
    assert.match(lone.find((a) => a.isPreferred)!.title, /^Set restore policy to cold-start .*Deployment\/orders is a single instance/);
    await client.change(d, deployment(4));
    await client.waitForDiagnostics(d);
    const scaled = await client.codeActions(m, policy);
    assert.match(scaled.find((a) => a.isPreferred)!.title, /^Set restore policy to exit .*replicas: 4/);
  } finally {
    await client.shutdown();
  }
});
