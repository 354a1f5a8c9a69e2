// Over LSP, positions count `\n`, `\r\n` and a lone `\r` as line endings: a file saved with lone-CR endings gets
// the same diagnostics as with `\n`, and completion answers on every line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient } from '../helpers/lspClient';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

test('lone-CR payments example: its 6 diagnostics, at the same positions as with \\n', async () => {
  const client = await LspClient.start();
  try {
    const lf = readFileSync(join(EXAMPLES, 'payments-avx2.criu.yaml'), 'utf8');
    await client.open('file:///w/lf/payments.criu.yaml', lf);
    await client.open('file:///w/cr/payments.criu.yaml', lf.replace(/\n/g, '\r'));
    const expected = await client.waitForDiagnostics('file:///w/lf/payments.criu.yaml', (d) => d.length > 0);
    const got = await client.waitForDiagnostics('file:///w/cr/payments.criu.yaml');
    assert.equal(expected.length, 6);
    assert.deepEqual(got.map((d) => [d.code, d.range]), expected.map((d) => [d.code, d.range]));
  } finally {
    await client.shutdown();
  }
});

test('lone-CR Kubernetes example: completion answers on every line without an error', async () => {
  const client = await LspClient.start();
  try {
    const text = readFileSync(join(EXAMPLES, 'kubernetes', 'liberty-instanton-deployment.yaml'), 'utf8').replace(/\n/g, '\r');
    const uri = 'file:///w/cr/deployment.yaml';
    await client.open(uri, text);
    await client.waitForDiagnostics(uri);
    const lines = text.split('\r');
    for (let line = 0; line < lines.length; line++) {
      await client.completion(uri, { line, character: lines[line].length });
    }
    assert.doesNotMatch(client.stderr, /TypeError|reading 'trim'/);
  } finally {
    await client.shutdown();
  }
});
