// The server as the extension starts it (SERVER_NODE_FLAGS caps the heap) must survive the largest file the size
// cap admits: 5 MB of restore workloads, each with findings. A crash here would loop: the client restarts the
// server, the file is reopened, the server dies again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';
import { restoreDeployments } from '../helpers/bigFiles';
import { DEFAULT_SETTINGS, SERVER_NODE_FLAGS } from '../../server/src/protocol';

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
