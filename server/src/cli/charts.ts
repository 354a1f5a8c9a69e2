// Helm charts in `lint`: a folder with a Chart.yaml is linted as a whole, never template by template (templates
// are not YAML until rendered). With helm available its rendered output is linted; otherwise one note per chart.
// helm runs with fixed arguments, no shell, and a timeout.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './usage';

export const HELM_TIMEOUT_MS = 60_000;
/** Rendered output past this is refused by helm's runner (what we would lint anyway stops at the size cap). */
const MAX_RENDERED_BYTES = 64 * 1024 * 1024;

/** What helm reads of a chart folder: the rest (ci/ values, examples, docs) is ordinary YAML. */
const CHART_PART = /^(Chart\.ya?ml|values[^/]*\.ya?ml|(templates|charts|crds)\/.*)$/;

/** Finds, for each file, the outermost chart it is part of (an umbrella chart renders its subcharts). */
export class ChartFinder {
  private readonly isChart = new Map<string, boolean>();

  chartOf(file: string): string | undefined {
    const absolute = path.resolve(file);
    let outermost: string | undefined;
    for (let dir = path.dirname(absolute); ; dir = path.dirname(dir)) {
      if (this.hasChartYaml(dir) && CHART_PART.test(path.relative(dir, absolute).split(path.sep).join('/'))) outermost = dir;
      if (path.dirname(dir) === dir) return outermost;
    }
  }

  private hasChartYaml(dir: string): boolean {
    let known = this.isChart.get(dir);
    if (known === undefined) {
      known = fs.existsSync(path.join(dir, 'Chart.yaml'));
      this.isChart.set(dir, known);
    }
    return known;
  }
}

/** `--helm PATH` when given (it must exist), else `helm` on PATH, else undefined. */
export function findHelm(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (explicit !== undefined) {
    if (!isExecutable(explicit)) throw new UsageError(`--helm: no executable at ${explicit}`);
    return explicit;
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, process.platform === 'win32' ? 'helm.exe' : 'helm');
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export type Rendered = { ok: true; text: string } | { ok: false; reason: string };

/** `helm template CHART --include-crds [--values F]...`: the chart's manifests as helm would install them. */
export function renderChart(helm: string, chartDir: string, values: readonly string[], timeoutMs = HELM_TIMEOUT_MS): Promise<Rendered> {
  const args = ['template', chartDir, '--include-crds', ...values.flatMap((v) => ['--values', v])];
  return new Promise((resolve) => {
    execFile(helm, args, { timeout: timeoutMs, maxBuffer: MAX_RENDERED_BYTES, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true, text: stdout });
      const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string };
      if (e.killed || e.signal === 'SIGTERM') return resolve({ ok: false, reason: `helm template did not finish within ${timeoutMs / 1000} s` });
      if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return resolve({ ok: false, reason: 'helm template printed more than 64 MB' });
      // helm prints warnings (level=WARN ...) before the error: the `Error:` line is what a user needs.
      const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
      const from = Math.max(0, lines.findIndex((l) => l.startsWith('Error:')));
      const said = lines.slice(from, from + 3).join(' / ');
      resolve({ ok: false, reason: `helm template failed: ${said || e.message}` });
    });
  });
}

/** What to do about a chart without helm: the one note it gets. */
export function unrenderedNote(chart: string): string {
  return (
    `criu-portability: ${chart} is a Helm chart: its templates are not YAML until rendered, so it was not linted. ` +
    `Put helm on PATH (or pass --helm PATH) to lint its rendered output, or run: helm template ${chart} | criu-portability lint -`
  );
}
