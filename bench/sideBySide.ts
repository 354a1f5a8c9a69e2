// Side by side with yaml-language-server (the server of the Red Hat YAML extension) on the same files in the
// same run: time from didOpen to published diagnostics. yaml-language-server validates 200 ms after the last
// change, didOpen included (validationHandlers.js, validationDelayMs = 200); ours validates an opened document
// at once. The headline ratio therefore subtracts their fixed 200 ms, comparing work with work; the raw
// ratio (what a user waits) is reported too.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspPeer } from './lspClient';
import { spawnOurServer } from './lsp';
import type { BenchFile, BenchWorkspace } from './workspace';
import { geometricMean, median, progress } from './stats';

export const YLS_VALIDATION_DELAY_MS = 200;

export interface SideBySideRow {
  file: string;
  bytes: number;
  oursMs: number;
  theirsMs: number;
  theirsMinusDebounceMs: number;
  oursDiagnostics: number;
  theirsDiagnostics: number;
}

export interface SideBySideResult {
  rows: SideBySideRow[];
  /** Geometric mean over files of ours ÷ (theirs − their 200 ms debounce). */
  ratio: number;
  /** Geometric mean over files of ours ÷ theirs as measured. */
  rawRatio: number;
}

function yamlLanguageServerSettings(repoRoot: string): Record<string, unknown> {
  const schema = pathToFileURL(resolve(repoRoot, 'schemas/criu-manifest.schema.json')).href;
  return {
    yaml: {
      validate: true,
      hover: true,
      completion: true,
      schemaStore: { enable: false },
      kubernetesCRDStore: { enable: false },
      schemas: { [schema]: ['*.criu.yaml', '*.criu.yml'] },
    },
    http: { proxy: '', proxyStrictSSL: true },
  };
}

export async function runSideBySide(repoRoot: string, ws: BenchWorkspace, reps = 5): Promise<SideBySideResult> {
  const ours = spawnOurServer(repoRoot);
  const theirs = new LspPeer(
    'yaml-language-server',
    process.execPath,
    [resolve(repoRoot, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
    yamlLanguageServerSettings(repoRoot),
    repoRoot,
  );
  try {
    await ours.initialize(ws.rootUri);
    await theirs.initialize(ws.rootUri);
    const files: BenchFile[] = [ws.orders, ws.fleet1000, ws.lines5000, ws.kube100KB, ws.kube1MB];
    const times = new Map<string, { ours: number[]; theirs: number[]; oursCount: number; theirsCount: number }>();
    // One warm-up round (schema compile, JIT), then `reps` rounds; each open uses a fresh uri so that no
    // server answers from a cache keyed by uri.
    for (let rep = -1; rep < reps; rep++) {
      for (const f of files) {
        const uri = ws.uriOf(`sbs-${rep + 1}/${f.name}`);
        const a = await ours.openAndWait(uri, f.languageId, f.text);
        const b = await theirs.openAndWait(uri, 'yaml', f.text);
        await ours.close(uri);
        await theirs.close(uri);
        if (rep < 0) continue;
        const t = times.get(f.name) ?? { ours: [], theirs: [], oursCount: a.count, theirsCount: b.count };
        t.ours.push(a.ms);
        t.theirs.push(b.ms);
        times.set(f.name, t);
      }
    }
    const rows: SideBySideRow[] = files.map((f) => {
      const t = times.get(f.name)!;
      const theirsMs = median(t.theirs);
      return {
        file: f.name,
        bytes: Buffer.byteLength(f.text),
        oursMs: median(t.ours),
        theirsMs,
        theirsMinusDebounceMs: Math.max(0.1, theirsMs - YLS_VALIDATION_DELAY_MS),
        oursDiagnostics: t.oursCount,
        theirsDiagnostics: t.theirsCount,
      };
    });
    for (const r of rows) progress(`side by side ${r.file}: ours ${r.oursMs.toFixed(1)} ms, yaml-language-server ${r.theirsMs.toFixed(1)} ms (${(r.theirsMinusDebounceMs).toFixed(1)} ms without its debounce)`);
    await ours.shutdown();
    await theirs.shutdown();
    return {
      rows,
      ratio: geometricMean(rows.map((r) => r.oursMs / r.theirsMinusDebounceMs)),
      rawRatio: geometricMean(rows.map((r) => r.oursMs / r.theirsMs)),
    };
  } finally {
    ours.kill();
    theirs.kill();
  }
}
