// `criu-portability check-host --manifest FILE [--from FILE]`: can this host (or the captured one) restore
// the manifest's image? Exit 0 yes, 3 no (printing what is missing and why), 2 usage errors. The host
// must have every feature of the manifest's requirement set R (manifest/requirements.ts).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../engine';
import { canonicalFeatureId } from '../engine/catalog/index';
import { canRestore, detect, type HostCpu } from '../engine/probe/index';
import { javacoreReports } from '../engine/probe/javacore';
import { PF_CONSTANTS } from '../engine/probe/windows';
import { reasonText } from '../engine/rules/describe';
import type { ManifestContext } from '../engine/rules/types';
import { decodeCpuinfo, type XsaveInfo } from '../engine/criu/cpuinfo';
import { checkpointCpu } from '../engine/criu/cpuHost';
import { CPUINFO_MAGIC, CriuImageError, hasMagic } from '../engine/criu/imageFile';
import { xsaveVerdict } from '../engine/criu/xsave';
import { hostFromCapture, readHost } from './hostInput';
import { chooseCheckpoint, inspectReport, manifestTextFromImage, readImage } from './inspect';
import { EXIT_CANNOT_RESTORE, EXIT_OK, parseOptions, UsageError } from './usage';
import { MAX_CAPTURE_BYTES, MAX_LINT_INPUT_BYTES, readRegularBytes, readRegularFile, readStdin } from './readInput';

export const CHECK_HOST_USAGE = `Usage: criu-portability check-host (--manifest FILE | --image PATH) [--from FILE] [--json]

Exit 0 when this machine (or the CPU captured in --from FILE) can restore the image the manifest
describes, 3 when it cannot (the missing features are printed with the reason each is required),
2 on usage errors. Use it as a pre-restore guard in a container entrypoint (docs/check-host.md).

  --image PATH       Judge against the real checkpoint in PATH (a cpuinfo.img, CRIU directory, OCI
                     layout or image archive: see inspect): its CPU, runtime, release and glibc, and its
                     XSAVE state. With --manifest too, the manifest's other settings (baseline,
                     requires, ...) apply; the file is not changed.
  --checkpoint DIR   The checkpoint in the image to use when it holds several
  --from FILE        A CPU capture, or a CRIU cpuinfo.img of the restore host (then XSAVE sizes are
                     compared too)
`;

export interface ManifestVerdict {
  name: string;
  arch?: string;
  ok: boolean;
  /** Set when the host is of another architecture. */
  archMismatch?: { host: string; manifest: string };
  missing: { feature: string; reasons: string[] }[];
  /** Of `missing`, those the capture's source cannot report at all (Windows, javacore): unknown rather than absent. */
  unreportable: string[];
  /** Feature names in the manifest the catalogue does not know: they could not be checked. */
  unchecked: string[];
}

export function verdictFor(ctx: ManifestContext, host: HostCpu): ManifestVerdict {
  const m = ctx.manifest;
  const name = m.name?.value ?? '(unnamed manifest)';
  if (!m.arch) throw new UsageError(`manifest ${name} has no valid arch; run criu-portability lint on it`);
  const unchecked = [m.requires, m.jitFeatures].flatMap((l) => l?.items ?? []).filter((r) => !r.feature).map((r) => r.raw);
  if (m.arch !== host.arch) {
    return { name, arch: m.arch, ok: false, archMismatch: { host: host.arch, manifest: m.arch }, missing: [], unreportable: [], unchecked };
  }
  const { missing } = canRestore(host, ctx.requirements.keys());
  return {
    name,
    arch: m.arch,
    ok: missing.length === 0,
    missing: missing.map((feature) => ({ feature, reasons: (ctx.requirements.get(feature) ?? []).map((r) => reasonText(r, ctx.yaml)) })),
    unreportable: missing.filter((f) => !reportable(host, f)),
    unchecked,
  };
}

/**
 * Whether the capture's source can say the host has a feature. Windows knows only the PF_* constants; a
 * javacore only the features the OpenJ9 JIT uses.
 */
function reportable(host: HostCpu, feature: string): boolean {
  if (host.source === 'javacore') return javacoreReports(host.arch).has(feature);
  if (host.source !== 'windows') return true;
  return PF_CONSTANTS.some((c) => c.arch === host.arch && c.linux.some((n) => (canonicalFeatureId(host.arch, n) ?? n) === feature));
}

export function formatVerdict(v: ManifestVerdict, hostLabel: string): string {
  if (v.archMismatch) return `${v.name}: this host (${hostLabel}) cannot restore it: the image is ${v.archMismatch.manifest}, the host is ${v.archMismatch.host}.\n`;
  const onlyUnknown = !v.ok && v.missing.every((m) => v.unreportable.includes(m.feature));
  let out = v.ok
    ? `${v.name}: this host (${hostLabel}) can restore it.\n`
    : onlyUnknown
      ? `${v.name}: cannot confirm that this host (${hostLabel}) can restore it; the capture does not report ${v.missing.map((m) => m.feature).join(', ')}:\n`
      : `${v.name}: this host (${hostLabel}) cannot restore it; it lacks ${absentText(v)}:\n`;
  for (const m of v.missing) {
    const unknown = v.unreportable.includes(m.feature) ? ' (the capture cannot report it: unknown, not necessarily absent)' : '';
    out += `  ${m.feature}: required by ${m.reasons.join('; ')}${unknown}\n`;
  }
  if (v.unchecked.length) out += `  Not checked (not known features of ${v.arch}): ${v.unchecked.join(', ')}; run criu-portability lint.\n`;
  return out;
}

/** `sse4_2`, or `sse4_2 (and the capture does not report cx16)`: unknown features are not called absent. */
function absentText(v: ManifestVerdict): string {
  const absent = v.missing.filter((m) => !v.unreportable.includes(m.feature)).map((m) => m.feature);
  return `${absent.join(', ')}${v.unreportable.length ? ` (and the capture does not report ${v.unreportable.join(', ')})` : ''}`;
}

export async function runCheckHost(args: string[]): Promise<number> {
  const { values } = parseOptions({
    args,
    strict: true,
    options: {
      manifest: { type: 'string', short: 'm' },
      image: { type: 'string' },
      checkpoint: { type: 'string' },
      from: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(CHECK_HOST_USAGE);
    return EXIT_OK;
  }
  if (!values.manifest && !values.image) throw new UsageError('--manifest FILE or --image PATH is required');
  if (values.manifest === '-' && values.from === '-') throw new UsageError('only one of --manifest and --from can read standard input');
  const image = values.image ? await imageManifest(values.image, values.manifest, values.checkpoint) : undefined;
  const contexts = image ? image.contexts : readManifests(values.manifest!);
  const { host, xsave: hostXsave } = await readTarget(values.from);
  const detection = detect(host);
  const verdicts = contexts.map((c) => verdictFor(c, host));
  const xsave = image?.xsave && host.arch === 'x86_64' ? xsaveVerdict(image.xsave, { features: host.features, xsave: hostXsave }) : undefined;
  const hostLabel = `${detection.microarchitecture}${host.model ? `, ${host.model}` : ''}`;
  if (values.json) {
    const out: Record<string, unknown> = { host: { arch: host.arch, model: host.model, microarchitecture: detection.microarchitecture }, manifests: verdicts };
    if (image) out.image = { path: values.image, checkpoint: image.checkpoint, ...(xsave ? { xsave } : {}) };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    if (image) process.stdout.write(`Checkpoint: ${image.checkpoint} in ${values.image}\n`);
    for (const v of verdicts) process.stdout.write(formatVerdict(v, hostLabel));
    if (xsave && !xsave.ok) process.stdout.write(`This host (${hostLabel}) cannot restore the checkpoint's registers: ${xsave.problems.join('; ')}.\n`);
    for (const n of xsave?.notes ?? []) if (!xsave!.ok || verdicts.some((v) => !v.ok)) process.stdout.write(`Note: ${n}\n`);
    // What the capture could not tell (Windows cannot report every feature) matters when features are missing.
    if (verdicts.some((v) => !v.ok)) for (const n of host.notes) process.stdout.write(`Note: ${n}\n`);
  }
  return verdicts.every((v) => v.ok) && (xsave?.ok ?? true) ? EXIT_OK : EXIT_CANNOT_RESTORE;
}

/** The manifest the checkpoint in `imagePath` implies (or `manifestFile` updated with it, in memory). */
async function imageManifest(imagePath: string, manifestFile: string | undefined, checkpoint: string | undefined): Promise<{ contexts: ManifestContext[]; xsave?: XsaveInfo; checkpoint: string }> {
  const report = inspectReport(await readImage(imagePath));
  const c = chooseCheckpoint(report, checkpoint);
  let existing: string | undefined;
  if (manifestFile) existing = readText(manifestFile);
  const file = manifestFile && manifestFile !== '-' ? manifestFile : 'checkpoint.criu.yaml';
  const { text } = manifestTextFromImage(file, existing, report, c);
  const analysis = analyze(pathToFileURL(path.resolve(file)).href, text);
  return { contexts: analysis.manifests, xsave: c.cpu?.xsave, checkpoint: c.dir.startsWith('/') ? c.dir : `/${c.dir}` };
}

/** The restore host: live, a capture, or a CRIU cpuinfo.img (which also gives its XSAVE sizes). */
async function readTarget(from: string | undefined): Promise<{ host: HostCpu; xsave?: XsaveInfo }> {
  if (from === undefined || from === '-') return { host: await readHost(from) };
  // Capped and regular files only (a capture named /dev/zero never ends); read once, then told apart by its magic.
  const bytes = readRegularBytes(from, 'capture', MAX_CAPTURE_BYTES).bytes;
  if (!hasMagic(bytes, CPUINFO_MAGIC)) return { host: hostFromCapture(bytes.toString('utf8'), from) };
  try {
    const cpu = checkpointCpu(decodeCpuinfo(bytes, from), from);
    return { host: cpu.host, xsave: cpu.xsave };
  } catch (e) {
    if (e instanceof CriuImageError) throw new UsageError(e.message);
    throw e;
  }
}

function readText(file: string): string {
  return file === '-' ? readStdin(MAX_LINT_INPUT_BYTES) : readRegularFile(file, 'manifest', MAX_LINT_INPUT_BYTES).text;
}

function readManifests(file: string): ManifestContext[] {
  const text = readText(file);
  // Named as a manifest file so a document is read as a manifest even if its kind is misspelt.
  const uri = pathToFileURL(path.resolve(file === '-' ? 'stdin.criu.yaml' : file)).href;
  const analysis = analyze(uri, text);
  if (analysis.manifests.length === 0) throw new UsageError(`${file} holds no checkpoint manifest (kind: CheckpointManifest)`);
  return analysis.manifests;
}
