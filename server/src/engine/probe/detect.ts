// Names the host's microarchitecture the way archspec does (archspec/archspec
// archspec/cpu/detect.py: `compatibility_check_for_x86_64`, `..._for_aarch64`, `..._for_power`,
// `host()`), over this project's catalogue, plus IBM Z by machine type and facilities.
import { ancestorsOf, microarchitecturesOf, resolveBaseline, x86Level } from '../catalog/index';
import type { Arch, Microarchitecture } from '../catalog/types';
import type { HostCpu } from './types';

export interface Detection {
  microarchitecture: string;
  /** x86_64 only: the highest x86-64 psABI level the host satisfies (`x86_64_v3`). */
  x86Level?: string;
  /** The host has every feature of the arch's `openj9-portable` baseline (always true on aarch64). */
  satisfiesPortable: boolean;
  /** Every compatible microarchitecture: the chosen one first, then the rest by archspec's ranking. */
  candidates: string[];
  /**
   * A better microarchitecture the host misses by one or two features (`zen3` without `abm`): usually a flag a
   * hypervisor or the firmware hides. Says why the detected name is older than the CPU model suggests.
   */
  nearMiss?: { microarchitecture: string; missing: string[] };
}

/** How many missing features still count as "nearly" a microarchitecture. */
const NEAR_MISS_MAX = 2;

/**
 * archspec microarchitectures.json `feature_aliases`: `sse3` is satisfied by `ssse3` (ssse3 is a
 * superset and may be the only one listed); altivec, vsx and fma are assumed on ppc64le; neon on
 * aarch64. (`sse3` is `pni` in this catalogue.)
 */
function hasFeature(arch: Arch, have: ReadonlySet<string>, id: string): boolean {
  if (have.has(id)) return true;
  if (arch === 'x86_64' && id === 'pni') return have.has('ssse3');
  if (arch === 'ppc64le') return id === 'altivec' || id === 'vsx' || id === 'fma';
  if (arch === 'aarch64') return id === 'neon';
  return false;
}

function hasAll(arch: Arch, have: ReadonlySet<string>, m: Microarchitecture): boolean {
  for (const f of m.features) if (!hasFeature(arch, have, f)) return false;
  return true;
}

function depth(m: Microarchitecture): number {
  return ancestorsOf(m.name).length;
}

/** archspec's sort key: most ancestors, then most features. Stable: earlier catalogue entries win ties. */
function best(list: readonly Microarchitecture[]): Microarchitecture | undefined {
  let top: Microarchitecture | undefined;
  for (const m of list) {
    if (!top || depth(m) > depth(top) || (depth(m) === depth(top) && m.features.size > top.features.size)) top = m;
  }
  return top;
}

function rankByBest(list: readonly Microarchitecture[]): string[] {
  return [...list]
    .map((m, i) => ({ m, i }))
    .sort((a, b) => depth(b.m) - depth(a.m) || b.m.features.size - a.m.features.size || a.i - b.i)
    .map(({ m }) => m.name);
}

function rootOf(all: readonly Microarchitecture[]): Microarchitecture | undefined {
  return all.find((m) => m.parents.length === 0);
}

function generationOf(host: HostCpu): number {
  const text = `${host.platform ?? ''} ${host.model}`;
  const m = /power(\d+)/i.exec(text);
  return m ? Number(m[1]) : 0;
}

function compatible(host: HostCpu, all: readonly Microarchitecture[], have: ReadonlySet<string>): Microarchitecture[] {
  switch (host.arch) {
    case 'x86_64':
      return all.filter((m) => (m.vendor === host.vendor || m.vendor === 'generic') && hasAll('x86_64', have, m));
    case 'aarch64': {
      // archspec: a generic target other than the root never matches ("not clear how to detect
      // compatibility with a specific version of the architecture").
      const usable = all.filter((m) => (m.vendor === host.vendor || m.vendor === 'generic') && (m.vendor !== 'generic' || m.parents.length === 0));
      // macOS cannot list every feature, so archspec takes the model from the brand string and
      // accepts it and its ancestors (the sysctl parser puts that model, `m1`, in `platform`).
      if (host.vendor === 'Apple' && host.platform) {
        const model = host.platform;
        const lineage = new Set([model, ...ancestorsOf(model)]);
        if (all.some((m) => m.name === model)) return usable.filter((m) => lineage.has(m.name));
      }
      return usable.filter((m) => hasAll('aarch64', have, m));
    }
    case 'ppc64le': {
      // archspec compatibility_check_for_power: generation from `POWER(\d+)` in the cpu line; a
      // target fits when its generation is at most the host's.
      const generation = generationOf(host);
      return all.filter((m) => (m.generation ?? 0) <= generation);
    }
    case 's390x': {
      // Not in archspec. The machine type names the generation exactly; without one, the newest
      // generation whose facilities are all present.
      const byType = host.machineType ? all.find((m) => m.machineTypes?.includes(host.machineType!)) : undefined;
      if (byType) {
        const lineage = new Set([byType.name, ...ancestorsOf(byType.name)]);
        return all.filter((m) => lineage.has(m.name));
      }
      return all.filter((m) => hasAll('s390x', have, m));
    }
  }
}

export function detect(host: HostCpu): Detection {
  // Only what archspec itself lists (and the IBM Z generations, which archspec lacks): detection answers as host() does.
  const all = microarchitecturesOf(host.arch).filter((m) => m.detectable);
  const have = new Set(host.features);
  let candidates = compatible(host, all, have);
  const root = rootOf(all);
  if (candidates.length === 0 && root) candidates = [root];

  // archspec host(), step by step: the best generic candidate first; then, on aarch64, only the candidates whose
  // CPU part is the host's, when any is (Neoverse N2 0xd49 has every feature Neoverse V2 lists); then only
  // descendants of that generic candidate, so that one missing niche feature (disabled in firmware, hidden by a
  // hypervisor) does not drop the host to an old model; the best of those, else the generic one.
  const bestGeneric = best(candidates.filter((m) => m.vendor === 'generic'));
  let narrowed = candidates;
  if (host.cpuPart && candidates.some((m) => m.cpuPart === host.cpuPart)) narrowed = candidates.filter((m) => m.cpuPart === host.cpuPart);
  let chosen: Microarchitecture | undefined;
  if (bestGeneric) {
    const descendants = narrowed.filter((m) => ancestorsOf(m.name).includes(bestGeneric.name));
    chosen = descendants.length > 0 ? best(descendants) : bestGeneric;
  } else {
    chosen = best(narrowed);
  }

  const result: Detection = {
    microarchitecture: chosen?.name ?? root?.name ?? host.arch,
    satisfiesPortable: satisfiesPortable(host, have, chosen),
    candidates: chosen ? [chosen.name, ...rankByBest(candidates).filter((n) => n !== chosen!.name)] : rankByBest(candidates),
  };
  if (host.arch === 'x86_64') {
    const level = x86Level(host.features);
    if (level) result.x86Level = level;
    const near = nearMiss(host, all, have, chosen);
    if (near) result.nearMiss = near;
  }
  return result;
}

/** The deepest microarchitecture of the host's vendor (or a generic level) below the miss limit, deeper than chosen. */
function nearMiss(host: HostCpu, all: readonly Microarchitecture[], have: ReadonlySet<string>, chosen: Microarchitecture | undefined): Detection['nearMiss'] {
  let top: { m: Microarchitecture; missing: string[] } | undefined;
  for (const m of all) {
    if (m.vendor !== host.vendor && m.vendor !== 'generic') continue;
    if (chosen && depth(m) <= depth(chosen)) continue;
    const missing = [...m.features].filter((f) => !hasFeature(host.arch, have, f)).sort();
    if (missing.length === 0 || missing.length > NEAR_MISS_MAX) continue;
    // Only a successor of what was detected: a sibling line (an Intel name on an AMD host) says nothing.
    if (chosen && !ancestorsOf(m.name).includes(chosen.name)) continue;
    if (!top || depth(m) > depth(top.m) || (depth(m) === depth(top.m) && missing.length < top.missing.length)) top = { m, missing };
  }
  return top && { microarchitecture: top.m.name, missing: top.missing };
}

/** OpenJ9's portable processor where it is a generation (J9CPU.cpp detectRelocatable): POWER8, z10. */
const PORTABLE_GENERATION: Partial<Record<Arch, string>> = { ppc64le: 'power8le', s390x: 'z10' };

function satisfiesPortable(host: HostCpu, have: ReadonlySet<string>, chosen: Microarchitecture | undefined): boolean {
  const baseline = resolveBaseline(host.arch, 'openj9-portable');
  if (!baseline || baseline.hostDefined) return true;
  if ([...baseline.features].every((f) => hasFeature(host.arch, have, f))) return true;
  // A capture without the feature list (ppc64le cpuinfo without AT_HWCAP, s390x without a
  // `facilities` line) is judged by its generation instead.
  const generation = PORTABLE_GENERATION[host.arch];
  const incomplete = (host.arch === 'ppc64le' && !have.has('ppc64')) || (host.arch === 's390x' && !have.has('gi'));
  if (!generation || !incomplete || !chosen) return false;
  return chosen.name === generation || ancestorsOf(chosen.name).includes(generation);
}
