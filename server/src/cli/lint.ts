// `criu-portability lint`: read files (the CLI does the I/O, the engine stays pure), build the workspace
// view from every manifest seen, validate, print in the chosen format, exit 0/1/2 (ARCHITECTURE.md#contracts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, DEFAULT_MAX_CHARS, skippedFinding, validate, validateText, withSeverity, type Finding, type SeveritySetting, type WorkspaceView } from '../engine';
import { isManifestUri, MANIFEST_API_VERSION } from '../engine/manifest/model';
import { mergeSeverities } from '../engine/config/index';
import { allRuleMetas } from '../engine/rules/index';
import { closestNames } from '../engine/rules/describe';
import type { WorkspaceManifest } from '../engine/workspace';
import { useColor } from './color';
import { loadConfig } from './config';
import { repositoryUrl } from './docs';
import { ChartFinder, findHelm, HELM_TIMEOUT_MS, renderChart, unrenderedNote } from './charts';
import { githubWriter } from './formats/github';
import { jsonWriter } from './formats/json';
import { sarifWriter } from './formats/sarif';
import { textWriter } from './formats/text';
import type { FormatWriter } from './formats/writer';
import { helmSections, splitRendered } from './helm';
import { KUSTOMIZATION, kustomizePatches } from './kustomize';
import { Progress } from './progress';
import { addTotals, emptyTotals, summaryLine, type FileResult, type Totals } from './results';
import { EXIT_FINDINGS, EXIT_OK, parseOptions, UsageError } from './usage';
import { collectFiles } from './walk';
import { ioCode, MAX_LINT_INPUT_BYTES, readRegularFile, readRegularFileAsync, readStdin, type ReadResult } from './readInput';

export { type FileResult } from './results';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];
const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

export const LINT_USAGE = `Usage: criu-portability lint [options] PATHS...|-

Checks checkpoint manifests (*.criu.yaml) and Kubernetes YAML. Directories are walked for .yaml/.yml
files, honouring .gitignore and the config's ignore patterns; '-' reads standard input. Results are
written as each file is checked.

Options:
  -f, --format text|json|sarif|github   Output format (default text)
  -o, --output-file FILE                Write the report to FILE instead of standard output
      --max-warnings N                  Exit 1 when there are more than N warnings
  -q, --quiet                           Report errors only
      --report-unused                   Report suppression comments that suppress nothing (warning)
  -c, --config FILE                     Config file (default: .criu-portability.yaml found upward)
      --rule ID=SEVERITY                Set a rule's severity (error|warning|info|hint|off); repeatable;
                                        overrides the config file
      --stdin-filename NAME             Name standard input in reports (and decides its kind: *.criu.yaml)
      --manifests PATH                  Index manifests under PATH for linking, without reporting them;
                                        repeatable (useful with helm template | criu-portability lint -)
      --helm PATH                       The helm binary that renders charts (default: helm on PATH)
      --values FILE                     A values file for every chart rendered; repeatable, in order
      --helm-timeout SECONDS            How long one helm template may run (default 60)

Helm charts (folders with a Chart.yaml) are linted as a whole: rendered with 'helm template' when helm is
available, findings reported per template as '<template> (rendered)'; without helm, one note per chart
says how to lint its rendered output. Kustomize overlays: kubectl kustomize DIR | criu-portability lint -

Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings), 2 usage or internal error.
`;

interface LintOptions {
  format: Format;
  outputFile?: string;
  maxWarnings?: number;
  quiet: boolean;
  reportUnused: boolean;
  config?: string;
  rules: Record<string, SeveritySetting>;
  stdinFilename?: string;
  manifestPaths: string[];
  helm?: string;
  helmTimeoutMs: number;
  values: string[];
  paths: string[];
}

interface Input {
  display: string;
  uri: string;
  text: string;
}

export function parseLintArgs(args: string[]): LintOptions | 'help' {
  const parsed = parseOptions({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      'output-file': { type: 'string', short: 'o' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      'report-unused': { type: 'boolean', default: false },
      config: { type: 'string', short: 'c' },
      rule: { type: 'string', multiple: true, default: [] },
      'stdin-filename': { type: 'string' },
      manifests: { type: 'string', multiple: true, default: [] },
      helm: { type: 'string' },
      'helm-timeout': { type: 'string', default: String(HELM_TIMEOUT_MS / 1000) },
      values: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const v = parsed.values;
  if (v.help) return 'help';
  const format = v.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${v.format}' (${FORMATS.join(', ')})`);
  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    maxWarnings = Number(v['max-warnings']);
    if (!/^\d+$/.test(v['max-warnings']) || !Number.isSafeInteger(maxWarnings)) {
      throw new UsageError(`--max-warnings needs a whole number >= 0, not '${v['max-warnings']}'`);
    }
  }
  const helmTimeout = Number(v['helm-timeout']);
  if (!(helmTimeout > 0) || !Number.isFinite(helmTimeout)) throw new UsageError(`--helm-timeout needs a number of seconds > 0, not '${v['helm-timeout']}'`);
  if (parsed.positionals.length === 0) throw new UsageError('no paths given (use - to read standard input)');
  return {
    format,
    outputFile: v['output-file'],
    maxWarnings,
    quiet: v.quiet === true,
    reportUnused: v['report-unused'] === true,
    config: v.config,
    rules: parseRuleFlags(v.rule ?? []),
    stdinFilename: v['stdin-filename'],
    manifestPaths: v.manifests ?? [],
    helm: v.helm,
    helmTimeoutMs: helmTimeout * 1000,
    values: v.values ?? [],
    paths: parsed.positionals,
  };
}

function parseRuleFlags(flags: readonly string[]): Record<string, SeveritySetting> {
  const known = allRuleMetas().map((m) => m.id);
  const out: Record<string, SeveritySetting> = {};
  for (const flag of flags) {
    const m = /^([^=:]+)[=:](.+)$/.exec(flag.trim());
    if (!m) throw new UsageError(`--rule needs ID=SEVERITY, not '${flag}'`);
    const [, id, severity] = m;
    if (!known.includes(id)) {
      const near = closestNames(id, known);
      throw new UsageError(`--rule: unknown rule id '${id}'${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`);
    }
    if (!SEVERITIES.includes(severity)) throw new UsageError(`--rule ${id}: severity must be one of ${SEVERITIES.join(', ')}, not '${severity}'`);
    out[id] = severity as SeveritySetting;
  }
  return out;
}

/** Files read ahead of the one being linted: reads overlap the parsing, memory holds a few texts at most. */
const READ_AHEAD = 8;

export async function runLint(args: string[], cwd = process.cwd()): Promise<number> {
  const options = parseLintArgs(args);
  if (options === 'help') {
    process.stdout.write(LINT_USAGE);
    return EXIT_OK;
  }
  const loaded = loadConfig(options.config, cwd);
  const progress = new Progress();

  for (const p of [...options.paths, ...options.manifestPaths, ...options.values]) {
    if (p !== '-' && !fs.existsSync(p)) throw new UsageError(`no such file or directory: ${p}`);
  }
  if (options.paths.filter((p) => p === '-').length > 1) throw new UsageError("'-' (standard input) given more than once");
  const helm = findHelm(options.helm);

  const walkOptions = {
    configIgnore: { base: loaded.base, patterns: loaded.config.ignore },
    onProgress: (found: number) => progress.update('Finding', found),
    onSkip: (file: string, why: string) => process.stderr.write(`criu-portability lint: skipped ${displayPath(file, cwd)}: ${why}\n`),
  };
  const units = lintUnits(collectFiles(options.paths.filter((p) => p !== '-'), walkOptions), cwd);
  const stdin = options.paths.includes('-') ? await stdinInput(options.stdinFilename, cwd) : undefined;
  const workspace = workspaceOf(units, stdin, options.manifestPaths.length ? collectFiles(options.manifestPaths, walkOptions) : [], cwd);
  const severities = mergeSeverities(loaded.config.rules, options.reportUnused ? { 'unused-suppression': 'warning' } : undefined, options.rules);
  const lintText = (input: Input, chartDir?: string): FileResult[] => {
    const analysis = input.text.length > DEFAULT_MAX_CHARS ? undefined : analyze(input.uri, input.text);
    let findings: Finding[] = analysis ? validate(analysis, { severities, workspace }) : validateText(input.uri, input.text, { severities, workspace });
    if (options.quiet) findings = findings.filter((f) => f.severity === 'error');
    return splitHelm(input, findings, chartDir);
  };

  const out = openOutput(options.outputFile, progress);
  const writer = formatWriter(options.format, out.write, cwd);
  const totals = emptyTotals();
  const emit = (results: FileResult[]) => {
    for (const r of results) {
      addTotals(totals, r);
      writer.file(r);
    }
  };
  try {
    if (stdin) emit(lintText(stdin));
    const reads = new Map<number, Promise<ReadResult | Error>>();
    const readAhead = (from: number) => {
      for (let j = from; j < units.length && j < from + READ_AHEAD; j++) {
        const u = units[j];
        if (u.kind === 'file' && !reads.has(j)) reads.set(j, readRegularFileAsync(u.file, MAX_LINT_INPUT_BYTES).catch((e: Error) => e));
      }
    };
    for (let i = 0; i < units.length; i++) {
      progress.update('Linting', i + 1, units.length);
      readAhead(i);
      const u = units[i];
      if (u.kind === 'chart') {
        emit(await lintChart(u, helm, options, lintText, totals, cwd));
        continue;
      }
      const read = await reads.get(i)!;
      reads.delete(i);
      if (read instanceof Error) throw read instanceof UsageError ? read : new UsageError(`cannot read ${u.file}: ${ioCode(read)}`);
      if (read.tooLarge !== undefined) emit([{ path: u.display, findings: tooLargeFindings(read.tooLarge, severities) }]);
      else emit(lintText(makeInput(u.display, path.resolve(cwd, u.file), read.text)));
    }
  } finally {
    progress.clear();
  }
  writer.end(totals);
  out.close();

  if (options.format !== 'text' || options.outputFile) process.stderr.write(`${summaryLine(totals)}\n`);
  if (totals.errors > 0) return EXIT_FINDINGS;
  if (options.maxWarnings !== undefined && totals.warnings > options.maxWarnings) {
    process.stderr.write(`criu-portability: too many warnings (${totals.warnings}); the maximum allowed is ${options.maxWarnings}.\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

type Unit = { kind: 'file'; file: string; display: string } | { kind: 'chart'; dir: string; display: string };

/**
 * Files to lint one by one, and charts (each in place of its first file), never their files one by one;
 * kustomization files and the patches they name are left out (kustomize.ts).
 */
function lintUnits(files: readonly string[], cwd: string): Unit[] {
  const charts = new ChartFinder();
  const seen = new Set<string>();
  const units: Unit[] = [];
  const kustomizations = files.filter((f) => KUSTOMIZATION.test(path.basename(f)));
  const patches = kustomizePatches(kustomizations.map((f) => path.resolve(cwd, f)));
  for (const file of files) {
    const absolute = path.resolve(cwd, file);
    const chart = charts.chartOf(absolute);
    if (!chart) {
      if (patches.has(absolute) || KUSTOMIZATION.test(path.basename(file))) continue; // kustomize's inputs, not objects
      units.push({ kind: 'file', file, display: displayPath(file, cwd) });
    } else if (!seen.has(chart)) {
      seen.add(chart);
      units.push({ kind: 'chart', dir: chart, display: displayPath(chart, cwd) });
    }
  }
  return units;
}

async function lintChart(
  chart: Extract<Unit, { kind: 'chart' }>,
  helm: string | undefined,
  options: Pick<LintOptions, 'values' | 'helmTimeoutMs'>,
  lintText: (input: Input, chartDir?: string) => FileResult[],
  totals: Totals,
  cwd: string,
): Promise<FileResult[]> {
  if (!helm) {
    process.stderr.write(`${unrenderedNote(chart.display)}\n`);
    totals.chartsNotLinted = (totals.chartsNotLinted ?? 0) + 1;
    return [];
  }
  const rendered = await renderChart(helm, chart.dir, options.values.map((v) => path.resolve(cwd, v)), options.helmTimeoutMs);
  if (!rendered.ok) {
    process.stderr.write(`criu-portability: ${chart.display}: not linted: ${rendered.reason}\n`);
    totals.chartsNotLinted = (totals.chartsNotLinted ?? 0) + 1;
    return [];
  }
  const display = `${chart.display} (rendered)`;
  return lintText(makeInput(display, path.join(chart.dir, 'rendered.yaml'), rendered.text), chart.display);
}

function formatWriter(format: Format, write: (s: string) => void, cwd: string): FormatWriter {
  switch (format) {
    case 'json':
      return jsonWriter(write);
    case 'sarif':
      return sarifWriter(write, repositoryUrl(), cwd);
    case 'github':
      return githubWriter(write);
    case 'text':
      return textWriter(write, useColor(process.stdout));
  }
}

/**
 * Standard output, or the --output-file; written synchronously, so nothing queues up in memory. On a terminal
 * the progress line (stderr) is cleared before each block, so results never print into it.
 */
function openOutput(file: string | undefined, progress: Progress): { write: (s: string) => void; close: () => void } {
  if (!file) {
    return {
      write: (s) => {
        progress.clear();
        process.stdout.write(s);
      },
      close: () => {},
    };
  }
  let fd: number;
  try {
    fd = fs.openSync(file, 'w');
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { write: (s) => void fs.writeSync(fd, s), close: () => fs.closeSync(fd) };
}

function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(cwd, file);
}

/** A file too large to read at all gets the file-skipped finding (never read, so its length in bytes). */
function tooLargeFindings(bytes: number, severities: Parameters<typeof withSeverity>[1]): Finding[] {
  return withSeverity({ ...skippedFinding(bytes, DEFAULT_MAX_CHARS), message: `Not validated: this file has ${bytes} bytes, more than the ${MAX_LINT_INPUT_BYTES} the CLI reads.` }, severities);
}

function makeInput(display: string, absolute: string, text: string): Input {
  return { display, uri: pathToFileURL(absolute).href, text };
}

/** A file read for its manifests (one too large to read holds none that could be linked). */
function fileInput(file: string, cwd: string): Input {
  const { text } = readRegularFile(file, 'file', MAX_LINT_INPUT_BYTES, 'report');
  return makeInput(displayPath(file, cwd), path.resolve(cwd, file), text);
}

async function stdinInput(name: string | undefined, cwd: string): Promise<Input> {
  const text = readStdin(MAX_LINT_INPUT_BYTES);
  return makeInput(name ? displayPath(name, cwd) : '<stdin>', path.resolve(cwd, name ?? 'stdin.yaml'), text);
}

/**
 * Every manifest among the linted files, standard input and --manifests, found before anything is linted (a
 * workload links to manifests in other files). Only files that can hold one are parsed here (a *.criu.yaml, or
 * text naming the manifest apiVersion), and only their manifests are kept.
 */
function workspaceOf(units: readonly Unit[], stdin: Input | undefined, extraFiles: readonly string[], cwd: string): WorkspaceView {
  const manifests: WorkspaceManifest[] = [];
  const seen = new Set<string>();
  const add = (input: Input) => {
    if (seen.has(input.uri)) return;
    seen.add(input.uri);
    if (input.text.length > DEFAULT_MAX_CHARS || !(isManifestUri(input.uri) || input.text.includes(MANIFEST_API_VERSION))) return;
    for (const context of analyze(input.uri, input.text).manifests) manifests.push({ uri: input.uri, context });
  };
  if (stdin) add(stdin);
  for (const u of units) if (u.kind === 'file') add(fileInput(u.file, cwd));
  for (const file of extraFiles) add(fileInput(file, cwd));
  // The manifests do not change during a run: a generation lets the engine memoise each file's workload links
  // (computed once per file instead of once per rule group that asks).
  return { manifests: () => manifests, generation: 1 };
}

/** Helm-rendered input is reported per rendered template (`# Source:` comments); other input as one file. */
function splitHelm(input: Input, findings: Finding[], chartDir?: string): FileResult[] {
  const sections = helmSections(input.text);
  return sections.length === 0 ? [{ path: input.display, findings }] : splitRendered(sections, findings, input.display, chartDir);
}
