// The editor gets at most criuPortability.maxDiagnosticsPerFile diagnostics per file (default 1,000), the most
// severe first, plus one information diagnostic saying how many more the CLI prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { validateText } from '../../server/src/engine';
import { estimateNodes } from '../../server/src/engine/yaml/budget';
import { MAX_MAIN_THREAD_NODES } from '../../server/src/lsp/offThreadPolicy';

const PAYMENTS = readFileSync(join(__dirname, '..', '..', 'examples', 'payments-avx2.criu.yaml'), 'utf8');
// 1,500 duplicate features (warnings) before the example's own findings, two of them errors near the end.
const MANY = PAYMENTS.replace('requires: [', `requires: [${Array(1500).fill('sse2').join(', ')}, `);
const URI = 'file:///w/many.criu.yaml';

test('1,500+ findings: the 1,000 most severe and one note saying how many more', { timeout: 60_000 }, async () => {
  const all = validateText(URI, MANY);
  const errors = all.filter((f) => f.severity === 'error').length;
  assert.ok(all.length > 1500 && errors >= 2, `${all.length} findings, ${errors} errors`);
  const client = await LspClient.start();
  try {
    await client.open(URI, MANY);
    const diags = await client.waitForDiagnostics(URI, (d) => d.length > 0);
    assert.equal(diags.length, 1001);
    assert.equal(diags.filter((d) => d.severity === DiagnosticSeverity.Error).length, errors, 'every error is kept');
    const notes = diags.filter((d) => d.code === undefined);
    assert.equal(notes.length, 1);
    assert.equal(notes[0].severity, DiagnosticSeverity.Information);
    assert.match(notes[0].message as string, new RegExp(`^${(all.length - 1000).toLocaleString('en-US')} more findings`));
    assert.match(notes[0].message as string, /criuPortability\.maxDiagnosticsPerFile/);
    assert.deepEqual(await client.codeActions(URI, notes), [], 'the note has no quick fix');
  } finally {
    await client.shutdown();
  }
});

test('maxDiagnosticsPerFile is a setting', { timeout: 60_000 }, async () => {
  const client = await LspClient.start({ settings: { maxDiagnosticsPerFile: 3 } });
  try {
    await client.open(URI, PAYMENTS);
    const diags = await client.waitForDiagnostics(URI, (d) => d.length > 0);
    assert.equal(diags.length, 4);
    const rank = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };
    const expected = validateText(URI, PAYMENTS).map((f) => rank[f.severity]).sort((x, y) => x - y).slice(0, 3);
    assert.deepEqual(diags.slice(0, 3).map((d) => d.severity), expected);
    assert.match(diags[3].message as string, /^3 more findings/);
  } finally {
    await client.shutdown();
  }
});

test('a large file validated in the worker thread: the same 1,000 most severe and the same count of the rest', { timeout: 120_000 }, async () => {
  // 30,000 flow items (past the 16,000 YAML nodes offThreadPolicy.ts allows the main thread): validated in the worker,
  // which now sends only the findings the editor shows.
  const large = PAYMENTS.replace('requires: [', `requires: [${Array(30_000).fill('sse2').join(', ')}, `);
  assert.ok(estimateNodes(large).total >= MAX_MAIN_THREAD_NODES);
  const all = validateText(URI, large);
  const errors = all.filter((f) => f.severity === 'error').length;
  const client = await LspClient.start();
  try {
    await client.open(URI, large);
    const diags = await client.waitForDiagnostics(URI, (d) => d.length > 0, 90_000);
    assert.equal(diags.length, 1001);
    assert.equal(diags.filter((d) => d.severity === DiagnosticSeverity.Error).length, errors, 'every error is kept');
    const notes = diags.filter((d) => d.code === undefined);
    assert.match(notes[0]?.message as string, new RegExp(`^${(all.length - 1000).toLocaleString('en-US')} more findings`));
  } finally {
    await client.shutdown();
  }
});
