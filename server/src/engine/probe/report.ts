// What the "Probe Host CPU" command shows: the host, its microarchitecture, and for every manifest whether this
// host can restore its image (it must have every feature of the manifest's requirement set R).
import type { Arch } from '../catalog/types';
import { lookupFeature, resolveBaseline, NFD_CPUID_LABEL_PREFIX } from '../catalog';
import { coverFor } from '../kube/nfdCover';
import type { ManifestContext } from '../manifest/context';
import type { HostCpu } from './types';
import { glibcRelevantFeatures, judgeGlibc, suggestedTunables } from '../manifest/glibc';
import { detect, type Detection } from './detect';
import { renderScalar } from '../edit/text';

export interface ManifestVerdict {
  uri: string;
  name: string;
  ok: boolean;
  /** Missing features of R, canonical ids; set when the arch matches. */
  missing: string[];
  /** Set when the manifest is for another architecture. */
  archMismatch?: Arch;
}

export interface HostReport {
  host: HostCpu;
  detection: Detection;
  /** Host features inside the x86/ppc/s390 openj9-portable baseline, for marking in the feature list. */
  baselineFeatures: string[];
  manifests: ManifestVerdict[];
}

export function verdictFor(host: HostCpu, ctx: ManifestContext): ManifestVerdict {
  const name = ctx.manifest.name?.value ?? ctx.uri.split('/').pop() ?? ctx.uri;
  if (ctx.manifest.arch && ctx.manifest.arch !== host.arch) {
    return { uri: ctx.uri, name, ok: false, missing: [], archMismatch: ctx.manifest.arch };
  }
  const has = new Set(host.features);
  const missing = [...ctx.requirements.keys()].filter((id) => !has.has(id)).sort();
  return { uri: ctx.uri, name, ok: missing.length === 0, missing };
}

export function hostReport(host: HostCpu, manifests: Iterable<ManifestContext>): HostReport {
  const portable = resolveBaseline(host.arch, 'openj9-portable');
  const baselineFeatures = portable ? host.features.filter((f) => portable.features.has(f)) : [];
  return { host, detection: detect(host), baselineFeatures, manifests: [...manifests].map((m) => verdictFor(host, m)) };
}

/** "This host can restore this image" / "This host lacks avx2, fma": the language status text. */
export function verdictText(v: ManifestVerdict): string {
  if (v.archMismatch) return `This host cannot restore this image (it is ${v.archMismatch})`;
  if (v.ok) return 'This host can restore this image';
  const shown = v.missing.slice(0, 6).join(', ');
  return `This host lacks ${shown}${v.missing.length > 6 ? ` and ${v.missing.length - 6} more` : ''}`;
}

/** A new checkpoint manifest describing this host as the checkpoint host. */
/** `baseline` is the project's default (.criu-portability.yaml defaults.baseline) when it has one. */
export function manifestFromHost(host: HostCpu, detection: Detection, name: string, baseline = 'openj9-portable'): string {
  const features = wrap(host.features, '    features: [', 110);
  // Mask what glibc on this host would pick outside the baseline, so the new manifest starts clean.
  // The glibc release is not known here: the mask carries each release's spelling (AVX2_Usable and AVX2 ...).
  const inBaseline = resolveBaseline(host.arch, baseline)?.features ?? new Set<string>();
  const verdict = judgeGlibc({
    host: { arch: host.arch, vendor: host.vendor, microarchitecture: detection.microarchitecture, features: new Set(host.features) },
    runtime: 'openj9',
    baseline: inBaseline,
  });
  const mask = suggestedTunables(undefined, verdict);
  const tunables = mask ? `\n  glibcTunables: ${JSON.stringify(mask)}` : '';
  return `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: ${renderScalar(name, undefined, false)}
jvm:
  # -XX:+JVMPortableRestoreMode keeps OpenJ9's JIT code portable in every release (0.41 to 0.49 need it); state
  # the image's OpenJ9 release too (java -version prints openj9-0.x.y).
  options: [-XX:+EnableCRIUSupport, -XX:+JVMPortableRestoreMode]
arch: ${host.arch}
baseline: ${baseline}
checkpoint:
  host:
    model: ${JSON.stringify(host.model)}
    microarchitecture: ${detection.microarchitecture}
${features}${tunables}
restore:
  onIncompatibleCpu: exit
  targets: []
`;
}

/**
 * Node affinity for nodes that can run what this host's checkpoint may use: the features the OpenJ9 JIT uses or
 * that glibc selects routines by, expressed in labels NFD publishes by default (the same cover as the
 * cpu-node-affinity-missing fix: X86_64_V* levels for denylisted features). Virtualization and other system flags
 * (VMX, SYSCALL...) are left out: requiring them keeps pods Pending on cloud VMs.
 */
export function nodeAffinityForHost(host: HostCpu): string {
  const glibc = glibcRelevantFeatures(host.arch);
  const relevant = host.features.filter((id) => {
    const f = lookupFeature(host.arch, id);
    return f !== undefined && (f.jitUtilized || f.openj9Portable || glibc.has(id));
  });
  const { labels } = coverFor(host.arch, relevant);
  const exprs = [`- key: kubernetes.io/arch\n              operator: In\n              values: [${goArch(host.arch)}]`].concat(
    labels.map((l) => `- key: ${NFD_CPUID_LABEL_PREFIX}${l}\n              operator: In\n              values: ["true"]`),
  );
  return `affinity:
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms:
        - matchExpressions:
            ${exprs.join('\n            ')}
`;
}

function goArch(arch: Arch): string {
  return arch === 'x86_64' ? 'amd64' : arch === 'aarch64' ? 'arm64' : arch;
}

function wrap(items: readonly string[], prefix: string, width: number): string {
  const lines: string[] = [];
  let line = prefix;
  const indent = ' '.repeat(prefix.length);
  items.forEach((item, i) => {
    const piece = item + (i < items.length - 1 ? ',' : ']');
    if (line.length + piece.length + 1 > width && line.trim() !== prefix.trim()) {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += (line.endsWith('[') || line === indent ? '' : ' ') + piece;
  });
  if (items.length === 0) line += ']';
  lines.push(line);
  return lines.join('\n');
}
