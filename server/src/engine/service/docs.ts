// Hover text for manifest names: features, microarchitectures, baselines, restore-failure policies, keys.
// Facts come from the catalogue (archspec, OMR, Linux, NFD data) and the reference notes cited below.
import type { Arch, FeatureInfo, Microarchitecture } from '../catalog/types';
import {
  addedOverParents, aliasLabel, baselineNames, featuresOf, firstMicroarchitecturesWith, lookupMicroarchitecture, microarchitecturesOf,
  nfdLabelFor, nfdPublishedByDefault, resolveBaseline, spellingsOf, NFD_CPUID_LABEL_PREFIX, OPENJ9_PORTABLE,
} from '../catalog';
import type { Manifest } from '../manifest/model';
import { baselineFeatureIds, missingOnMicroarchitecture, type Requirements } from '../manifest/requirements';
import { schemaAt } from '../manifest/schema';
import { capitalised, listText, reasonPhrase } from '../rules/describe';
import type { ParsedYaml } from '../yaml/parse';

const VENDORS: Record<string, string> = { GenuineIntel: 'Intel', AuthenticAMD: 'AMD', generic: 'generic (x86-64 psABI levels)' };
export const vendorName = (v: string) => VENDORS[v] ?? v;
/** A display name that says more than the id (`Ivy Bridge`, `IBM z15`); none for `ivybridge` → `Ivybridge`. */
function displayNameOf(u: Microarchitecture): string | undefined {
  const d = u.displayName;
  return d && d.toLowerCase().replace(/[^a-z0-9]/g, '') !== u.name.toLowerCase().replace(/[^a-z0-9]/g, '') ? d : undefined;
}
/** `Haswell (haswell)`, the display name (`IBM z15 (z15)`), or just `x86_64_v3` when a label would repeat it. */
export const microLabel = (u: Microarchitecture) => {
  const shownName = displayNameOf(u) ?? (u.vendor === 'generic' ? undefined : capitalised(u.name));
  return shownName ? `${shownName} (\`${u.name}\`)` : `\`${u.name}\``;
};

export interface ManifestFacts {
  manifest: Manifest;
  requirements: Requirements;
  yaml: ParsedYaml;
}

export function featureDoc(f: FeatureInfo, facts?: ManifestFacts, hostFeatures?: ReadonlySet<string>): string {
  const lines: string[] = [`**${f.id}** · ${f.arch} CPU feature`, '', f.description, ''];
  const names: string[] = [];
  if (f.linux) names.push(`Linux \`${f.linux}\``);
  if (f.omr) names.push(`OpenJ9/OMR \`${f.omr}\`${f.omrConstant ? ` (\`${f.omrConstant}\`)` : ''}`);
  else if (f.omrConstant) names.push(`OMR \`${f.omrConstant}\``);
  if (f.nfd) {
    const suffix = nfdLabelFor(f);
    const label = suffix ? `${NFD_CPUID_LABEL_PREFIX}${suffix}` : undefined;
    const published = nfdPublishedByDefault(f.nfd) ? '' : ' (not published by NFD by default)';
    names.push(`NFD \`${f.nfd}\`${label ? ` → \`${label}\`${published}` : ''}`);
  }
  lines.push(`Names: ${names.join(' · ') || `\`${f.id}\``}`);
  const other = spellingsOf(f).filter((s) => ![f.id, f.linux, f.omr, f.omrConstant, f.nfd].includes(s));
  if (other.length) lines.push(`Also accepted: ${other.map((s) => `\`${s}\``).join(', ')}`);
  lines.push(`Bit: \`${f.bit}\``, '');
  const first = firstMicroarchitecturesWith(f.arch, f.id);
  if (first.length) {
    lines.push('First microarchitectures with it:');
    for (const { vendor, names: ns } of first) {
      lines.push(`- ${vendorName(vendor)}: ${ns.map((n) => microLabel(lookupMicroarchitecture(n)!)).join(', ')}`);
    }
    lines.push('');
  }
  lines.push(baselinesLine(f));
  if (f.jitUtilized) lines.push('The OpenJ9 JIT uses it when the CPU has it.');
  if (facts) lines.push('', manifestLine(f, facts));
  if (hostFeatures) lines.push('', hostFeatures.has(f.id) ? 'This host has it.' : 'This host **lacks** it.');
  return lines.join('\n');
}

function baselinesLine(f: FeatureInfo): string {
  const portable = resolveBaseline(f.arch, OPENJ9_PORTABLE)!;
  const parts: string[] = [];
  if (portable.hostDefined) parts.push('`openj9-portable` on aarch64 is the checkpoint host\'s own features');
  else parts.push(f.openj9Portable || portable.features.has(f.id) ? 'inside `openj9-portable`' : 'outside `openj9-portable`');
  if (f.arch === 'x86_64') {
    const levels = ['x86_64_v2', 'x86_64_v3', 'x86_64_v4'].filter((l) => lookupMicroarchitecture(l)!.features.has(f.id));
    parts.push(levels.length ? `x86-64 levels: ${levels.map((l) => `\`${l}\``).join(', ')}` : 'in no x86-64 psABI level');
  }
  return `Baselines: ${parts.join('; ')}.`;
}

function manifestLine(f: FeatureInfo, facts: ManifestFacts): string {
  const reasons = facts.requirements.get(f.id);
  const base = facts.manifest.baseline;
  const inBase = baselineFeatureIds(facts.manifest)?.has(f.id);
  const baseText = base ? ` It is ${inBase ? 'inside' : 'outside'} this manifest's baseline \`${base.name}\`.` : '';
  if (!reasons?.length) return `This manifest: not required.${baseText}`;
  const why = reasons.map((r) => reasonPhrase(r, facts.yaml));
  return `This manifest: **every restore target needs it**: it is ${[...new Set(why)].join('; ')}.${baseText}`;
}

export function microDoc(u: Microarchitecture, facts?: ManifestFacts, hostFeatures?: ReadonlySet<string>, written?: string): string {
  const title = displayNameOf(u);
  const lines = [`**${u.name}**${title ? ` · ${title}` : ''}`, ''];
  const cloud = written ? aliasLabel(written) : undefined;
  if (cloud) lines.push(`\`${written}\` is ${cloud}, whose cores are \`${u.name}\`.`, '');
  lines.push(`Architecture \`${u.arch}\`, vendor ${vendorName(u.vendor)}.`);
  if (u.aliases.length) lines.push(`Also known as ${u.aliases.join(', ')}.`);
  if (u.cpuPart) lines.push(`CPU part ${u.cpuPart}.`);
  if (!u.detectable && u.arch !== 's390x') lines.push('Not in archspec: probe and detection name the nearest entry archspec lists.');
  if (u.generation) lines.push(`Generation ${u.generation}${u.machineTypes?.length ? ` (machine types ${u.machineTypes.join(', ')})` : ''}.`);
  if (u.parents.length) {
    lines.push(`Parents: ${u.parents.map((p) => `\`${p}\``).join(', ')}.`);
    const { over, added: adds } = addedOverParents(u);
    const overText = over.map((p) => p.name).join(' + ');
    lines.push(adds.length ? `Adds over ${overText}: ${listText(adds, 16)}.` : `Adds no CPU features over ${overText}.`);
  }
  lines.push(`${u.features.size} features in all.`);
  if (facts && facts.manifest.arch) {
    if (facts.manifest.arch !== u.arch) lines.push('', `This manifest is for \`${facts.manifest.arch}\`: a \`${u.arch}\` machine cannot restore it at all.`);
    else {
      const lacks = missingOnMicroarchitecture(facts.requirements, u);
      lines.push('', lacks.length
        ? `This manifest: a \`${u.name}\` machine **cannot** restore it: it lacks ${listText(lacks)} of the features the checkpoint needs.`
        : `This manifest: a \`${u.name}\` machine has every feature the checkpoint needs.`);
    }
  }
  if (hostFeatures) {
    const missing = [...u.features].filter((f) => !hostFeatures.has(f));
    lines.push('', missing.length ? `This host lacks ${listText(missing.sort())} of it.` : 'This host has all of it.');
  }
  return lines.join('\n');
}

export function baselineDoc(arch: Arch, name: string, facts?: ManifestFacts, hostFeatures?: ReadonlySet<string>): string | undefined {
  const b = resolveBaseline(arch, name);
  if (!b) return undefined;
  if (b.kind !== 'openj9-portable') {
    const u = lookupMicroarchitecture(b.name)!;
    return `Baseline: every restore target must have all features of \`${b.name}\`.\n\n${microDoc(u, facts, hostFeatures)}`;
  }
  // domain-facts §1.1: J9CPU.cpp detectRelocatable per arch.
  const what: Record<Arch, string> = {
    x86_64: 'OpenJ9\'s portable JIT set on x86-64, labelled "Sandy Bridge": the JIT emits only these features before a checkpoint (intersected with the checkpoint host\'s).',
    ppc64le: 'OpenJ9\'s portable JIT set on Power: POWER8 (with HTM cleared).',
    s390x: 'OpenJ9\'s portable JIT set on IBM Z: z10.',
    aarch64: 'OpenJ9 has no fixed portable set on AArch64: the JIT uses the checkpoint host\'s own features, so they are the baseline (list them in `checkpoint.host.features`).',
  };
  const feats = [...b.features].sort();
  return [`**openj9-portable** · ${arch}`, '', what[arch], ...(feats.length ? ['', `Features: ${feats.map((f) => `\`${f}\``).join(', ')}.`] : [])].join('\n');
}

/**
 * The restore-failure policies, as the runtimes carry them out (docs/guard.md has the sources: Liberty bin/server,
 * CRIU cr-restore.c, openjdk/crac crac.cpp; openj9 issue 15882).
 */
export const POLICY_DOCS: Record<'exit' | 'cold-start', string> = {
  exit: [
    '**exit** · fail fast',
    '',
    'On a CPU that lacks a required feature the container stops before the restore and exits; Kubernetes shows CrashLoopBackOff with the missing features in the log.',
    '- **OpenJ9 CRIU**: OpenJ9 has no restore-time CPU check (eclipse-openj9/openj9#15882 is open): without a guard it restores anyway and the JVM crash-loops with SIGILL. Run the script `criu-portability guard` writes before the restore: it exits 3 naming the missing features.',
    '- **Open Liberty InstantOn**: Liberty restores with `criu restore --cpu-cap=none`, which succeeds on any CPU; the JVM then dies with SIGILL, whatever `CRIU_RESTORE_DISABLE_RECOVERY` says (it covers only a failing `criu restore`). Run the guard (`criu-portability guard`) in front of the image\'s command; also set `CRIU_RESTORE_DISABLE_RECOVERY=true` (exactly `true`) so a failing `criu restore` stops too.',
    '- **CRaC**: the default: the restoring JVM checks the CPU (`-XX:CheckCPUFeatures=compatible`) and refuses the image before it runs (`-XX:CheckCPUFeatures=skip` or `-XX:+IgnoreCPUFeatures` turn that off).',
    '',
    'Trade-off: right for scaled deployments (replicas > 1, autoscalers): a failing pod is visible and the scheduler can place it elsewhere, so slow never passes for healthy. Pair it with node affinity on NFD labels so pods land only where the restore succeeds.',
  ].join('\n'),
  'cold-start': [
    '**cold-start** · keep serving, slowly',
    '',
    'On a CPU that lacks a required feature the JVM starts normally without the checkpoint: seconds instead of milliseconds, no warmed JIT.',
    '- **OpenJ9 CRIU**: the guard `criu-portability guard` writes execs the normal start (`--cold-start-command`) instead of the restore; without a guard the JVM is restored anyway and crash-loops with SIGILL.',
    '- **Open Liberty InstantOn**: the guard execs the image\'s command with `--clean`, which makes Liberty launch without the checkpoint. Liberty\'s own fallback (CWWKE0961I) covers only a failing `criu restore`, not an incompatible CPU: without the guard the JVM crash-loops with SIGILL.',
    '- **CRaC**: `-XX:+CRaCIgnoreRestoreIfUnavailable`, with the main class on the restore command line: when the CPU check refuses the image the JVM starts normally.',
    '',
    'Trade-off: keeps a lone instance on hardware you do not control alive. In a scaled fleet it hides the problem: some pods are silently slow to start.',
  ].join('\n'),
};

export const POLICY_NOT_OFFERED = [
  'Not offered, though debated in eclipse-openj9/openj9#15882:',
  '- *restore, discard all JIT code and run interpreted*: keeps the process alive but slow ("an awfully big hammer"), and glibc routines chosen at checkpoint still run; no runtime implements it.',
  '- *throw an exception*: unsafe, since user code may catch it while JIT-compiled code keeps running; no runtime implements it.',
].join('\n');

/** The bullet each runtime's lines start with in POLICY_DOCS. */
const RUNTIME_BULLETS: Record<Manifest['runtime'], string> = { openj9: '- **OpenJ9', liberty: '- **Open Liberty', crac: '- **CRaC' };

/** A policy's doc; with a runtime, only that runtime's bullet (a `runtime: openj9` manifest has no use for CRaC's). */
export function policyDoc(value: string, runtime?: Manifest['runtime']): string | undefined {
  const doc = POLICY_DOCS[value as 'exit' | 'cold-start'];
  if (!doc) return undefined;
  const others = runtime ? Object.entries(RUNTIME_BULLETS).filter(([r]) => r !== runtime).map(([, b]) => b) : [];
  const kept = doc.split('\n').filter((line) => !others.some((b) => line.startsWith(b))).join('\n');
  return `${kept}\n\n${POLICY_NOT_OFFERED}`;
}

const ARCH_DOCS: Record<string, string> = {
  x86_64: '64-bit x86 (Intel, AMD). Kubernetes calls it `amd64`.',
  amd64: 'The Kubernetes spelling of `x86_64`.',
  aarch64: '64-bit Arm (Neoverse, Graviton, Ampere, Apple silicon). Kubernetes calls it `arm64`.',
  arm64: 'The Kubernetes spelling of `aarch64`.',
  ppc64le: 'IBM Power, little-endian (POWER8 and later).',
  s390x: 'IBM Z and LinuxONE.',
};
export const archDoc = (v: string) => ARCH_DOCS[v];

/** The schema's description of the key at a path (indices step into `items`). */
export function keyDoc(path: readonly (string | number)[]): string | undefined {
  const pointer = path.map((s) => `/${s}`).join('');
  const node = schemaAt(pointer);
  const desc = node?.description;
  if (typeof desc !== 'string') return undefined;
  const name = String(path[path.length - 1]);
  const allowed = Array.isArray(node!.enum) ? `\n\nValues: ${(node!.enum as unknown[]).map((v) => `\`${v}\``).join(', ')}.` : '';
  const def = node!.default !== undefined ? ` Default \`${node!.default}\`.` : '';
  return `**${name}**\n\n${desc}${def}${allowed}`;
}

export { baselineNames, featuresOf, microarchitecturesOf };
