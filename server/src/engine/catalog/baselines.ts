// Baselines: `openj9-portable` per arch, the x86-64 psABI levels, and any microarchitecture name.
import { featuresOf } from './features';
import { lookupMicroarchitecture, microarchitecturesOf } from './microarchitectures';
import { normalizeName } from './normalize';
import type { Arch, Baseline } from './types';

export const OPENJ9_PORTABLE = 'openj9-portable';
const X86_LEVELS = new Set(['x86_64_v2', 'x86_64_v3', 'x86_64_v4']);

/**
 * OpenJ9's portable set per arch (domain-facts §1.1, J9CPU.cpp detectRelocatable): x86_64 the 12
 * "Sandy Bridge" features; ppc64le POWER8 with HTM cleared; s390x z10; aarch64 none (host-defined).
 */
function openj9Portable(arch: Arch): Baseline {
  const features = new Set(featuresOf(arch).filter((f) => f.openj9Portable).map((f) => f.id));
  return { name: OPENJ9_PORTABLE, arch, kind: 'openj9-portable', features, hostDefined: arch === 'aarch64' };
}
const portable = new Map<Arch, Baseline>();

export function resolveBaseline(arch: Arch, name: string): Baseline | undefined {
  const key = normalizeName(name);
  if (key === normalizeName(OPENJ9_PORTABLE)) {
    if (!portable.has(arch)) portable.set(arch, openj9Portable(arch));
    return portable.get(arch);
  }
  const u = lookupMicroarchitecture(name);
  if (!u || u.arch !== arch) return undefined;
  const kind = X86_LEVELS.has(u.name) ? 'x86-64-level' : 'microarchitecture';
  return { name: u.name, arch, kind, features: u.features, hostDefined: false };
}

/** Names accepted as `baseline:` for the arch (for completion), `openj9-portable` first. */
export function baselineNames(arch: Arch): string[] {
  return [OPENJ9_PORTABLE, ...microarchitecturesOf(arch).map((u) => u.name)];
}
