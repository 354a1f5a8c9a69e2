// Issue 15's figures, over LSP: requests answered while a 5 MB file validates (requestP95WhileValidating5MBMs)
// and 300 documents opened at once, 150 manifests and 150 Kubernetes files (open300MixedDocsMs).
import { LspPeer } from './lspClient';
import { spawnOurServer } from './lsp';
import { kubeFileOfBytes, manifestText, ORDERS_IMAGE } from './generate';
import type { BenchWorkspace } from './workspace';
import { percentile, progress } from './stats';

export interface ResponsivenessResult {
  /** p95 of hover, completion and code actions on a small manifest while a 5 MB Kubernetes file validates. */
  requestP95WhileValidating5MBMs: number;
  requestMaxWhileValidating5MBMs: number;
  requestsWhileValidating: number;
  /** didOpen of the 5 MB file to its diagnostics. */
  validate5MBMs: number;
  /** First didOpen to the last of 300 documents having diagnostics. */
  open300MixedDocsMs: number;
}

const TIMEOUT_MS = 300_000;

export async function runResponsiveness(repoRoot: string, ws: BenchWorkspace): Promise<ResponsivenessResult> {
  const during = await requestsWhileValidating(repoRoot, ws);
  const open300MixedDocsMs = await open300(repoRoot, ws);
  return { ...during, open300MixedDocsMs };
}

async function requestsWhileValidating(repoRoot: string, ws: BenchWorkspace) {
  const peer = spawnOurServer(repoRoot);
  try {
    await peer.initialize(ws.rootUri);
    await peer.openAndWait(ws.orders.uri, ws.orders.languageId, ws.orders.text);
    const lines = ws.orders.text.split('\n');
    const at = (needle: string, offset: number) => {
      const line = lines.findIndex((l) => l.includes(needle));
      return { line, character: lines[line].indexOf(needle) + offset };
    };
    const hoverAt = at('microarchitecture: ', 20);
    const completionAt = at('microarchitecture: ', 19);
    const big = kubeFileOfBytes(5_000_000);
    const uri = ws.uriOf('big-5MB.yaml');
    const published = peer.diagnostics(uri, (p) => p.version === 1, TIMEOUT_MS);
    let done = false;
    void published.then(() => (done = true), () => (done = true));
    const t0 = performance.now();
    await peer.open(uri, 'yaml', big.text);
    const times: number[] = [];
    for (let i = 0; !done || times.length < 20; i++) {
      const doc = { textDocument: { uri: ws.orders.uri } };
      const r = i % 3 === 0 ? await peer.timeRequest('textDocument/hover', { ...doc, position: hoverAt })
        : i % 3 === 1 ? await peer.timeRequest('textDocument/completion', { ...doc, position: completionAt })
        : await peer.timeRequest('textDocument/codeAction', { ...doc, range: { start: hoverAt, end: hoverAt }, context: { diagnostics: [] } });
      times.push(r.ms);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const validate5MBMs = (await published).at - t0;
    const p95 = percentile(times, 95);
    progress(`ours: requests while a 5 MB file validates (${(validate5MBMs / 1000).toFixed(1)} s): p95 ${p95.toFixed(1)} ms, max ${Math.max(...times).toFixed(0)} ms over ${times.length}`);
    await peer.shutdown();
    return { requestP95WhileValidating5MBMs: p95, requestMaxWhileValidating5MBMs: Math.max(...times), requestsWhileValidating: times.length, validate5MBMs };
  } finally {
    peer.kill();
  }
}

/** 150 manifests of the same image and 150 Kubernetes files running it, opened as fast as the client can. */
async function open300(repoRoot: string, ws: BenchWorkspace): Promise<number> {
  const peer: LspPeer = spawnOurServer(repoRoot);
  try {
    await peer.initialize(ws.rootUri);
    const docs = Array.from({ length: 300 }, (_, i) => {
      const manifest = i % 2 === 0;
      const name = manifest ? `mixed/svc-${i}.criu.yaml` : `mixed/deploy-${i}.yaml`;
      const text = manifest ? manifestText(`svc-${i}`, ORDERS_IMAGE, 10 + (i % 20) * 2) : kubeFileOfBytes(10_000 + (i % 25) * 2_000).text;
      return { uri: ws.uriOf(name), text, languageId: manifest ? 'criu-manifest' : 'yaml' };
    });
    const published = docs.map((d) => peer.diagnostics(d.uri, (p) => p.version === 1, TIMEOUT_MS));
    const t0 = performance.now();
    for (const d of docs) await peer.open(d.uri, d.languageId, d.text);
    const last = Math.max(...(await Promise.all(published)).map((p) => p.at));
    const ms = last - t0;
    progress(`ours: 300 mixed documents opened -> all have diagnostics in ${(ms / 1000).toFixed(2)} s`);
    await peer.shutdown();
    return ms;
  } finally {
    peer.kill();
  }
}
