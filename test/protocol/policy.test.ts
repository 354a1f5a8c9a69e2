// Over LSP: the restore-policy quick fix prefers cold-start when the only workload linked to the manifest (in an
// open Kubernetes file) is a single instance, and exit once it scales.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';
import { LIBERTY_NO_POLICY, ordersDeployment } from '../support/engine';

const MANIFEST = LIBERTY_NO_POLICY;
const deployment = (replicas: number) => ordersDeployment(replicas);

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
