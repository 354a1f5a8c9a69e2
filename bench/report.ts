// Figures beside their budgets (docs/benchmarks.md#budgets): a readable table, and the one JSON object `--json` prints.
import type { EngineResult } from './engine';
import type { InspectBenchResult } from './inspect';
import type { LintRepoResult } from './lintRepo';
import type { LspResult } from './lsp';
import type { ResponsivenessResult } from './responsiveness';
import type { HostileResult } from './hostile';
import type { SideBySideResult } from './sideBySide';
import { round } from './stats';

export interface Sizes {
  serverBundleBytes: number | null;
  vsixBytes: number | null;
  vsixFile: string | null;
}

export interface BenchResults {
  engine?: EngineResult[];
  lintRepo?: LintRepoResult;
  lsp?: LspResult;
  responsiveness?: ResponsivenessResult;
  sideBySide?: SideBySideResult;
  inspect?: InspectBenchResult;
  hostile?: HostileResult;
  sizes: Sizes;
}

/** The `--json` object: exactly these keys; a figure not measured in this run is null. */
export function summary(r: BenchResults) {
  const engine = (label: string) => r.engine?.find((e) => e.label === label)?.ratio ?? null;
  const n = (v: number | undefined, digits = 2) => (v === undefined ? null : round(v, digits));
  return {
    engineVsParseRatio1MB: n(engine('k8s 1 MB') ?? undefined, 3),
    engineVsParseRatio5MB: n(engine('k8s 5 MB') ?? undefined, 3),
    // Issue 14: `lint` of a generated 10,000-file repository, as CI runs it.
    lint10kFilesRssMB: n(r.lintRepo?.lintRssMB, 1),
    lint10kFilesVsParseRatio: n(r.lintRepo?.ratio, 3),
    initializeMs: n(r.lsp?.initializeMs, 1),
    editToDiagnosticsP95Ms: n(r.lsp?.editToDiagnostics.p95),
    hoverP95Ms: n(r.lsp?.hover.p95),
    completionP95Ms: n(r.lsp?.completion.p95),
    // Issue 15: requests while a 5 MB file validates (off the main thread); 300 documents opened at once.
    requestP95WhileValidating5MBMs: n(r.responsiveness?.requestP95WhileValidating5MBMs),
    open300MixedDocsMs: n(r.responsiveness?.open300MixedDocsMs, 0),
    rss200DocsMB: n(r.lsp?.rss200DocsMB, 1),
    rssAfterCloseMB: n(r.lsp?.rssAfterCloseMB, 1),
    // Issue 15: peak RSS of the server (the extension's heap flags) on the hostile files of test/hostile.
    peakRssHostile5MBMB: n(r.hostile?.peakRssMB, 1),
    serverBundleBytes: r.sizes.serverBundleBytes,
    vsixBytes: r.sizes.vsixBytes,
    // Issue 8: time from didOpen to published diagnostics, ours ÷ theirs, as a user waits it.
    vsYamlLanguageServerRatio: n(r.sideBySide?.rawRatio, 3),
    vsYamlLanguageServerRatioWithoutTheirDebounce: n(r.sideBySide?.ratio, 3),
    // Issue 13: `inspect` streaming a 500 MB docker-archive, and the CLI's peak RSS meanwhile.
    inspectArchiveMBps: n(r.inspect?.inspectArchiveMBps, 1),
    inspectArchivePeakRssMB: n(r.inspect?.inspectArchivePeakRssMB, 1),
    inspectGzipArchiveMBps: n(r.inspect?.gzip.mbps, 1),
    inspectGzipArchivePeakRssMB: n(r.inspect?.gzip.peakRssMB, 1),
  };
}

type Row = [figure: string, value: string, budget: string, holds: string];

const verdict = (ok: boolean | undefined): string => (ok === undefined ? '' : ok ? 'yes' : 'NO');
const ms = (v: number) => `${v.toFixed(1)} ms`;

export function table(r: BenchResults): string {
  const out: string[] = [];
  if (r.engine) {
    out.push('Engine vs parse (in process; full validation = analyze + validate with the linked manifests)');
    out.push(
      grid(
        ['input', 'size', 'docs', 'workloads/targets', 'findings', 'parse', 'validate', 'ratio', 'parse ms/MB', 'validate ms/MB', 'budget', 'holds'],
        r.engine.map((e) => [
          e.label,
          `${(e.bytes / 1e6).toFixed(2)} MB`,
          String(e.documents),
          String(e.items),
          String(e.findings),
          ms(e.parseMs),
          ms(e.validateMs),
          `x${e.ratio.toFixed(2)}`,
          e.parseMsPerMB.toFixed(0),
          e.validateMsPerMB.toFixed(0),
          '<= x1.5',
          verdict(e.ratio <= 1.5),
        ]),
      ),
    );
    out.push('');
  }
  const rows: Row[] = [];
  if (r.lintRepo) {
    const l = r.lintRepo;
    const what = `${l.files.toLocaleString('en')} files, ${l.documents.toLocaleString('en')} documents, ${l.findings.toLocaleString('en')} findings`;
    rows.push([`lint ${what}: time vs bare yaml parse`, `x${l.ratio.toFixed(2)} (${(l.lintMs / 1000).toFixed(1)} s vs ${(l.parseMs / 1000).toFixed(1)} s)`, '<= x1.5', verdict(l.ratio <= 1.5)]);
    rows.push(['lint of the same: peak RSS', `${l.lintRssMB.toFixed(1)} MB (parse alone ${l.parseRssMB.toFixed(1)} MB)`, '<= 250 MB', verdict(l.lintRssMB <= 250)]);
  }
  if (r.lsp) {
    const l = r.lsp;
    rows.push(['initialize from spawn (median of 5)', `${ms(l.initializeMs)} (max ${ms(l.initializeMaxMs)})`, '<= 300 ms', verdict(l.initializeMs <= 300)]);
    rows.push(['didOpen -> diagnostics, 5,000-line file', ms(l.openToDiagnostics5000LinesMs), '', '']);
    rows.push([`edit -> diagnostics minus ${120} ms debounce, p50`, ms(l.editToDiagnostics.p50), '', '']);
    rows.push([`edit -> diagnostics minus debounce, p95 (n=${l.editToDiagnostics.n})`, ms(l.editToDiagnostics.p95), '<= 25 ms', verdict(l.editToDiagnostics.p95 <= 25)]);
    rows.push([`hover p50 / p95 (${l.hover.answered}/${l.hover.n} answered)`, `${l.hover.p50.toFixed(2)} / ${l.hover.p95.toFixed(2)} ms`, 'p95 <= 10 ms', verdict(l.hover.p95 <= 10)]);
    rows.push([`completion p50 / p95 (${l.completion.answered}/${l.completion.n} answered)`, `${l.completion.p50.toFixed(2)} / ${l.completion.p95.toFixed(2)} ms`, 'p95 <= 10 ms', verdict(l.completion.p95 <= 10)]);
    rows.push(['RSS idle', `${l.rssIdleMB.toFixed(1)} MB`, '', '']);
    rows.push(['RSS with 200 open documents', `${l.rss200DocsMB.toFixed(1)} MB`, '< 150 MB', verdict(l.rss200DocsMB < 150)]);
    rows.push(['RSS after closing them', `${l.rssAfterCloseMB.toFixed(1)} MB`, 'no growth (+5%)', verdict(l.rssAfterCloseMB <= l.rss200DocsMB * 1.05)]);
    rows.push(['RSS after a second open/close cycle', `${l.rssAfterSecondCloseMB.toFixed(1)} MB`, 'no growth (+10%)', verdict(l.rssAfterSecondCloseMB <= l.rssAfterCloseMB * 1.1)]);
  }
  if (r.responsiveness) {
    const x = r.responsiveness;
    rows.push([`hover/completion/code actions while a 5 MB file validates (${(x.validate5MBMs / 1000).toFixed(1)} s), p95 (n=${x.requestsWhileValidating}, max ${x.requestMaxWhileValidating5MBMs.toFixed(0)} ms)`, ms(x.requestP95WhileValidating5MBMs), '<= 50 ms', verdict(x.requestP95WhileValidating5MBMs <= 50)]);
    rows.push(['300 documents opened at once (150 manifests, 150 Kubernetes files) -> all diagnostics', `${(x.open300MixedDocsMs / 1000).toFixed(2)} s`, '', '']);
  }
  if (r.hostile) {
    const h = r.hostile;
    for (const c of h.cases) rows.push([`hostile: ${c.name} (${c.megabytes.toFixed(1)} MB): didOpen -> diagnostics`, `${ms(c.ms)} (${c.diagnostics} diagnostics)`, '', '']);
    rows.push(['server peak RSS over the hostile files (VmHWM)', `${h.peakRssMB.toFixed(1)} MB`, '<= 400 MB', verdict(h.peakRssMB <= 400)]);
  }
  if (r.sideBySide) {
    rows.push(['vs yaml-language-server, didOpen -> diagnostics, ours / theirs', `x${r.sideBySide.rawRatio.toFixed(3)}`, '< 1 = we are faster', verdict(r.sideBySide.rawRatio < 1)]);
    rows.push(['  the same without their fixed 200 ms debounce (work vs work)', `x${r.sideBySide.ratio.toFixed(3)}`, '', '']);
  }
  const { serverBundleBytes: b, vsixBytes: v } = r.sizes;
  rows.push(['dist/server.js (minified)', b === null ? 'missing' : `${b} B (${(b / 1024).toFixed(0)} KiB)`, '< 600 KB', b === null ? '' : verdict(b < 600_000)]);
  rows.push([`.vsix${r.sizes.vsixFile ? ` (${r.sizes.vsixFile})` : ''}`, v === null ? 'none packaged' : `${v} B (${(v / 1e6).toFixed(2)} MB)`, '< 1.5 MB', v === null ? '' : verdict(v < 1_500_000)]);
  if (r.inspect) {
    const i = r.inspect;
    rows.push([`inspect: ${i.archiveMB.toFixed(0)} MB docker-archive streamed`, `${i.inspectArchiveMBps.toFixed(1)} MB/s (${i.seconds.toFixed(1)} s)`, '', '']);
    rows.push(['inspect: CLI peak RSS meanwhile', `${i.inspectArchivePeakRssMB.toFixed(1)} MB`, 'flat (< 150 MB)', verdict(i.inspectArchivePeakRssMB < 150)]);
    rows.push([`inspect: the same, gzip layer (${i.gzip.archiveMB.toFixed(0)} MB)`, `${i.gzip.mbps.toFixed(1)} MB/s (${i.gzip.seconds.toFixed(1)} s)`, '', '']);
    rows.push(['inspect: CLI peak RSS meanwhile (gzip)', `${i.gzip.peakRssMB.toFixed(1)} MB`, 'flat (< 150 MB)', verdict(i.gzip.peakRssMB < 150)]);
  }
  out.push('Budgets (docs/benchmarks.md#budgets)');
  out.push(grid(['figure', 'value', 'budget', 'holds'], rows));
  if (r.sideBySide) {
    out.push('');
    out.push('Side by side: didOpen -> published diagnostics (median), same run');
    out.push(
      grid(
        ['file', 'size', 'ours', 'yaml-language-server', 'theirs - 200 ms', 'ratio', 'diagnostics ours/theirs'],
        r.sideBySide.rows.map((s) => [
          s.file,
          `${(s.bytes / 1e3).toFixed(0)} KB`,
          ms(s.oursMs),
          ms(s.theirsMs),
          ms(s.theirsMinusDebounceMs),
          `x${(s.oursMs / s.theirsMinusDebounceMs).toFixed(3)}`,
          `${s.oursDiagnostics}/${s.theirsDiagnostics}`,
        ]),
      ),
    );
  }
  return out.join('\n') + '\n';
}

function grid(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
