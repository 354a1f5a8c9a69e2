// `criu-portability inspect PATH [--json] [--manifest FILE [--checkpoint DIR]]`: what a checkpoint really
// says. PATH is a cpuinfo.img, a CRIU image directory, an OCI image layout, or a docker-archive / oci-archive
// tar (docker save, podman save). With --manifest, the manifest's checkpoint.host, runtime, jvm.release and
// checkpoint.glibc are written from it (created when FILE does not exist). Bad input: one message, exit 2,
// nothing written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FoundCheckpoint } from '../engine/criu/evidence';
import { ManifestUpdateError, updateManifest, type ManifestFacts } from '../engine/criu/manifestEdits';
import { detect, manifestFromHost } from '../engine/probe/index';
import { inspectPath, InspectInputError, type InspectResult } from '../inspect/index';
import { formatProbeText, probeReport, type ProbeReport } from './probe';
import { EXIT_OK, parseOptions, UsageError } from './usage';

export const INSPECT_USAGE = `Usage: criu-portability inspect PATH [--json] [--manifest FILE] [--checkpoint DIR]

Reads the checkpoint in PATH: a CRIU cpuinfo.img, a CRIU image directory, an OCI image layout directory,
or a docker save / podman save archive (docker-archive or oci-archive; layers plain, gzip or zstd).
Reports the checkpoint host's CPU (vendor, model, features, microarchitecture, XSAVE), the runtime and its
release, the glibc release, and where in the image each was found.

  --json             Machine-readable report
  --manifest FILE    Write checkpoint.host, runtime, jvm.release and checkpoint.glibc into FILE
                     (created when absent), keeping its comments and layout
  --checkpoint DIR   The checkpoint to use when the image holds several (its directory in the image)
  --manifest -       Read the manifest from standard input and print the updated text (with --json:
                     as manifest.text); --manifest-path FILE names the file it belongs to
`;

export interface CheckpointReport {
  dir: string;
  where: string;
  imgVersion?: number;
  cpu?: ProbeReport & { stepping?: number; capabilityVer?: number; xsave?: { featuresMask: string; size: number; sizeMax: number } };
}

export interface InspectReport {
  path: string;
  kind: string;
  checkpoints: CheckpointReport[];
  runtime?: { value: string; where: string };
  jvmRelease?: { value: string; where: string };
  javaVersion?: { value: string; where: string };
  libertyVersion?: { value: string; where: string };
  glibc?: { value: string; where: string };
  notes: string[];
}

export function inspectReport(r: InspectResult): InspectReport {
  const e = r.evidence;
  const report: InspectReport = { path: r.path, kind: r.kind, checkpoints: e.checkpoints.map(checkpointReport), notes: e.notes };
  for (const k of ['runtime', 'jvmRelease', 'javaVersion', 'libertyVersion', 'glibc'] as const) if (e[k]) report[k] = e[k];
  return report;
}

function checkpointReport(c: FoundCheckpoint): CheckpointReport {
  const out: CheckpointReport = { dir: c.dir, where: c.where };
  if (c.imgVersion !== undefined) out.imgVersion = c.imgVersion;
  if (c.cpu) {
    out.cpu = probeReport(c.cpu.host);
    if (c.cpu.stepping !== undefined) out.cpu.stepping = c.cpu.stepping;
    if (c.cpu.capabilityVer !== undefined) out.cpu.capabilityVer = c.cpu.capabilityVer;
    if (c.cpu.xsave) out.cpu.xsave = c.cpu.xsave;
  }
  return out;
}

export function formatInspectText(r: InspectReport): string {
  let out = `${r.path} (${r.kind})\n`;
  for (const c of r.checkpoints) {
    out += `\nCheckpoint ${c.dir.startsWith('/') ? c.dir : `/${c.dir}`}\n` + (c.where !== c.dir ? `  Found in:           ${c.where}\n` : '');
    if (c.imgVersion !== undefined) out += `  CRIU images:        version ${c.imgVersion}\n`;
    if (!c.cpu) {
      out += '  CPU:                not recorded (no cpuinfo.img: CRIU writes it on x86_64, ppc64le and s390x only)\n';
      continue;
    }
    const cpu = c.cpu;
    const ids = [cpu.family && `family ${cpu.family}`, cpu.modelNumber && `model ${cpu.modelNumber}`, cpu.stepping !== undefined && `stepping ${cpu.stepping}`].filter(Boolean).join(' ');
    out += formatProbeText({ ...cpu, notes: [] })
      .split('\n')
      .filter(Boolean)
      .map((l) => `  ${l}`)
      .join('\n')
      .replace(/^( {2}CPU: {16}.*)$/m, `$1${ids ? ` ${ids}` : ''}`);
    out += '\n';
    if (cpu.xsave) out += `  XSAVE area:         ${cpu.xsave.size} bytes (max ${cpu.xsave.sizeMax}), features mask ${cpu.xsave.featuresMask}\n`;
    for (const n of cpu.notes) out += `  Note: ${n}\n`;
  }
  out += '\n';
  const fact = (label: string, f?: { value: string; where: string }): string => (f ? `${label.padEnd(20)}${f.value}  (${f.where})\n` : '');
  out += fact('Runtime:', r.runtime) + fact('JVM release:', r.jvmRelease) + fact('Java version:', r.javaVersion) + fact('Liberty version:', r.libertyVersion) + fact('glibc:', r.glibc);
  for (const n of r.notes) out += `Note: ${n}\n`;
  return out;
}

export async function runInspect(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      manifest: { type: 'string', short: 'm' },
      checkpoint: { type: 'string' },
      'manifest-path': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(INSPECT_USAGE);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError(`one PATH is required\n\n${INSPECT_USAGE}`);
  const report = inspectReport(await readImage(positionals[0]!));
  if (values.manifest === '-') {
    const file = values['manifest-path'] ?? 'checkpoint.criu.yaml';
    const c = chooseCheckpoint(report, values.checkpoint);
    const existing = fs.readFileSync(0, 'utf8');
    const update = manifestTextFromImage(file, existing.trim() ? existing : undefined, report, c, positionals[0]!);
    process.stdout.write(values.json ? JSON.stringify({ ...report, manifest: { file, text: update.text, changes: update.changes } }, null, 2) + '\n' : update.text);
    return EXIT_OK;
  }
  if (values.manifest) {
    const summary = writeManifest(values.manifest, report, values.checkpoint, positionals[0]!);
    process.stdout.write(values.json ? JSON.stringify({ ...report, manifest: summary }, null, 2) + '\n' : `${formatInspectText(report)}\n${summaryText(summary)}`);
    return EXIT_OK;
  }
  process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : formatInspectText(report));
  return EXIT_OK;
}

export async function readImage(p: string): Promise<InspectResult> {
  try {
    return await inspectPath(p);
  } catch (e) {
    if (e instanceof InspectInputError) throw new UsageError(e.message);
    throw e;
  }
}

/** The checkpoint a manifest describes: the only one, or the one --checkpoint names. */
export function chooseCheckpoint(report: InspectReport, dir: string | undefined): CheckpointReport {
  const withCpu = report.checkpoints.filter((c) => c.cpu);
  if (dir !== undefined) {
    const want = dir.replace(/^\/+|\/+$/g, '');
    const c = report.checkpoints.find((x) => x.dir.replace(/^\/+|\/+$/g, '') === want);
    if (!c) throw new UsageError(`no checkpoint in /${want}; the image holds ${report.checkpoints.map((x) => `/${x.dir}`).join(', ')}`);
    if (!c.cpu) throw new UsageError(`the checkpoint in /${want} has no cpuinfo.img: its CPU is not recorded`);
    return c;
  }
  if (withCpu.length === 0) throw new UsageError(`the checkpoint${report.checkpoints.length > 1 ? 's' : ''} in ${report.path} record${report.checkpoints.length > 1 ? '' : 's'} no CPU (no cpuinfo.img)`);
  const distinct = new Set(withCpu.map((c) => JSON.stringify([c.cpu!.model, c.cpu!.features])));
  if (distinct.size > 1) throw new UsageError(`${report.path} holds ${withCpu.length} checkpoints taken on different CPUs (${withCpu.map((c) => `/${c.dir}`).join(', ')}); choose one with --checkpoint DIR`);
  return withCpu[0]!;
}

interface ManifestSummary {
  file: string;
  created: boolean;
  changes: string[];
}

/** What a manifest learns from the checkpoint `c` of `report`. */
export function manifestFacts(report: InspectReport, c: CheckpointReport): ManifestFacts {
  const cpu = c.cpu!;
  const facts: ManifestFacts = { arch: cpu.arch as ManifestFacts['arch'], model: cpu.model, microarchitecture: cpu.microarchitecture, features: cpu.features };
  if (report.runtime) facts.runtime = report.runtime.value as ManifestFacts['runtime'];
  if (report.jvmRelease) facts.jvmRelease = report.jvmRelease.value;
  if (report.glibc) facts.glibc = report.glibc.value;
  return facts;
}

/**
 * The manifest text `file` would hold after writing the image's facts: its current text updated, or a new
 * manifest when `existing` is undefined. Throws UsageError (nothing written) when it cannot be updated.
 */
export function manifestTextFromImage(file: string, existing: string | undefined, report: InspectReport, c: CheckpointReport, imagePath?: string): { text: string; changes: string[] } {
  const facts = manifestFacts(report, c);
  // Recorded relative to the manifest, so the hover on checkpoint.host finds the image wherever the project is.
  if (imagePath) facts.image = path.relative(path.dirname(path.resolve(file)), path.resolve(imagePath)).split(path.sep).join('/') || '.';
  const cpu = c.cpu!;
  let text = existing;
  if (text === undefined) {
    const name = path.basename(file).replace(/\.criu\.ya?ml$|\.ya?ml$/i, '') || 'checkpoint';
    const host = { arch: facts.arch, vendor: cpu.vendor, model: cpu.model, features: cpu.features, unknownFeatures: [], source: 'criu-image' as const, notes: [] };
    text = manifestFromHost(host, detect(host), name);
  }
  try {
    return updateManifest(pathToFileURL(path.resolve(file)).href, text, facts);
  } catch (e) {
    if (e instanceof ManifestUpdateError) throw new UsageError(`${file}: ${e.message}; nothing written`);
    throw e;
  }
}

function writeManifest(file: string, report: InspectReport, checkpointDir: string | undefined, imagePath: string): ManifestSummary {
  const c = chooseCheckpoint(report, checkpointDir);
  let existing: string | undefined;
  try {
    existing = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const created = existing === undefined;
  const update = manifestTextFromImage(file, existing, report, c, imagePath);
  if (created || update.text !== existing) {
    try {
      fs.writeFileSync(file, update.text);
    } catch (e) {
      throw new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return { file, created, changes: created ? ['created'] : update.changes };
}

function summaryText(s: ManifestSummary): string {
  if (s.created) return `Wrote ${s.file} (new manifest).\n`;
  if (s.changes.length === 0) return `${s.file} already says what the image says; unchanged.\n`;
  return `Updated ${s.file}:\n${s.changes.map((c) => `  ${c}\n`).join('')}`;
}
