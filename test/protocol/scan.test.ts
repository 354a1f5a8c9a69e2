// A Kubernetes file opened right after start-up waits for the first workspace scan: its first published
// diagnostics already link to manifests in unopened files, instead of changing a moment later.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';

const RESTORE_DIR = join(__dirname, '..', 'fixtures', 'kube', 'restore');

test('the first publish of a linked Deployment already knows the unopened manifest', async () => {
  const client = await LspClient.start({ rootUri: pathToFileURL(RESTORE_DIR).href });
  const first = new Map<string, PublishDiagnosticsParams>();
  const set = client.diagnostics.set.bind(client.diagnostics);
  client.diagnostics.set = (k, v) => {
    if (!first.has(k)) first.set(k, v);
    return set(k, v);
  };
  try {
    const uri = pathToFileURL(join(RESTORE_DIR, 'liberty-cold-start.yaml')).href;
    await client.open(uri, readFileSync(join(RESTORE_DIR, 'liberty-cold-start.yaml'), 'utf8'));
    await client.waitForDiagnostics(uri, (d) => d.length > 0);
    const codes = first.get(uri)!.diagnostics.map((d) => d.code);
    // Only a linked manifest (orders.criu.yaml, unopened) can say what cpu-node-affinity-missing needs.
    assert.ok(codes.includes('cpu-node-affinity-missing'), String(codes));
    assert.ok(codes.includes('scaled-cold-start'), String(codes));
  } finally {
    await client.shutdown();
  }
});
