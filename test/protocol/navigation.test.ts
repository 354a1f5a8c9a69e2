// Outline, links, definition, references, link hovers and restore-container lenses over LSP: a real
// `node dist/server.js --stdio` (run `npm run build` first), its workspace scan finding the manifest on disk.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentLink, DocumentSymbol, Location, LocationLink, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, poll } from '../helpers/lspClient';
import { positionOf } from '../helpers/manifests';

const RESTORE_DIR = join(__dirname, '..', 'fixtures', 'kube', 'restore');
const MANIFEST_URI = pathToFileURL(join(RESTORE_DIR, 'orders.criu.yaml')).href;
const MANIFEST = readFileSync(join(RESTORE_DIR, 'orders.criu.yaml'), 'utf8');
const DEPLOY_URI = pathToFileURL(join(RESTORE_DIR, 'nav-deploy.yaml')).href;
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  annotations:
    criu-portability.io/manifest: orders.criu.yaml
spec:
  template:
    spec:
      containers:
        - name: orders
          image: registry.example.com/orders:2.3-instanton
`;
const TARGETS = '  targets:\n    - name: pool-a\n      microarchitecture: ivybridge\n    - name: pool-b\n      microarchitecture: haswell\n';

/** Polls an async question until it answers (never a fixed sleep). */
async function pollAsync<T>(ask: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await ask();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('navigation over LSP', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ rootUri: pathToFileURL(RESTORE_DIR).href });
    await client.open(DEPLOY_URI, DEPLOY);
    // Linked once the scan has found the unopened manifest: a diagnostic about the manifest's features appears.
    await client.waitForDiagnostics(DEPLOY_URI, (d) => d.some((x) => x.code === 'cpu-node-affinity-missing'));
  });
  after(async () => client.shutdown());

  test('capabilities', () => {
    const caps = client.initializeResult!.capabilities;
    assert.ok(caps.documentSymbolProvider && caps.documentLinkProvider && caps.definitionProvider && caps.referencesProvider);
  });

  test('outline of a Kubernetes file and of a manifest', async () => {
    const kube = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: DEPLOY_URI } });
    assert.equal(kube[0].name, 'Deployment orders');
    assert.equal(kube[0].kind, 5); // Class
    assert.equal(kube[0].children![0].detail, 'registry.example.com/orders:2.3-instanton · restores orders.criu.yaml');
    await client.open(MANIFEST_URI, MANIFEST);
    const manifest = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: MANIFEST_URI } });
    assert.equal(manifest[0].name, 'orders');
    assert.deepEqual(manifest[0].children!.map((c) => c.name), ['requires', 'onIncompatibleCpu']);
    await client.close(MANIFEST_URI);
  });

  test('document links and definition lead to the manifest', async () => {
    // Closing the manifest (previous test) makes the index re-read it from disk: poll until it is back.
    const links = await pollAsync(async () => {
      const l = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: DEPLOY_URI } });
      return l.length ? l : undefined;
    }, 'document links');
    assert.deepEqual(links.map((l) => l.target), [`${MANIFEST_URI}#L4`, `${MANIFEST_URI}#L4`]);
    for (const needle of ['orders.criu.yaml', 'registry.example.com']) {
      const def = await client.request<Location | LocationLink[]>('textDocument/definition', { textDocument: { uri: DEPLOY_URI }, position: positionOf(DEPLOY, needle, 2) });
      assert.equal((def as Location).uri, MANIFEST_URI, needle);
      assert.equal((def as Location).range.start.line, 3);
    }
    assert.equal(await client.request('textDocument/definition', { textDocument: { uri: DEPLOY_URI }, position: { line: 1, character: 2 } }), null);
  });

  test('references from the manifest back to the restore container', async () => {
    await client.open(MANIFEST_URI, MANIFEST);
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: MANIFEST_URI }, position: { line: 3, character: 8 }, context: { includeDeclaration: false } });
    assert.deepEqual(refs.map((r) => `${r.uri === DEPLOY_URI ? 'deploy' : r.uri}:${r.range.start.line}`), ['deploy:5', 'deploy:11']);
    await client.close(MANIFEST_URI);
  });

  test('hover on the annotation; a lens on the restore container that follows manifest edits', async () => {
    const h = await pollAsync(() => client.hover(DEPLOY_URI, positionOf(DEPLOY, 'orders.criu.yaml', 2)).then((x) => x ?? undefined), 'hover');
    assert.match((h!.contents as MarkupContent).value, /\*\*orders\.criu\.yaml\*\* · checkpoint manifest `orders`/);
    const lensTitles = async () => (await client.codeLenses(DEPLOY_URI)).map((l) => l.command?.title);
    assert.deepEqual(await lensTitles(), ['restores orders.criu.yaml · no restore targets listed']);
    // The manifest gains two targets in the editor: the deployment's lens counts them (after a refresh request).
    await client.open(MANIFEST_URI, MANIFEST);
    const before = client.codeLensRefreshes;
    await client.change(MANIFEST_URI, MANIFEST.replace('  onIncompatibleCpu: cold-start\n', `  onIncompatibleCpu: cold-start\n${TARGETS}`));
    await poll(() => (client.codeLensRefreshes > before ? true : undefined), 5000, () => 'a codeLens refresh');
    const titles = await pollAsync(async () => {
      const t = await lensTitles();
      return t[0]?.includes('of 2') ? t : undefined;
    }, 'the lens after the manifest edit');
    assert.deepEqual(titles, ['restores orders.criu.yaml · 1 of 2 node pools can run it']);
    await client.close(MANIFEST_URI);
  });
});
