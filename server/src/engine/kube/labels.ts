// NFD cpuid label requirements of a workload, resolved against the catalogue.
import { ARCHES, NFD_CPUID_LABEL_PREFIX, NFD_LEVELS, lookupFeature, lookupNfdName, nfdPublishedByDefault, normalizeArch, suggestFeatures, type Arch } from '../catalog';
import { nodeSpan } from '../yaml/nodes';
import { archPins, isCpuidLabel, NFD_CPUID_ATTRIBUTES, type LabelRequirement } from './constraints';
import type { WorkloadContext } from './types';

/** The arch labels are read in: the manifest's, else the pinned one, else x86_64 (NFD's denylist is x86's). */
export function labelArch(ctx: WorkloadContext): Arch {
  if (ctx.arch) return ctx.arch;
  for (const p of archPins(ctx.constraints) ?? []) {
    const a = normalizeArch(p.value);
    if (a) return a;
  }
  return 'x86_64';
}

export function cpuidRequirements(ctx: WorkloadContext): LabelRequirement[] {
  return ctx.constraints.all.filter((r) => isCpuidLabel(r.key));
}

export function nfdName(r: LabelRequirement): string {
  return r.key.slice(NFD_CPUID_LABEL_PREFIX.length);
}

export function isKnownNfdName(arch: Arch, name: string, archKnown: boolean): boolean {
  if (NFD_CPUID_ATTRIBUTES.has(name)) return true;
  if (lookupNfdName(arch, name)) return true;
  return !archKnown && ARCHES.some((a) => lookupNfdName(a, name));
}

/** Closest real NFD names for a misspelt one (`AVX-2` -> AVX2, `avx2` -> AVX2, `x86_64_v3` -> X86_64_V3). */
export function suggestNfdNames(arch: Arch, name: string): string[] {
  const level = NFD_LEVELS.find((l) => l.toLowerCase() === name.toLowerCase().replace(/-/g, '_'));
  if (level && arch === 'x86_64') return [level];
  const exact = (lookupFeature(arch, name) ?? lookupFeature(arch, name.replace(/[-.\s]/g, '')))?.nfd;
  if (exact) return [exact];
  const out: string[] = [];
  for (const id of suggestFeatures(arch, name, 5)) {
    const n = lookupFeature(arch, id)?.nfd;
    if (n && !out.includes(n) && nfdPublishedByDefault(n)) out.push(n);
  }
  return out.slice(0, 3);
}

/** Span of the NFD name inside the label key's scalar, for replacing just the name. */
export function nameSpan(source: string, r: LabelRequirement): [number, number] | undefined {
  const s = nodeSpan(r.keyNode);
  if (!s) return undefined;
  const raw = source.slice(s[0], s[1]);
  const name = nfdName(r);
  const at = raw.lastIndexOf(name);
  return at === -1 ? undefined : [s[0] + at, s[0] + at + name.length];
}

export function findRequirement(ctx: WorkloadContext, line: number, character: number): LabelRequirement | undefined {
  return cpuidRequirements(ctx).find((r) => {
    const s = nodeSpan(r.keyNode);
    if (!s) return false;
    const p = ctx.analysis.yaml.pos(s[0]);
    return p.line === line && p.character === character;
  });
}
