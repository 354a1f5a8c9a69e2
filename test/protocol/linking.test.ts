// A manifest that appears (opened, edited) revalidates the open Deployments that now link to it, found through
// the server's indexes (container image names, annotation targets), and only those.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient } from '../helpers/lspClient';

const RESTORE = join(__dirname, '..', 'fixtures', 'kube', 'restore');
const ORDERS = readFileSync(join(RESTORE, 'orders.criu.yaml'), 'utf8');
const DEPLOY = readFileSync(join(RESTORE, 'liberty-cold-start.yaml'), 'utf8');
const linkedCode = 'cpu-node-affinity-missing'; // only a linked manifest says which node affinity is needed

test('opening a manifest revalidates the Deployments running its image or naming it in an annotation', { timeout: 60_000 }, async () => {
  const client = await LspClient.start();
  try {
    const byImage = 'file:///w/k8s/by-image.yaml';
    const byAnnotation = 'file:///w/k8s/by-annotation.yaml';
    const other = 'file:///w/k8s/other.yaml';
    await client.open(byImage, DEPLOY);
    const annotated = DEPLOY.replace('image: registry.example.com/orders:2.3-instanton', 'image: registry.example.com/renamed:9')
      .replace('metadata:\n  name: orders\n', 'metadata:\n  name: orders\n  annotations:\n    criu-portability.io/manifest: ../manifests/orders.criu.yaml\n');
    assert.notEqual(annotated, DEPLOY);
    await client.open(byAnnotation, annotated);
    await client.open(other, DEPLOY.replace('registry.example.com/orders:2.3-instanton', 'registry.example.com/unrelated:1'));
    for (const u of [byImage, byAnnotation, other]) {
      const d = await client.waitForDiagnostics(u);
      assert.ok(!d.some((x) => x.code === linkedCode), u);
    }
    await client.open('file:///w/manifests/orders.criu.yaml', ORDERS);
    await client.waitForDiagnostics(byImage, (x) => x.some((d) => d.code === linkedCode));
    await client.waitForDiagnostics(byAnnotation, (x) => x.some((d) => d.code === linkedCode));
    assert.ok(!client.diagnostics.get(other)!.diagnostics.some((d) => d.code === linkedCode));
  } finally {
    await client.shutdown();
  }
});
