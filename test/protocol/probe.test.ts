// The host probe over LSP, against the real bundled server (`node dist/server.js --stdio`): the requests behind
// "CRIU: Probe Host CPU", its three actions and the language status item (server/src/lsp/probe.ts). The server
// probes this machine, so expectations are derived from the report's own host, never hard-coded.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from 'yaml';
import { ProbeRequests } from '../../server/src/protocol';
import type { HostReport } from '../../server/src/engine/probe/report';

const SERVER = path.resolve(import.meta.dirname, '../../dist/server.js');
const ROOT = path.resolve(import.meta.dirname, 'virtual-workspace' /* documents exist only as didOpen text */);
/** Real x86 features (data/archspec/cpuid.json) a host may lack; the "lacks" cases use one this host lacks. */
const RARE_X86_FEATURES = ['avx512er', 'avx512_4vnniw', 'amx_tile', 'avx512_fp16', 'amx_int8'];
const NODE_ARCH: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64', ppc64: 'ppc64le', s390x: 's390x' };

interface Diag { code?: string | number; severity?: number; message: string }
interface TextEdit { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }

const uriOf = (name: string) => pathToFileURL(path.join(ROOT, name)).href;
const manifest = (name: string, arch: string, requires: string[]) =>
  `apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: ${name}\narch: ${arch}\nbaseline: openj9-portable\n`
  + `requires: [${requires.join(', ')}]\nrestore:\n  onIncompatibleCpu: exit\n  targets:\n    - name: old-nodes\n      microarchitecture: ${arch === 'x86_64' ? 'x86_64_v2' : 'generic'}\n`;

describe('host probe over LSP', { skip: !existsSync(SERVER) && 'dist/server.js missing: npm run build' }, () => {
  let server: ChildProcess;
  let conn: MessageConnection;
  let report: HostReport;
  const diagnostics = new Map<string, Diag[]>();
  const texts = new Map<string, string>();

  const open = async (name: string, languageId: string, text: string) => {
    const uri = uriOf(name);
    texts.set(uri, text);
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  };

  /** Polls (no fixed sleep) until the server has published diagnostics for `uri`. */
  const published = async (uri: string, timeoutMs = 10_000): Promise<Diag[]> => {
    const deadline = Date.now() + timeoutMs;
    while (!diagnostics.has(uri)) {
      if (Date.now() > deadline) throw new Error(`no diagnostics published for ${uri}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return diagnostics.get(uri)!;
  };

  before(async () => {
    server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    conn = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diag[] }) => {
      diagnostics.set(p.uri, p.diagnostics);
    });
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.listen();
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    await conn.sendNotification('initialized', {});
  });

  after(async () => {
    try {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
    } finally {
      conn.dispose();
      server.kill();
    }
  });

  test('probeHost describes this machine and gives every open manifest a verdict', async () => {
    const arch = NODE_ARCH[process.arch] ?? process.arch;
    // Probe first so the manifests below can be written against this host's real features.
    const bare = await conn.sendRequest<HostReport>(ProbeRequests.probeHost);
    assert.equal(bare.host.arch, arch);
    assert.ok(bare.host.features.length > 0);
    assert.ok(bare.detection.microarchitecture);
    assert.deepEqual(bare.baselineFeatures.filter((f) => !bare.host.features.includes(f)), [], 'baseline marks are host features');

    const has = bare.host.features[0]!;
    const lacking = arch === 'x86_64' ? RARE_X86_FEATURES.find((f) => !bare.host.features.includes(f)) : undefined;
    const other = arch === 'aarch64' ? 'x86_64' : 'aarch64';
    await open('fits.criu.yaml', 'criu-manifest', manifest('fits', arch, [has]));
    if (lacking) await open('lacks.criu.yaml', 'criu-manifest', manifest('lacks', arch, [lacking]));
    await open('other-arch.criu.yaml', 'criu-manifest', manifest('other-arch', other, []));
    await open('configmap.yaml', 'yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n');

    report = await conn.sendRequest<HostReport>(ProbeRequests.probeHost);
    const byName = new Map(report.manifests.map((m) => [m.name, m]));
    assert.deepEqual(byName.get('fits'), { uri: uriOf('fits.criu.yaml'), name: 'fits', ok: true, missing: [] });
    if (lacking) assert.deepEqual(byName.get('lacks'), { uri: uriOf('lacks.criu.yaml'), name: 'lacks', ok: false, missing: [lacking] });
    assert.equal(byName.get('other-arch')?.ok, false);
    assert.equal(byName.get('other-arch')?.archMismatch, other);
    assert.equal(report.manifests.some((m) => m.uri === uriOf('configmap.yaml')), false, 'a ConfigMap is no manifest');
  });

  test('hostVerdict: the language status text per manifest, null for other YAML', async () => {
    const fits = await conn.sendRequest<{ ok: boolean; text: string; missing: string[] }>(ProbeRequests.hostVerdict, { uri: uriOf('fits.criu.yaml') });
    assert.deepEqual(fits, { ok: true, text: 'This host can restore this image', missing: [] });
    const lacking = report.manifests.find((m) => m.name === 'lacks');
    if (lacking) {
      const v = await conn.sendRequest<{ ok: boolean; text: string }>(ProbeRequests.hostVerdict, { uri: lacking.uri });
      assert.deepEqual(v, { ok: false, text: `This host lacks ${lacking.missing[0]}`, missing: lacking.missing });
    }
    const other = await conn.sendRequest<{ ok: boolean; text: string }>(ProbeRequests.hostVerdict, { uri: uriOf('other-arch.criu.yaml') });
    assert.equal(other.ok, false);
    assert.match(other.text, /cannot restore this image/);
    assert.equal(await conn.sendRequest(ProbeRequests.hostVerdict, { uri: uriOf('configmap.yaml') }), null);
    assert.equal(await conn.sendRequest(ProbeRequests.hostVerdict, { uri: uriOf('never-opened.criu.yaml') }), null);
  });

  test('manifestFromHost: a manifest of this host that the server itself finds no error in', async () => {
    const { text } = await conn.sendRequest<{ text: string }>(ProbeRequests.manifestFromHost, { name: 'from-host' });
    const doc = parse(text);
    assert.equal(doc.metadata.name, 'from-host');
    assert.equal(doc.arch, report.host.arch);
    assert.equal(doc.checkpoint.host.microarchitecture, report.detection.microarchitecture);
    assert.deepEqual(doc.checkpoint.host.features, report.host.features);
    const uri = await open('from-host.criu.yaml', 'criu-manifest', text);
    const errors = (await published(uri)).filter((d) => d.severity === 1);
    assert.deepEqual(errors.map((d) => `${d.code}: ${d.message}`), []);
  });

  test('nodeAffinityForHost: required node affinity on this architecture', async () => {
    const { text } = await conn.sendRequest<{ text: string }>(ProbeRequests.nodeAffinityForHost);
    const terms = parse(text).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    const exprs: Array<{ key: string; operator: string; values: string[] }> = terms[0].matchExpressions;
    const goArch = { x86_64: 'amd64', aarch64: 'arm64' }[report.host.arch as string] ?? report.host.arch;
    assert.deepEqual(exprs[0], { key: 'kubernetes.io/arch', operator: 'In', values: [goArch] });
    for (const e of exprs.slice(1)) {
      assert.match(e.key, /^feature\.node\.kubernetes\.io\/cpu-/);
      assert.deepEqual(e.values, ['true']);
    }
  });

  test('addHostAsTarget: an edit appending this host to restore.targets; null for other YAML', async () => {
    const uri = uriOf('fits.criu.yaml');
    const edit = await conn.sendRequest<{ changes: Record<string, TextEdit[]> } | null>(ProbeRequests.addHostAsTarget, { uri, name: 'edge' });
    assert.ok(edit, 'an edit');
    assert.deepEqual(Object.keys(edit.changes), [uri]);
    const after = TextDocument.applyEdits(TextDocument.create(uri, 'criu-manifest', 1, texts.get(uri)!), edit.changes[uri]!);
    const targets = parse(after).restore.targets;
    assert.deepEqual(targets.map((t: { name: string }) => t.name), ['old-nodes', 'edge']);
    assert.equal(targets[1].microarchitecture, report.detection.microarchitecture);
    assert.equal(await conn.sendRequest(ProbeRequests.addHostAsTarget, { uri: uriOf('configmap.yaml'), name: 'edge' }), null);
  });
});
