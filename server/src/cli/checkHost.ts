// `criu-portability check-host --manifest FILE [--from FILE]`: can this host (or the captured one) restore
// the manifest's image? Exit 0 yes, 3 no (printing what is missing and why), 2 usage errors. The host
// must have every feature of the manifest's requirement set R (manifest/requirements.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyze } from '../engine';
import { canonicalFeatureId } from '../engine/catalog/index';
import { canRestore, detect, type HostCpu } from '../engine/probe/index';
import { javacoreReports } from '../engine/probe/javacore';
import { PF_CONSTANTS } from '../engine/probe/windows';
import { reasonText } from '../engine/rules/describe';
import type { ManifestContext } from '../engine/rules/types';
import { readHost } from './hostInput';
import { EXIT_CANNOT_RESTORE, EXIT_OK, UsageError } from './usage';

export const CHECK_HOST_USAGE = `Usage: criu-portability check-host --manifest FILE [--from FILE] [--json]

Exit 0 when this machine (or the CPU captured in --from FILE) can restore the image the manifest
describes, 3 when it cannot (the missing features are printed with the reason each is required),
2 on usage errors. Use it as a pre-restore guard in a container entrypoint (docs/check-host.md).
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
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        manifest: { type: 'string', short: 'm' },
        from: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(CHECK_HOST_USAGE);
    return EXIT_OK;
  }
  if (!values.manifest) throw new UsageError('--manifest FILE is required');
  if (values.manifest === '-' && values.from === '-') throw new UsageError('only one of --manifest and --from can read standard input');
  const contexts = readManifests(values.manifest);
  const host = await readHost(values.from);
  const detection = detect(host);
  const verdicts = contexts.map((c) => verdictFor(c, host));
  const hostLabel = `${detection.microarchitecture}${host.model ? `, ${host.model}` : ''}`;
  if (values.json) {
    process.stdout.write(JSON.stringify({ host: { arch: host.arch, model: host.model, microarchitecture: detection.microarchitecture }, manifests: verdicts }, null, 2) + '\n');
  } else {
    for (const v of verdicts) process.stdout.write(formatVerdict(v, hostLabel));
    // What the capture could not tell (Windows cannot report every feature) matters when features are missing.
    if (verdicts.some((v) => !v.ok)) for (const n of host.notes) process.stdout.write(`Note: ${n}\n`);
  }
  return verdicts.every((v) => v.ok) ? EXIT_OK : EXIT_CANNOT_RESTORE;
}

function readManifests(file: string): ManifestContext[] {
  let text: string;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // Named as a manifest file so a document is read as a manifest even if its kind is misspelt.
  const uri = pathToFileURL(path.resolve(file === '-' ? 'stdin.criu.yaml' : file)).href;
  const analysis = analyze(uri, text);
  if (analysis.manifests.length === 0) throw new UsageError(`${file} holds no checkpoint manifest (kind: CheckpointManifest)`);
  return analysis.manifests;
}
