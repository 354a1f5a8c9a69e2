// `criu-portability probe [--from FILE] [--json]`: the CPU, its microarchitecture (archspec naming), its
// x86-64 level and whether it satisfies OpenJ9's portable set (ARCHITECTURE.md#contracts).
import { OPENJ9_PORTABLE } from '../engine/catalog/index';
import { detect, type Detection, type HostCpu } from '../engine/probe/index';
import { readHost } from './hostInput';
import { EXIT_OK, parseOptions } from './usage';

export const PROBE_USAGE = `Usage: criu-portability probe [--from FILE] [--json]

Describes this machine's CPU, or the capture in FILE ('-' for standard input): Linux /proc/cpuinfo
(optionally followed by LD_SHOW_AUXV=1 /bin/true output), macOS sysctl -a output, the Windows probe
output, or an OpenJ9 javacore.
`;

export interface ProbeReport {
  arch: string;
  vendor: string;
  model: string;
  microarchitecture: string;
  x86Level?: string;
  satisfiesPortable: boolean;
  /** Canonical catalogue ids, sorted. */
  features: string[];
  unknownFeatures: string[];
  candidates: string[];
  source: string;
  notes: string[];
  family?: string;
  modelNumber?: string;
  machineType?: string;
  platform?: string;
}

export function probeReport(host: HostCpu, d: Detection = detect(host)): ProbeReport {
  const report: ProbeReport = {
    arch: host.arch,
    vendor: host.vendor,
    model: host.model,
    microarchitecture: d.microarchitecture,
    satisfiesPortable: d.satisfiesPortable,
    features: host.features,
    unknownFeatures: host.unknownFeatures,
    candidates: d.candidates,
    source: host.source,
    notes: host.notes,
  };
  if (d.x86Level) report.x86Level = d.x86Level;
  for (const k of ['family', 'modelNumber', 'machineType', 'platform'] as const) if (host[k]) report[k] = host[k];
  return report;
}

export function formatProbeText(r: ProbeReport): string {
  const lines = [
    `CPU:                ${r.model || '(unknown model)'}${r.vendor ? ` (${r.vendor})` : ''}`,
    `Architecture:       ${r.arch}`,
    `Microarchitecture:  ${r.microarchitecture}`,
  ];
  if (r.x86Level) lines.push(`x86-64 level:       ${r.x86Level.replace('x86_64_', 'x86-64-')}`);
  lines.push(`${OPENJ9_PORTABLE}:    ${r.satisfiesPortable ? 'satisfied' : 'NOT satisfied'}`);
  lines.push(`Features (${r.features.length}):`, ...wrap(r.features, 96).map((l) => `  ${l}`));
  if (r.unknownFeatures.length) lines.push(`Not in the catalogue (${r.unknownFeatures.length}):`, ...wrap(r.unknownFeatures, 96).map((l) => `  ${l}`));
  for (const n of r.notes) lines.push(`Note: ${n}`);
  return lines.join('\n') + '\n';
}

function wrap(words: readonly string[], width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out;
}

export async function runProbe(args: string[]): Promise<number> {
  const { values } = parseOptions({ args, strict: true, options: { from: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
  if (values.help) {
    process.stdout.write(PROBE_USAGE);
    return EXIT_OK;
  }
  const report = probeReport(await readHost(values.from));
  process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : formatProbeText(report));
  return EXIT_OK;
}
