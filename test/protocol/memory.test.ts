// What the server holds for open documents it gives back when they close: the server as the extension starts it
// (SERVER_NODE_FLAGS) opens 60 Kubernetes files (6 MB of text), or one of 3 MB that the worker thread validates, and
// its resident memory after they are closed falls back towards what it was before they were opened, within seconds.
// V8 collects when JavaScript allocates: an idle server kept the RSS the open documents had taken until V8's memory
// reducer ran, 25 s later (or never: 235 MB 30 s after closing on ce25b4c).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LspClient, poll } from '../helpers/lspClient';
import { restoreDeployments } from '../helpers/bigFiles';
import { SERVER_NODE_FLAGS } from '../../server/src/protocol';

function rssMB(pid: number): number {
  return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}

test('closing every document gives their memory back', { timeout: 120_000 }, async () => {
  const client = await LspClient.start({ env: { NODE_OPTIONS: SERVER_NODE_FLAGS.join(' ') } });
  try {
    const pid = client.proc.pid!;
    // Below the size from which documents validate in the worker thread: all of this is the server's own heap.
    const text = restoreDeployments(100_000);
    const uris = Array.from({ length: 60 }, (_, i) => `file:///w/mem/deploy-${i}.yaml`);
    await client.open(uris[0], text);
    await client.waitForDiagnostics(uris[0], (d) => d.length > 0, 30_000);
    const before = rssMB(pid);
    for (const uri of uris.slice(1)) await client.open(uri, text.replace(/name: d0\b/, `name: ${uri.slice(-12, -5)}`));
    for (const uri of uris) await client.waitForDiagnostics(uri, (d) => d.length > 0, 60_000);
    const open = rssMB(pid);
    assert.ok(open > before + 20, `60 open documents should take memory: ${before.toFixed(0)} → ${open.toFixed(0)} MB`);
    for (const uri of uris) await client.close(uri);
    // Half of what they took, back within 6 s (it goes on falling: V8 shrinks the heap in steps).
    const target = before + (open - before) / 2;
    let last = open;
    await poll(() => ((last = rssMB(pid)) <= target ? true : undefined), 6_000, () => `RSS at most ${target.toFixed(0)} MB after closing (before ${before.toFixed(0)}, open ${open.toFixed(0)}, now ${last.toFixed(0)} MB)`, 200);
  } finally {
    await client.shutdown();
  }
});

test('closing the last large document gives back the memory of the worker that validated it', { timeout: 240_000 }, async () => {
  const client = await LspClient.start({ env: { NODE_OPTIONS: SERVER_NODE_FLAGS.join(' ') } });
  try {
    const pid = client.proc.pid!;
    const small = 'file:///w/mem/small.yaml';
    await client.open(small, restoreDeployments(2_000));
    await client.waitForDiagnostics(small, (d) => d.length > 0, 30_000);
    const before = rssMB(pid);
    const big = 'file:///w/mem/big.yaml'; // 3 MB: validated in the worker thread
    await client.open(big, restoreDeployments(3 * 1024 * 1024));
    await client.waitForDiagnostics(big, (d) => d.length > 0, 150_000);
    const open = rssMB(pid);
    assert.ok(open > before + 50, `a 3 MB document should take memory: ${before.toFixed(0)} → ${open.toFixed(0)} MB`);
    await client.close(big);
    // The worker kept the heap of its largest file for as long as the server ran (250 of 260 MB after closing).
    const target = before + (open - before) / 2;
    let last = open;
    await poll(() => ((last = rssMB(pid)) <= target ? true : undefined), 6_000, () => `RSS at most ${target.toFixed(0)} MB after closing (before ${before.toFixed(0)}, open ${open.toFixed(0)}, now ${last.toFixed(0)} MB)`, 200);
    // The server still validates large documents (in a fresh worker).
    await client.open(big, restoreDeployments(300_000));
    await client.waitForDiagnostics(big, (d) => d.length > 0, 60_000);
  } finally {
    await client.shutdown();
  }
});
