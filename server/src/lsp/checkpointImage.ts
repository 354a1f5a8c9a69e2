// The hover on checkpoint.host, when the manifest names its checkpoint image (checkpoint.image): reads the image
// with the CLI's `inspect --json` in a child process (dist/cli.js beside dist/server.js), so the server neither
// blocks nor carries the image decoders; results are cached per image path, size and modification time.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Position } from 'vscode-languageserver';
import type { Analysis } from '../engine';
import { hostMatchMarkdown, type ImageHost } from '../engine/criu/hostMatch';
import { locate } from '../engine/service/locate';

type Result = { host: ImageHost } | { error: string };

/** How long a hover waits for a first read of an image before saying it is still reading. */
const WAIT_MS = 1500;
const MAX_ENTRIES = 16;

export class CheckpointImages {
  private readonly cache = new Map<string, { key: string; result: Promise<Result> }>();

  constructor(
    private readonly cliPath: string,
    private readonly allowed: () => boolean,
  ) {}

  /** Markdown to append to the hover at `pos`, when it is on checkpoint.host of a manifest naming its image. */
  async hoverText(analysis: Analysis, pos: Position): Promise<string | undefined> {
    const at = locate(analysis, pos);
    if (!at || !at.onKey || at.path.join('.') !== 'checkpoint.host') return undefined;
    const named = at.ctx.manifest.checkpointImage?.value;
    if (!named || !this.allowed()) return undefined;
    let manifestPath: string;
    try {
      manifestPath = fileURLToPath(analysis.uri);
    } catch {
      return undefined; // not a file: nothing to resolve the image against
    }
    const image = path.resolve(path.dirname(manifestPath), named);
    const pending = this.read(image);
    if (!pending) return `**Checkpoint image** \`${named}\`: not found (${image}).`;
    const result = await Promise.race([pending, new Promise<'wait'>((r) => setTimeout(() => r('wait'), WAIT_MS))]);
    if (result === 'wait') return `**Checkpoint image** \`${named}\`: still reading it; hover again in a moment.`;
    if ('error' in result) return `**Checkpoint image** \`${named}\`: ${result.error}`;
    return hostMatchMarkdown(at.ctx.manifest, named, result.host);
  }

  private read(image: string): Promise<Result> | undefined {
    let st: fs.Stats;
    try {
      st = fs.statSync(image);
    } catch {
      return undefined;
    }
    const key = `${st.size}:${st.mtimeMs}`;
    const hit = this.cache.get(image);
    if (hit && hit.key === key) return hit.result;
    const result = new Promise<Result>((resolve) => {
      execFile(process.execPath, [this.cliPath, 'inspect', image, '--json'], { timeout: 120_000, maxBuffer: 16 << 20, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }, (err, stdout, stderr) => {
        if (err) return resolve({ error: (stderr.trim().split('\n').pop() ?? err.message).replace(/^criu-portability inspect: /, '') });
        try {
          resolve(toHost(JSON.parse(stdout)));
        } catch (e) {
          resolve({ error: `unreadable inspect output (${(e as Error).message})` });
        }
      });
    });
    this.cache.set(image, { key, result });
    if (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }
}

interface InspectJson {
  checkpoints: { dir: string; cpu?: { model: string; microarchitecture: string; features: string[] } }[];
}

function toHost(report: InspectJson): Result {
  const withCpu = report.checkpoints.filter((c) => c.cpu);
  if (withCpu.length === 0) return { error: 'its checkpoint records no CPU (no cpuinfo.img)' };
  const c = withCpu[0]!;
  return { host: { checkpoint: c.dir.startsWith('/') ? c.dir : `/${c.dir}`, model: c.cpu!.model, microarchitecture: c.cpu!.microarchitecture, features: c.cpu!.features } };
}
