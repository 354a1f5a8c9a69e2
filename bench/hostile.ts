// Peak memory of our server on the hostile inputs of issue 15 (test/hostile/cases.ts), started as the extension starts
// it (SERVER_NODE_FLAGS: a 512 MB heap): each file opened, its diagnostics awaited, closed; then the process's peak
// resident set (VmHWM). The budget is 400 MB (peakRssHostile5MBMB).
import { readFileSync } from 'node:fs';
import { hostileCases } from '../test/hostile/cases';
import { OUR_SETTINGS, spawnOurServer } from './lsp';
import type { BenchWorkspace } from './workspace';
import { progress } from './stats';

export interface HostileResult {
  /** Peak RSS of the server over every case, MB. */
  peakRssMB: number;
  cases: { name: string; megabytes: number; ms: number; diagnostics: number }[];
}

/** The cases at the sizes the issue names, within the editor's default 5,120 KB cap (larger ones are skipped unread). */
function cases() {
  const limit = OUR_SETTINGS.criuPortability.maxFileSizeKB * 1024;
  return [...hostileCases(1), ...hostileCases(0.35)].filter((c) => c.text.length <= limit).filter((c, i, all) => all.findIndex((o) => o.name === c.name) === i);
}

export async function runHostileBench(repoRoot: string, ws: BenchWorkspace): Promise<HostileResult> {
  const peer = spawnOurServer(repoRoot);
  const out: HostileResult['cases'] = [];
  try {
    await peer.initialize(ws.rootUri);
    for (const c of cases()) {
      const uri = ws.uriOf(`hostile-${out.length}${c.uri.endsWith('.criu.yaml') ? '.criu.yaml' : '.yaml'}`);
      const opened = await peer.openAndWait(uri, uri.endsWith('.criu.yaml') ? 'criu-manifest' : 'yaml', c.text);
      out.push({ name: c.name, megabytes: c.text.length / 1e6, ms: opened.ms, diagnostics: opened.count });
      progress(`hostile: ${c.name} (${(c.text.length / 1e6).toFixed(1)} MB): ${opened.count} diagnostics in ${opened.ms.toFixed(0)} ms, peak RSS so far ${peakRssMB(peer.pid).toFixed(0)} MB`);
      const cleared = peer.diagnostics(uri, (p) => p.count === 0);
      await peer.close(uri);
      await cleared;
    }
    const peak = peakRssMB(peer.pid);
    await peer.shutdown();
    return { peakRssMB: peak, cases: out };
  } finally {
    peer.kill();
  }
}

/** VmHWM of /proc/<pid>/status: the highest resident set the process has had. */
function peakRssMB(pid: number): number {
  const kb = Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}
