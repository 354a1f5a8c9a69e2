// `lint` over a generated 10,000-file repository, as a CI job runs it (dist/cli.js, JSON to a file), against the
// bare `yaml` parse of the same files (bench/parseRepo.mjs), both child processes of this run: wall time ratio
// and the lint's peak RSS (budgets: x1.5, 250 MB). Files hold 1-3 documents of the engine bench's mix (restore
// workloads linked to two manifests, so findings grow with files) and every 50th is a broken template.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestText, nthDocument, ORDERS_IMAGE, ORDERS_MANIFEST, PAYMENTS_MANIFEST } from './generate';
import { median, progress } from './stats';

export const LINT_REPO_FILES = 10_000;

export interface LintRepoResult {
  files: number;
  documents: number;
  findings: number;
  lintMs: number;
  parseMs: number;
  ratio: number;
  lintRssMB: number;
  parseRssMB: number;
}

const BROKEN = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-config
data:
  {{- range $k, $v := .Values.config }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
`;

export function generateRepo(dir: string): void {
  writeFileSync(join(dir, ORDERS_MANIFEST), manifestText('orders-service', ORDERS_IMAGE, 4));
  writeFileSync(join(dir, PAYMENTS_MANIFEST), manifestText('payments-service', 'registry.example.com/shop/payments', 4));
  let n = 0;
  for (let i = 0; i < LINT_REPO_FILES - 2; i++) {
    const sub = join(dir, `team-${i % 40}`, `service-${i % 250}`);
    mkdirSync(sub, { recursive: true });
    let text = '';
    if (i % 50 === 49) text = BROKEN;
    else for (let d = 0; d < 1 + (i % 3); d++) text += (d ? '---\n' : '') + nthDocument(n++).text;
    writeFileSync(join(sub, `file-${i}.yaml`), text);
  }
}

function timed(args: string[], cwd: string): { ms: number; rssMB: number; stdout: string } {
  const rssFile = join(tmpdir(), `criu-bench-rss-${process.pid}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-r', join(import.meta.dirname, 'maxrss.cjs'), ...args], {
    cwd,
    env: { ...process.env, BENCH_MAXRSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const rssMB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  rmSync(rssFile, { force: true });
  return { ms, rssMB, stdout: r.stdout };
}

export function runLintRepoBench(repoRoot: string, runs = 3): LintRepoResult {
  const dir = mkdtempSync(join(tmpdir(), 'criu-bench-repo-'));
  try {
    progress(`generating a ${LINT_REPO_FILES}-file repository`);
    generateRepo(dir);
    const cli = join(repoRoot, 'dist', 'cli.js');
    const report = join(dir, '..', `${dir.split('/').pop()}-report.json`);
    const lint = () => timed([cli, 'lint', '-f', 'json', '-o', report, '.'], dir);
    const parse = () => timed([join(repoRoot, 'bench', 'parseRepo.mjs'), '.'], dir);
    // Warm the page cache once for both, then alternate so machine load hits both alike.
    parse();
    lint();
    const lints: ReturnType<typeof lint>[] = [];
    const parses: ReturnType<typeof parse>[] = [];
    for (let i = 0; i < runs; i++) {
      progress(`lint vs parse of ${LINT_REPO_FILES} files, run ${i + 1}/${runs}`);
      parses.push(parse());
      lints.push(lint());
    }
    const findings = (JSON.parse(readFileSync(report, 'utf8')) as { files: { diagnostics: unknown[] }[] }).files.reduce((s, f) => s + f.diagnostics.length, 0);
    rmSync(report, { force: true });
    const lintMs = median(lints.map((l) => l.ms));
    const parseMs = median(parses.map((p) => p.ms));
    return {
      files: LINT_REPO_FILES,
      documents: Number(parses[0].stdout.trim()),
      findings,
      lintMs,
      parseMs,
      ratio: lintMs / parseMs,
      lintRssMB: Math.max(...lints.map((l) => l.rssMB)),
      parseRssMB: Math.max(...parses.map((p) => p.rssMB)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
