// The server as the extension starts it (SERVER_NODE_FLAGS caps the heap) must survive the largest file the size
// cap admits: 5 MB of restore workloads, each with findings. A crash here would loop: the client restarts the
// server, the file is reopened, the server dies again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';
import { restoreDeployments } from '../helpers/bigFiles';
import { DEFAULT_SETTINGS, SERVER_NODE_FLAGS } from '../../server/src/protocol';
import { readFileSync } from 'node:fs';
import { hostileCases } from '../hostile/cases';

test('a 5 MB file of restore workloads gets its diagnostics under the heap cap the extension uses', async () => {
  const client = await LspClient.start({ env: { NODE_OPTIONS: SERVER_NODE_FLAGS.join(' ') } });
  try {
    const text = restoreDeployments(DEFAULT_SETTINGS.maxFileSizeKB * 1024 - 1);
    assert.ok(text.length > 5_000_000);
    const uri = 'file:///w/big.yaml';
    await client.open(uri, text);
    const diags = await client.waitForDiagnostics(uri, (d) => d.length > 0, 60_000);
    // The editor gets the 1,000 most severe and a note counting the rest (over 10,000 findings in all).
    assert.equal(diags.length, DEFAULT_SETTINGS.maxDiagnosticsPerFile + 1);
    const more = /^([\d,]+) more findings/.exec(String(diags.at(-1)!.message));
    assert.ok(more && Number(more[1].replace(/,/g, '')) > 9_000, String(diags.at(-1)!.message));
    assert.equal(client.proc.exitCode, null, client.stderr);
  } finally {
    await client.shutdown();
  }
});

test('the server as the extension starts it stays under 400 MB of peak RSS on a one-line 1 MB manifest of 150,000 findings', { timeout: 120_000 }, async () => {
  // The file validates in the worker thread. The main thread used to parse it a second time to index its manifest,
  // and the worker sent all 150,000 findings across: 510 MB at its peak.
  const c = hostileCases(1).find((h) => h.name === 'one-line 1 MB manifest')!;
  const client = await LspClient.start({ env: { NODE_OPTIONS: SERVER_NODE_FLAGS.join(' ') } });
  try {
    await client.open(c.uri, c.text);
    const diags = await client.waitForDiagnostics(c.uri, (d) => d.length > 0, 90_000);
    assert.equal(diags.length, DEFAULT_SETTINGS.maxDiagnosticsPerFile + 1);
    const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${client.proc.pid}/status`, 'utf8'))?.[1]);
    assert.ok(kb / 1024 <= 400, `peak RSS ${(kb / 1024).toFixed(0)} MB`);
  } finally {
    await client.shutdown();
  }
});
