// The real server over stdio: published diagnostics and their contract (ARCHITECTURE.md#contracts), debounce and version
// checks, settings, the size cap, bad input, and a stdout that carries nothing but protocol messages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient, poll } from '../helpers/lspClient';
import { AVX2_ON_IVYBRIDGE } from '../support/engine';

const MANIFEST = AVX2_ON_IVYBRIDGE;

describe('diagnostics over LSP', () => {
  let client: LspClient;
  const published: PublishDiagnosticsParams[] = [];
  let stdout = '';

  before(async () => {
    client = await LspClient.start();
    client.proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
    const set = client.diagnostics.set.bind(client.diagnostics);
    client.diagnostics.set = (k, v) => {
      published.push(v);
      return set(k, v);
    };
  });
  after(async () => client.shutdown());

  test('the server syncs incrementally', () => {
    const sync = client.initializeResult!.capabilities.textDocumentSync as { change: number };
    assert.equal(sync.change, 2);
  });

  test('a manifest gets its diagnostics with source, code, docs link, data and related information', async () => {
    const uri = 'file:///w/orders.criu.yaml';
    await client.open(uri, MANIFEST);
    const diags = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(diags.map((d) => d.code).sort(), ['feature-outside-baseline', 'target-missing-features']);
    for (const d of diags) {
      assert.equal(d.source, 'criu-portability');
      assert.match(d.codeDescription!.href, new RegExp(`/docs/rules/${d.code}\\.md$`));
      assert.ok(existsSync(fileURLToPath(d.codeDescription!.href)), `${d.codeDescription!.href} ships`);
      assert.equal((d.data as { ruleId: string }).ruleId, d.code);
    }
    const outside = diags.find((d) => d.code === 'feature-outside-baseline')!;
    assert.deepEqual(outside.range, { start: { line: 6, character: 11 }, end: { line: 6, character: 15 } });
    assert.equal(outside.severity, 2);
    const target = diags.find((d) => d.code === 'target-missing-features')!;
    assert.equal(target.severity, 1);
    assert.equal(target.relatedInformation?.[0].location.range.start.line, 6);
  });

  test('a burst of edits publishes only for the last version', async () => {
    const uri = 'file:///w/burst.criu.yaml';
    await client.open(uri, MANIFEST);
    await client.waitForDiagnostics(uri, (d) => d.length > 0);
    const before = published.length;
    let last = 0;
    for (let i = 0; i < 5; i++) last = await client.change(uri, MANIFEST.replace('avx2', i % 2 ? 'avx2' : 'avx'));
    const diags = await client.waitForDiagnostics(uri);
    const mine = published.slice(before).filter((p) => p.uri === uri);
    assert.deepEqual(mine.map((p) => p.version), [last]);
    assert.deepEqual(diags, []); // the last text requires only avx, inside the baseline
  });

  test('an unused suppression comment is a faded hint with a quick fix that removes it', async () => {
    const uri = 'file:///w/unused.criu.yaml';
    const text = MANIFEST.replace('requires: [avx2]', '# criu-portability-disable-next-line unknown-feature\nrequires: [avx]');
    await client.open(uri, text);
    const diags = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(diags.map((d) => [d.code, d.severity, d.tags]), [['unused-suppression', 4, [1]]]);
    const [action] = await client.codeActions(uri, diags);
    assert.equal(action.title, 'Remove this unused suppression comment');
  });

  test('an ordinary YAML file gets an empty list', async () => {
    const uri = 'file:///w/configmap.yaml';
    await client.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  key: value\n');
    assert.deepEqual(await client.waitForDiagnostics(uri), []);
  });

  test('bad input gets diagnostics, never a crash', async () => {
    const junk = ['\u0000\u0001\u0002\uFFFE', '['.repeat(10_000), 'a: &a [*a]\nb: *a\n', '\uFEFFkey:\tvalue\r\n- x'];
    for (const [i, text] of junk.entries()) {
      const uri = `file:///w/junk${i}.criu.yaml`;
      await client.open(uri, text);
      await client.waitForDiagnostics(uri);
    }
    assert.equal(client.proc.exitCode, null);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = 'file:///w/orders.criu.yaml';
    await client.close(uri);
    await poll(() => (client.diagnostics.get(uri)?.diagnostics.length === 0 ? true : undefined), 5000, () => 'cleared');
  });

  test('stdout carries only framed JSON-RPC messages', async () => {
    let rest = stdout;
    let messages = 0;
    while (rest.length > 0) {
      const m = /^Content-Length: (\d+)\r\n(?:[^\r\n]+\r\n)*\r\n/.exec(rest);
      assert.ok(m, `unframed output on stdout: ${JSON.stringify(rest.slice(0, 80))}`);
      const body = Buffer.from(rest.slice(m[0].length), 'latin1').subarray(0, Number(m[1])).toString('utf8');
      JSON.parse(body);
      rest = rest.slice(m[0].length + Buffer.byteLength(body, 'utf8'));
      messages++;
    }
    assert.ok(messages > 5);
  });
});

describe('settings over LSP', () => {
  test('a rule set to off is not published; a new severity is applied', async () => {
    const client = await LspClient.start({ settings: { rules: { 'feature-outside-baseline': 'off', 'target-missing-features': 'warning' } } });
    try {
      const uri = 'file:///w/s.criu.yaml';
      await client.open(uri, MANIFEST);
      const diags = await client.waitForDiagnostics(uri, (d) => d.length > 0);
      assert.deepEqual(diags.map((d) => [d.code, d.severity]), [['target-missing-features', 2]]);
    } finally {
      await client.shutdown();
    }
  });

  test('a file past the size cap gets one diagnostic saying it was skipped', async () => {
    const client = await LspClient.start({ settings: { maxFileSizeKB: 1 } });
    try {
      const uri = 'file:///w/big.criu.yaml';
      await client.open(uri, MANIFEST + `# ${'x'.repeat(2000)}\n`);
      const diags = await client.waitForDiagnostics(uri, (d) => d.length > 0);
      assert.deepEqual(diags.map((d) => d.code), ['file-skipped']);
      assert.match(String(diags[0].message), /Not validated/);
    } finally {
      await client.shutdown();
    }
  });
});
