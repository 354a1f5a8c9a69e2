// One workspace boundary for the initial scan, watcher events and closing documents: a file whose real path
// (symlinks resolved) lies outside the workspace folders is never indexed, so it never links to a Deployment nor
// shows in the probe report. Symlinks whose target is inside the workspace are indexed, by the scan as by events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lspClient';
import { ProbeRequests } from '../../server/src/protocol';

const RESTORE = join(__dirname, '..', 'fixtures', 'kube', 'restore');
const ORDERS = readFileSync(join(RESTORE, 'orders.criu.yaml'), 'utf8');
const DEPLOY = readFileSync(join(RESTORE, 'liberty-cold-start.yaml'), 'utf8');
const named = (name: string, image = 'registry.example.com/orders:2.3-instanton') =>
  ORDERS.replace('name: orders', `name: ${name}`).replace(/^image: .*$/m, `image: ${image}`);

function layout() {
  const root = mkdtempSync(join(tmpdir(), 'criu-boundary-'));
  const ws = join(root, 'ws');
  const outside = join(root, 'outside');
  mkdirSync(join(ws, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(ws, 'deploy.yaml'), DEPLOY);
  writeFileSync(join(outside, 'orders.criu.yaml'), named('outside-secret'));
  symlinkSync(join(outside, 'orders.criu.yaml'), join(ws, 'escape.criu.yaml'));
  writeFileSync(join(ws, 'sub', 'real.criu.yaml'), named('inside-target', 'registry.example.com/other:1'));
  symlinkSync(join(ws, 'sub', 'real.criu.yaml'), join(ws, 'inside-link.criu.yaml'));
  const uri = (...p: string[]) => pathToFileURL(join(root, ...p)).href;
  return { root, ws, outside, uri, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

type Report = { manifests: { name: string; uri: string }[] };

async function names(client: LspClient): Promise<string[]> {
  return (await client.request<Report>(ProbeRequests.probeHost, null)).manifests.map((m) => m.name);
}

async function linked(client: LspClient, uri: string): Promise<boolean> {
  const diags = await client.waitForDiagnostics(uri, (d) => d.length > 0);
  // Only a linked manifest says what node affinity the Deployment needs.
  return diags.some((d) => d.code === 'cpu-node-affinity-missing');
}

test('scan and watcher: a symlink to a file outside the workspace, or an outside file: URI, is never indexed', { timeout: 60_000 }, async () => {
  const l = layout();
  const client = await LspClient.start({ rootUri: pathToFileURL(l.ws).href });
  try {
    const deploy = l.uri('ws', 'deploy.yaml');
    await client.open(deploy, DEPLOY);
    assert.equal(await linked(client, deploy), false, 'the Deployment must not link to the outside manifest');
    const report = await client.request<Report>(ProbeRequests.probeHost, null);
    const afterScan = report.manifests.map((m) => m.name);
    assert.ok(report.manifests.some((m) => m.uri === l.uri('ws', 'inside-link.criu.yaml')), `a symlink inside the workspace to a file inside it is scanned: ${report.manifests.map((m) => m.uri)}`);
    assert.ok(!afterScan.includes('outside-secret'), `scan: ${afterScan}`);

    // Watcher events: the symlink, the outside file itself, then an inside file (to know the first two were handled).
    writeFileSync(join(l.ws, 'late.criu.yaml'), named('inside-late', 'registry.example.com/late:1'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: l.uri('ws', 'escape.criu.yaml'), type: 2 },
        { uri: l.uri('outside', 'orders.criu.yaml'), type: 1 },
        { uri: l.uri('ws', 'late.criu.yaml'), type: 1 },
      ],
    });
    const afterEvents = await waitForName(client, 'inside-late');
    assert.ok(afterEvents.includes('inside-late'), 'an inside file reported by the watcher is indexed');
    assert.ok(!afterEvents.includes('outside-secret'), `watcher: ${afterEvents}`);
    assert.equal(await linked(client, deploy), false);
  } finally {
    await client.shutdown();
    l.dispose();
  }
});

test('a manifest opened from outside the workspace links to nothing, and is forgotten once closed', { timeout: 60_000 }, async () => {
  const l = layout();
  const client = await LspClient.start({ rootUri: pathToFileURL(l.ws).href });
  try {
    const deploy = l.uri('ws', 'deploy.yaml');
    await client.open(deploy, DEPLOY);
    assert.equal(await linked(client, deploy), false);
    const outsideUri = l.uri('outside', 'orders.criu.yaml');
    await client.open(outsideUri, named('outside-secret'));
    await client.waitForDiagnostics(outsideUri);
    await client.close(outsideUri);
    writeFileSync(join(l.ws, 'late.criu.yaml'), named('inside-late', 'registry.example.com/late:1'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: l.uri('ws', 'late.criu.yaml'), type: 1 }] });
    const after = await waitForName(client, 'inside-late');
    assert.ok(!after.includes('outside-secret'), `after close: ${after}`);
    assert.equal(await linked(client, deploy), false);
  } finally {
    await client.shutdown();
    l.dispose();
  }
});

async function waitForName(client: LspClient, name: string): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const got = await names(client);
    if (got.includes(name) || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 20));
  }
}
