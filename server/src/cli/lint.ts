// `criu-portability lint`: read files (the CLI does the I/O, the engine stays pure), build the workspace
// view from every manifest seen, validate, print in the chosen format, exit 0/1/2 (ARCHITECTURE.md#contracts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyze, DEFAULT_MAX_CHARS, validate, validateText, type Analysis, type Finding, type SeveritySetting, type WorkspaceView } from '../engine';
import { mergeSeverities } from '../engine/config/index';
import { allRuleMetas } from '../engine/rules/index';
import { closestNames } from '../engine/rules/describe';
import type { WorkspaceManifest } from '../engine/workspace';
import { useColor } from './color';
import { loadConfig } from './config';
import { repositoryUrl } from './docs';
import { formatGithub } from './formats/github';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import { helmSections, splitRendered } from './helm';
import { Progress } from './progress';
import { summaryLine, totalsOf, type FileResult } from './results';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from './usage';
import { collectFiles } from './walk';

export { type FileResult } from './results';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];
const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

export const LINT_USAGE = `Usage: criu-portability lint [options] PATHS...|-

Checks checkpoint manifests (*.criu.yaml) and Kubernetes YAML. Directories are walked for .yaml/.yml
files, honouring .gitignore and the config's ignore patterns; '-' reads standard input.

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
  paths: string[];
}

interface Input {
  display: string;
  uri: string;
  text: string;
  /** Absent for files over the size limit (validateText reports them skipped). */
  analysis?: Analysis;
}

export function parseLintArgs(args: string[]): LintOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
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
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
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

export async function runLint(args: string[], cwd = process.cwd()): Promise<number> {
  const options = parseLintArgs(args);
  if (options === 'help') {
    process.stdout.write(LINT_USAGE);
    return EXIT_OK;
  }
  const loaded = loadConfig(options.config, cwd);
  const progress = new Progress();

  for (const p of [...options.paths, ...options.manifestPaths]) {
    if (p !== '-' && !fs.existsSync(p)) throw new UsageError(`no such file or directory: ${p}`);
  }
  if (options.paths.filter((p) => p === '-').length > 1) throw new UsageError("'-' (standard input) given more than once");

  const walkOptions = {
    configIgnore: { base: loaded.base, patterns: loaded.config.ignore },
    onProgress: (found: number) => progress.update('Finding', found),
  };
  const files = collectFiles(options.paths.filter((p) => p !== '-'), walkOptions);
  const inputs: Input[] = [];
  for (const p of options.paths) {
    if (p === '-') inputs.push(await stdinInput(options.stdinFilename, cwd));
  }
  files.forEach((file, i) => {
    progress.update('Reading', i + 1, files.length);
    inputs.push(fileInput(file, cwd));
  });

  const workspace = workspaceOf(inputs, options.manifestPaths.length ? collectFiles(options.manifestPaths, walkOptions) : [], cwd);
  const severities = mergeSeverities(loaded.config.rules, options.reportUnused ? { 'unused-suppression': 'warning' } : undefined, options.rules);

  const results: FileResult[] = [];
  inputs.forEach((input, i) => {
    progress.update('Linting', i + 1, inputs.length);
    let findings: Finding[] = input.analysis
      ? validate(input.analysis, { severities, workspace })
      : validateText(input.uri, input.text, { severities, workspace });
    if (options.quiet) findings = findings.filter((f) => f.severity === 'error');
    results.push(...splitHelm(input, findings));
  });
  progress.clear();

  const report = render(options.format, results, cwd);
  if (options.outputFile) fs.writeFileSync(options.outputFile, report);
  else process.stdout.write(report);

  const totals = totalsOf(results);
  if (options.format !== 'text' || options.outputFile) process.stderr.write(`${summaryLine(totals)}\n`);
  if (totals.errors > 0) return EXIT_FINDINGS;
  if (options.maxWarnings !== undefined && totals.warnings > options.maxWarnings) {
    process.stderr.write(`criu-portability: too many warnings (${totals.warnings}); the maximum allowed is ${options.maxWarnings}.\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

function render(format: Format, results: readonly FileResult[], cwd: string): string {
  switch (format) {
    case 'json':
      return formatJson(results);
    case 'sarif':
      return formatSarif(results, repositoryUrl(), cwd);
    case 'github':
      return formatGithub(results);
    case 'text':
      return formatText(results, useColor(process.stdout));
  }
}

function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(cwd, file);
}

function makeInput(display: string, absolute: string, text: string): Input {
  const uri = pathToFileURL(absolute).href;
  return { display, uri, text, analysis: text.length > DEFAULT_MAX_CHARS ? undefined : analyze(uri, text) };
}

function fileInput(file: string, cwd: string): Input {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return makeInput(displayPath(file, cwd), path.resolve(cwd, file), text);
}

async function stdinInput(name: string | undefined, cwd: string): Promise<Input> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return makeInput(name ? displayPath(name, cwd) : '<stdin>', path.resolve(cwd, name ?? 'stdin.yaml'), text);
}

/** Every manifest among the linted inputs and under --manifests, each analysed once. */
function workspaceOf(inputs: readonly Input[], extraFiles: readonly string[], cwd: string): WorkspaceView {
  const manifests: WorkspaceManifest[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    seen.add(input.uri);
    for (const context of input.analysis?.manifests ?? []) manifests.push({ uri: input.uri, context });
  }
  for (const file of extraFiles) {
    const input = fileInput(file, cwd);
    if (seen.has(input.uri)) continue;
    seen.add(input.uri);
    for (const context of input.analysis?.manifests ?? []) manifests.push({ uri: input.uri, context });
  }
  return { manifests: () => manifests };
}

/** Helm-rendered input is reported per rendered template (`# Source:` comments); other input as one file. */
function splitHelm(input: Input, findings: Finding[]): FileResult[] {
  const sections = helmSections(input.text);
  return sections.length === 0 ? [{ path: input.display, findings }] : splitRendered(sections, findings, input.display);
}
