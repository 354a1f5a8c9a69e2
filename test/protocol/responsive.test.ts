// Validation never blocks requests: while a 5 MB file validates (in the server's worker thread), hover,
// completion and code actions on another document answer at once; a newer version cancels the older run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { restoreDeployments } from '../helpers/bigFiles';
import { SERVER_NODE_FLAGS } from '../../server/src/protocol';

const PAYMENTS = readFileSync(join(__dirname, '..', '..', 'examples', 'payments-avx2.criu.yaml'), 'utf8');
const SMALL = 'file:///w/payments.criu.yaml';
const BIG = 'file:///w/big.yaml';

test('hover, completion and code actions answer while a 5 MB file validates', { timeout: 240_000 }, async () => {
  const client = await LspClient.start({ env: { NODE_OPTIONS: SERVER_NODE_FLAGS.join(' ') } });
  try {
    await client.open(SMALL, PAYMENTS);
    const small = await client.waitForDiagnostics(SMALL, (d) => d.length > 0);
    const big = restoreDeployments(5 * 1024 * 1024 - 1);
    await client.open(BIG, big);
    const times: number[] = [];
    // Requests until the big file's diagnostics arrive, a few milliseconds apart (at least 20 of them).
    while (times.length < 20 || (!client.diagnostics.has(BIG) && times.length < 2000)) {
      const started = performance.now();
      const kind = times.length % 3;
      if (kind === 0) await client.hover(SMALL, { line: 9, character: 13 });
      else if (kind === 1) await client.completion(SMALL, { line: 16, character: 25 });
      else await client.codeActions(SMALL, small);
      times.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 5));
    }
    await client.waitForDiagnostics(BIG, (d) => d.length > 0, 150_000);
    times.sort((a, b) => a - b);
    const p95 = times[Math.floor(times.length * 0.95)];
    // 50 ms is the budget on a quiet machine (npm run bench); a busy CI runner gets some slack. Validating on the
    // request path answered after the whole validation: seconds.
    assert.ok(p95 < 250, `p95 ${p95.toFixed(1)} ms over ${times.length} requests; max ${times.at(-1)!.toFixed(0)} ms`);
  } finally {
    await client.shutdown();
  }
});

test('a newer version of a large file cancels the validation of the older one', { timeout: 240_000 }, async () => {
  const client = await LspClient.start({ env: { NODE_OPTIONS: SERVER_NODE_FLAGS.join(' ') } });
  const published: PublishDiagnosticsParams[] = [];
  client.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    client.diagnostics.set(p.uri, p);
  });
  try {
    const big = restoreDeployments(3 * 1024 * 1024);
    await client.open(BIG, big);
    await client.change(BIG, big.replace('replicas: 3', 'replicas: 1'));
    const last = await client.change(BIG, big.replace('replicas: 3', 'replicas: 2'));
    await client.waitForDiagnostics(BIG, (d) => d.length > 0, 150_000);
    const versions = published.filter((p) => p.uri === BIG).map((p) => p.version);
    assert.deepEqual(versions, [last], 'only the newest version is published');
  } finally {
    await client.shutdown();
  }
});
