// Protocol abuse: malformed params, forged diagnostics, lifecycle violations and broken framing get an error
// answer or a log line, never a crash, a thrown TypeError, an edit at a forged place or a YAML injection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ErrorCodes, ResponseError, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../helpers/lspClient';
import { ProbeRequests } from '../../server/src/protocol';

const PAYMENTS = readFileSync(join(__dirname, '..', '..', 'examples', 'payments-avx2.criu.yaml'), 'utf8');
const URI = 'file:///w/payments.criu.yaml';

async function rejects(p: Promise<unknown>, code: number, what: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof ResponseError, `${what}: ${String(err)}`);
    assert.equal(err.code, code, `${what}: ${err.message}`);
    return true;
  });
}

/** Runs `body` against a fresh server that has published the payments example's diagnostics, then shuts it down. */
async function withPayments(body: (client: LspClient, diagnostics: Diagnostic[]) => Promise<void>): Promise<void> {
  const client = await LspClient.start();
  try {
    await client.open(URI, PAYMENTS);
    await body(client, await client.waitForDiagnostics(URI, (d) => d.length > 0));
  } finally {
    await client.shutdown();
  }
}

test('initializationOptions 42, "abc", [] or null do not fail initialize', { timeout: 30_000 }, async () => {
  for (const initializationOptions of [42, 'abc', [], null, true]) {
    const client = await LspClient.start({ initializationOptions });
    try {
      assert.ok(client.initializeResult?.capabilities.hoverProvider, JSON.stringify(initializationOptions));
      await client.open(URI, PAYMENTS);
      assert.equal((await client.waitForDiagnostics(URI, (d) => d.length > 0)).length, 6);
    } finally {
      await client.shutdown();
    }
  }
});

test('custom and standard requests with null or mistyped params answer InvalidParams; the server lives on', { timeout: 30_000 }, () =>
  withPayments(async (client) => {
    const bad: Array<[string, unknown]> = [
      [ProbeRequests.hostVerdict, null],
      [ProbeRequests.hostVerdict, { uri: 42 }],
      [ProbeRequests.addHostAsTarget, null],
      [ProbeRequests.addHostAsTarget, { uri: URI, name: { a: 1 } }],
      [ProbeRequests.addHostAsTarget, { uri: URI, line: -1 }],
      [ProbeRequests.addHostAsTarget, { uri: URI, line: 1.5 }],
      [ProbeRequests.manifestFromHost, { name: { a: 1 } }],
      ['textDocument/hover', null],
      ['textDocument/hover', { textDocument: { uri: URI }, position: { line: -1, character: 0 } }],
      ['textDocument/completion', { textDocument: { uri: URI }, position: { line: 1.5, character: 0 } }],
      ['textDocument/codeAction', null],
      ['textDocument/codeLens', { textDocument: null }],
    ];
    for (const [method, params] of bad) await rejects(client.request(method, params), ErrorCodes.InvalidParams, `${method} ${JSON.stringify(params)}`);
    assert.ok(await client.hover(URI, { line: 4, character: 2 }), 'still answering');
    assert.doesNotMatch(client.stderr + client.logs.join('\n'), /TypeError/);
  }));

test('names sent to addHostAsTarget and manifestFromHost are YAML scalars: no injection through a newline', { timeout: 30_000 }, () =>
  withPayments(async (client) => {
    const evil = 'edge\nkind: Evil\n  x: [';
    const edit = await client.request<{ changes: Record<string, TextEdit[]> } | null>(ProbeRequests.addHostAsTarget, { uri: URI, name: evil });
    assert.ok(edit);
    const after = TextDocument.applyEdits(TextDocument.create(URI, 'criu-manifest', 1, PAYMENTS), edit.changes[URI]);
    const doc = parse(after);
    assert.equal(doc.kind, 'CheckpointManifest');
    assert.equal(doc.restore.targets.at(-1).name, evil);
    const { text } = await client.request<{ text: string }>(ProbeRequests.manifestFromHost, { name: evil });
    const made = parse(text);
    assert.equal(made.metadata.name, evil);
    assert.equal(made.kind, 'CheckpointManifest');
  }));

test('forged diagnostics at line -1, 1.5 or past the end get no edits; the real one does', { timeout: 30_000 }, () =>
  withPayments(async (client, real) => {
    const fixable = real.find((d) => d.code === 'restore-policy-missing')!;
    assert.ok((await client.codeActions(URI, [fixable])).length > 0);
    const forged = (range: unknown): Diagnostic => ({ ...fixable, range: range as Diagnostic['range'] });
    for (const range of [
      { start: { line: -1, character: 0 }, end: { line: -1, character: 4 } },
      { start: { line: 1.5, character: 0 }, end: { line: 1.5, character: 4 } },
      { start: { line: 10_000, character: 0 }, end: { line: 10_000, character: 4 } },
      { start: { line: 11, character: 4 }, end: { line: 11, character: 0 } },
      null,
    ]) {
      const actions = await client.codeActions(URI, [forged(range)], fixable.range);
      assert.deepEqual(actions, [], JSON.stringify(range));
    }
  }));

test('lifecycle: a second initialize and requests after shutdown are refused with InvalidRequest', { timeout: 30_000 }, () =>
  withPayments(async (client) => {
    await rejects(client.request('initialize', { processId: null, rootUri: null, capabilities: {} }), ErrorCodes.InvalidRequest, 'second initialize');
    assert.ok(await client.hover(URI, { line: 4, character: 2 }), 'the first session goes on');
    await client.request('shutdown', null);
    await rejects(client.hover(URI, { line: 4, character: 2 }), ErrorCodes.InvalidRequest, 'hover after shutdown');
    await rejects(client.request(ProbeRequests.hostVerdict, { uri: URI }), ErrorCodes.InvalidRequest, 'custom request after shutdown');
    await rejects(client.request('shutdown', null), ErrorCodes.InvalidRequest, 'second shutdown');
  }));

test('malformed framing is logged through the client console; stdout stays protocol; the server answers on', { timeout: 30_000 }, () =>
  withPayments(async (client) => {
    const logged = async (n: number) => {
      const deadline = Date.now() + 5000;
      while (client.logs.filter((l) => /malformed message/.test(l)).length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.equal(client.logs.filter((l) => /malformed message/.test(l)).length, n, client.logs.join('\n'));
    };
    client.proc.stdin!.write('X-Nonsense: 1\r\n\r\n');
    await logged(1);
    const body = '{"jsonrpc": "2.0", "id": 9';
    client.proc.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await logged(2);
    // Responses still parse (a non-protocol byte on stdout would break the client's reader and time this out).
    assert.ok(await client.hover(URI, { line: 4, character: 2 }));
  }));
