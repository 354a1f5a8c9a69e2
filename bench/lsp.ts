// Our server over LSP (spawned `node dist/server.js --stdio`): initialize time, didOpen → diagnostics, edit →
// diagnostics minus the debounce, hover and completion latency, RSS with 200 open documents and after closing.
import { resolve } from 'node:path';
import { SERVER_NODE_FLAGS } from '../server/src/protocol';
import { setTimeout as sleep } from 'node:timers/promises';
import { LspPeer } from './lspClient';
import { kubeFileOfBytes, manifestText, ORDERS_IMAGE } from './generate';
import type { BenchFile, BenchWorkspace } from './workspace';
import { median, percentile, progress } from './stats';

/** server.ts DEBOUNCE_MS: an edit is validated this long after the last change. */
export const OUR_DEBOUNCE_MS = 120;

export const OUR_SETTINGS = { criuPortability: { enable: true, rules: {}, maxFileSizeKB: 5120 } };

/**
 * Our server as the extension runs it (with SERVER_NODE_FLAGS); BENCH_SERVER_NODE_ARGS adds node flags, e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile.
 */
export function spawnOurServer(repoRoot: string): LspPeer {
  const nodeArgs = [...SERVER_NODE_FLAGS, ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  return new LspPeer('criu-portability', process.execPath, [...nodeArgs, resolve(repoRoot, 'dist/server.js'), '--stdio'], OUR_SETTINGS, repoRoot);
}

export interface Latency {
  p50: number;
  p95: number;
  n: number;
  /** How many requests got a non-empty answer (hover/completion handlers may still be stubs). */
  answered: number;
}

export interface LspResult {
  initializeMs: number;
  initializeMaxMs: number;
  openToDiagnostics5000LinesMs: number;
  editToDiagnostics: Latency & { rawP50: number };
  hover: Latency;
  completion: Latency;
  rssIdleMB: number;
  rss200DocsMB: number;
  rssAfterCloseMB: number;
  rssAfterSecondCloseMB: number;
}

type Pos = { line: number; character: number };

/** Positions of `needle` in the text (at its start plus `offset`), at most `max`, spread through the file. */
function positionsOf(text: string, needle: string, offset = 0, max = 10): Pos[] {
  const lines = text.split('\n');
  const all: Pos[] = [];
  lines.forEach((l, line) => {
    const c = l.indexOf(needle);
    if (c !== -1) all.push({ line, character: c + offset });
  });
  const step = Math.max(1, Math.floor(all.length / max));
  return all.filter((_, i) => i % step === 0).slice(0, max);
}

async function latency(peer: LspPeer, method: string, targets: Array<{ uri: string; position: Pos }>, rounds: number): Promise<Latency> {
  const times: number[] = [];
  let answered = 0;
  for (let i = 0; i < 5; i++) await peer.timeRequest(method, { textDocument: { uri: targets[i % targets.length].uri }, position: targets[i % targets.length].position });
  for (let i = 0; i < rounds; i++) {
    const t = targets[i % targets.length];
    const r = await peer.timeRequest(method, { textDocument: { uri: t.uri }, position: t.position });
    times.push(r.ms);
    if (r.answered) answered++;
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length, answered };
}

export async function runLspBench(repoRoot: string, ws: BenchWorkspace): Promise<LspResult> {
  // initialize, measured from spawn over a few fresh servers (the last one stays for the rest).
  const inits: number[] = [];
  let peer!: LspPeer;
  for (let i = 0; i < 5; i++) {
    peer = spawnOurServer(repoRoot);
    inits.push(await peer.initialize(ws.rootUri));
    if (i < 4) await peer.shutdown();
  }
  progress(`ours: initialize ${inits.map((m) => m.toFixed(0)).join(', ')} ms`);
  try {
    await peer.openAndWait(ws.orders.uri, ws.orders.languageId, ws.orders.text);
    await peer.openAndWait(ws.payments.uri, ws.payments.languageId, ws.payments.text);
    const open = await peer.openAndWait(ws.lines5000.uri, 'yaml', ws.lines5000.text);
    progress(`ours: didOpen → diagnostics (5,000 lines) ${open.ms.toFixed(1)} ms, ${open.count} diagnostics`);

    const edits = await editLatency(peer, ws.lines5000);
    progress(`ours: edit → diagnostics - debounce p50 ${edits.p50.toFixed(1)} ms, p95 ${edits.p95.toFixed(1)} ms`);

    const hoverTargets = [
      ...positionsOf(ws.lines5000.text, 'CHECKPOINT_RESTORE', 2, 8).map((position) => ({ uri: ws.lines5000.uri, position })),
      ...positionsOf(ws.lines5000.text, 'cpu-cpuid.AVX', 12, 8).map((position) => ({ uri: ws.lines5000.uri, position })),
      ...positionsOf(ws.lines5000.text, 'JAVA_TOOL_OPTIONS', 3, 8).map((position) => ({ uri: ws.lines5000.uri, position })),
      ...positionsOf(ws.orders.text, 'cascadelake', 3, 1).map((position) => ({ uri: ws.orders.uri, position })),
      ...positionsOf(ws.orders.text, 'onIncompatibleCpu', 3, 1).map((position) => ({ uri: ws.orders.uri, position })),
      ...positionsOf(ws.orders.text, 'microarchitecture: s', 20, 4).map((position) => ({ uri: ws.orders.uri, position })),
    ];
    const completionTargets = [
      ...positionsOf(ws.lines5000.text, 'values: [amd64]', 9, 8).map((position) => ({ uri: ws.lines5000.uri, position })),
      ...positionsOf(ws.lines5000.text, 'add: [CHECKPOINT_RESTORE', 6, 8).map((position) => ({ uri: ws.lines5000.uri, position })),
      ...positionsOf(ws.lines5000.text, '- key: feature.node', 6, 8).map((position) => ({ uri: ws.lines5000.uri, position })),
      ...positionsOf(ws.orders.text, 'microarchitecture: ', 19, 4).map((position) => ({ uri: ws.orders.uri, position })),
      ...positionsOf(ws.orders.text, 'features: [fpu', 11, 1).map((position) => ({ uri: ws.orders.uri, position })),
    ];
    const hover = await latency(peer, 'textDocument/hover', hoverTargets, 60);
    const completion = await latency(peer, 'textDocument/completion', completionTargets, 60);
    progress(`ours: hover p95 ${hover.p95.toFixed(2)} ms (${hover.answered}/${hover.n} answered), completion p95 ${completion.p95.toFixed(2)} ms (${completion.answered}/${completion.n} answered)`);
    await peer.shutdown();

    const memory = await memoryBench(repoRoot, ws);
    return {
      initializeMs: median(inits),
      initializeMaxMs: Math.max(...inits),
      openToDiagnostics5000LinesMs: open.ms,
      editToDiagnostics: edits,
      hover,
      completion,
      ...memory,
    };
  } finally {
    peer.kill();
  }
}

/** ≥30 incremental edits (replica counts through the file), each timed to the diagnostics of its version. */
async function editLatency(peer: LspPeer, file: BenchFile): Promise<Latency & { rawP50: number }> {
  const spots = positionsOf(file.text, 'replicas: ', 10, 1000);
  const raw: number[] = [];
  const warmUp = 3;
  for (let i = 0; i < 40 + warmUp; i++) {
    const at = spots[(i * 7) % spots.length];
    const ms = await peer.changeAndWait(file.uri, { start: at, end: { line: at.line, character: at.character + 1 } }, String(1 + (i % 9)));
    if (i >= warmUp) raw.push(ms);
  }
  const net = raw.map((ms) => ms - OUR_DEBOUNCE_MS);
  return { p50: percentile(net, 50), p95: percentile(net, 95), n: net.length, answered: net.length, rawP50: percentile(raw, 50) };
}

/** 200 open documents of realistic sizes (manifests and Kubernetes files), then closed; twice, to see growth. */
export async function memoryBench(repoRoot: string, ws: BenchWorkspace): Promise<Pick<LspResult, 'rssIdleMB' | 'rss200DocsMB' | 'rssAfterCloseMB' | 'rssAfterSecondCloseMB'>> {
  const peer = spawnOurServer(repoRoot);
  try {
    await peer.initialize(ws.rootUri);
    const docs = Array.from({ length: 200 }, (_, i) => {
      const manifest = i % 4 === 0;
      const name = manifest ? `mem/svc-${i}.criu.yaml` : `mem/deploy-${i}.yaml`;
      const text = manifest ? manifestText(`svc-${i}`, ORDERS_IMAGE, 10 + (i % 50) * 4) : kubeFileOfBytes(10_000 + (i % 25) * 2_000).text;
      return { uri: ws.uriOf(name), text, languageId: manifest ? 'criu-manifest' : 'yaml' };
    });
    const totalMB = docs.reduce((n, d) => n + d.text.length, 0) / 1e6;
    await sleep(300);
    const rssIdleMB = peer.rssMB();
    const cycle = async () => {
      const published = docs.map((d) => peer.diagnostics(d.uri, (p) => p.version === 1));
      for (const d of docs) await peer.open(d.uri, d.languageId, d.text);
      await Promise.all(published);
      const open = await settledRss(peer, 'max');
      const cleared = docs.map((d) => peer.diagnostics(d.uri, (p) => p.count === 0));
      for (const d of docs) await peer.close(d.uri);
      await Promise.all(cleared);
      const closed = await settledRss(peer, 'min');
      return { open, closed };
    };
    const first = await cycle();
    const second = await cycle();
    progress(`ours: RSS idle ${rssIdleMB.toFixed(1)} MB, 200 docs (${totalMB.toFixed(1)} MB of text) ${first.open.toFixed(1)} MB, after close ${first.closed.toFixed(1)} MB, after a second cycle ${second.closed.toFixed(1)} MB`);
    await peer.shutdown();
    return { rssIdleMB, rss200DocsMB: first.open, rssAfterCloseMB: first.closed, rssAfterSecondCloseMB: second.closed };
  } finally {
    peer.kill();
  }
}

/** RSS polled a few times (GC runs when the server idles): the highest while open, the lowest after close. */
async function settledRss(peer: LspPeer, pick: 'max' | 'min'): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 6; i++) {
    await sleep(400);
    samples.push(peer.rssMB());
  }
  return pick === 'max' ? Math.max(...samples) : Math.min(...samples);
}
