// `npm run bench`: the budgets of docs/benchmarks.md, measured. A benchmark, not a test: it never fails on timing
// (exit 1 only when it cannot measure). `--json` prints one JSON object on stdout (progress goes to stderr);
// `--only engine,lint,inspect,lsp,responsive,side,hostile` runs some sections; `--no-build` skips `node esbuild.mjs`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { killAllPeers } from './lspClient';
import { runEngineBench } from './engine';
import { runInspectBench } from './inspect';
import { runLintRepoBench } from './lintRepo';
import { runHostileBench } from './hostile';
import { runLspBench } from './lsp';
import { runResponsiveness } from './responsiveness';
import { runSideBySide } from './sideBySide';
import { createBenchWorkspace } from './workspace';
import { summary, table, type BenchResults, type Sizes } from './report';
import { progress } from './stats';

const repoRoot = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? new Set((onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',')) : undefined;
const wants = (section: string) => !only || only.has(section);

function build(): void {
  progress('building (node esbuild.mjs)');
  // Build output goes to stderr: with --json, stdout carries only the result.
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`build failed (exit ${r.status})`);
}

/** Packages the extension into a temp folder (vsce, offline, about 2 s) to weigh it; null when vsce fails. */
function packageVsix(): string | null {
  const out = join(mkdtempSync(join(tmpdir(), 'criu-bench-vsix-')), 'criu-portability.vsix');
  const vsce = join(repoRoot, 'node_modules/@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', out], { cwd: repoRoot, stdio: ['ignore', 2, 2] });
  return r.status === 0 && existsSync(out) ? out : null;
}

function sizes(): Sizes {
  const server = join(repoRoot, 'dist/server.js');
  progress('packaging the .vsix to weigh it');
  const vsix = packageVsix();
  return {
    serverBundleBytes: existsSync(server) ? statSync(server).size : null,
    vsixBytes: vsix ? statSync(vsix).size : null,
    vsixFile: vsix ? 'criu-portability.vsix' : null,
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`;
  // Other work on the machine inflates every wall-clock figure: say how busy it was.
  progress(`machine: ${machine}; load average at start: ${load()}`);
  if (!args.includes('--no-build') && (wants('lsp') || wants('side') || wants('lint') || wants('inspect') || wants('responsive') || wants('hostile'))) build();
  const results: BenchResults = { sizes: sizes() };
  if (wants('engine')) results.engine = runEngineBench();
  if (wants('lint')) results.lintRepo = runLintRepoBench(repoRoot);
  if (wants('inspect')) results.inspect = await runInspectBench(repoRoot);
  if (wants('lsp') || wants('side') || wants('responsive') || wants('hostile')) {
    const ws = createBenchWorkspace();
    try {
      if (wants('lsp')) results.lsp = await runLspBench(repoRoot, ws);
      if (wants('responsive')) results.responsiveness = await runResponsiveness(repoRoot, ws);
      if (wants('side')) results.sideBySide = await runSideBySide(repoRoot, ws);
      if (wants('hostile')) results.hostile = await runHostileBench(repoRoot, ws);
    } finally {
      ws.dispose();
    }
  }
  const endLoad = load();
  progress(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; load average at end: ${endLoad}`);
  if (json) process.stdout.write(JSON.stringify(summary(results)) + '\n');
  else process.stdout.write(`\nMachine: ${machine}; load average at end ${endLoad}\n\n` + table(results));
}

process.on('exit', killAllPeers);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllPeers();
    process.exit(130);
  });
}

main().catch((err: unknown) => {
  killAllPeers();
  process.stderr.write(`[bench] failed: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
