// Microarchitectures (archspec x86_64/aarch64/ppc64le, POWER and IBM Z generations) and queries over them.
import { distance } from 'fastest-levenshtein';
import { MICROARCHITECTURE_ALIASES, MICROARCHITECTURE_TABLE } from './generated/microarchitectures';
import { normalizeName } from './normalize';
import { decodeMicroarchitectureRows } from './tables';
import { ARCHES, type Arch, type Microarchitecture } from './types';

const all: Microarchitecture[] = decodeMicroarchitectureRows(MICROARCHITECTURE_TABLE).map(
  ([name, arch, vendor, parents, features, generation, machineTypes, displayName, cpuPart, detectable]) =>
    Object.freeze({
      name, arch, vendor,
      parents: parents ? parents.split(' ') : [],
      features: new Set(features ? features.split(' ') : []) as ReadonlySet<string>,
      generation,
      machineTypes: machineTypes?.split(' '),
      displayName,
      cpuPart,
      detectable,
      aliases: Object.values(MICROARCHITECTURE_ALIASES).filter(([to]) => to === name).map(([, label]) => label),
    }),
);
const byName = new Map(all.map((u) => [normalizeName(u.name), u]));
const byArch = new Map<Arch, Microarchitecture[]>(ARCHES.map((a) => [a, all.filter((u) => u.arch === a)]));
const ancestorCache = new Map<string, string[]>();

/** A cloud name as users type it: `Graviton 3`, `graviton-3`, `AWS Graviton3`, `Cobalt 100` → `graviton3`, `cobalt100`. */
function aliasKey(name: string): string {
  return normalizeName(name).replace(/^(aws|google|microsoft|azure|nvidia)_+/, '').replace(/_/g, '');
}

/**
 * Case-insensitive, `-`/`.`/`_` insensitive: `zEC12`, `skylake-avx512`, `x86-64-v3`; cloud names (`graviton3`,
 * `Cobalt 100`, `AmpereOne`) resolve to the microarchitecture of their cores.
 */
export function lookupMicroarchitecture(name: string): Microarchitecture | undefined {
  const direct = byName.get(normalizeName(name));
  if (direct) return direct;
  const alias = MICROARCHITECTURE_ALIASES[aliasKey(name)];
  return alias ? byName.get(normalizeName(alias[0])) : undefined;
}

/** The label of the cloud name `name` is (`AWS Graviton3`), when it is one rather than a microarchitecture's own name. */
export function aliasLabel(name: string): string | undefined {
  if (byName.has(normalizeName(name))) return undefined;
  return MICROARCHITECTURE_ALIASES[aliasKey(name)]?.[1];
}

export function microarchitecturesOf(arch: Arch): readonly Microarchitecture[] {
  return byArch.get(arch) ?? [];
}

const tracked = new Map<Arch, ReadonlySet<string>>();

/**
 * The features some microarchitecture of the arch lists. archspec does not track every feature (erms, rtm, sha_ni
 * before icelake...): for the others a microarchitecture name says nothing either way.
 */
export function trackedFeatures(arch: Arch): ReadonlySet<string> {
  let set = tracked.get(arch);
  if (!set) {
    set = new Set(microarchitecturesOf(arch).flatMap((u) => [...u.features]));
    tracked.set(arch, set);
  }
  return set;
}

const lineage = new Map<string, ReadonlySet<string>>();

/**
 * The features a microarchitecture name can be judged on: those listed anywhere in its own lineage (ancestors,
 * itself, descendants). archspec tracks features per vendor line: sha_ni, adx or rdrand appear on Intel entries
 * only, so their absence from zen3 means "not tracked", not "lacking". A feature a descendant adds and the name
 * does not list is one the name lacks.
 */
export function trackedFor(u: Microarchitecture): ReadonlySet<string> {
  let set = lineage.get(u.name);
  if (!set) {
    const related = new Set([u.name, ...ancestorsOf(u.name)]);
    for (const other of microarchitecturesOf(u.arch)) if (ancestorsOf(other.name).includes(u.name)) related.add(other.name);
    set = new Set([...related].flatMap((n) => [...(lookupMicroarchitecture(n)?.features ?? [])]));
    lineage.set(u.name, set);
  }
  return set;
}

/**
 * What a microarchitecture adds over its own vendor's parents (haswell over ivybridge, not over the generic
 * x86_64_v3 it also descends from, whose union hides what haswell adds), or over all parents when none is the
 * vendor's. Hover and `criu-portability explain` both say it this way.
 */
export function addedOverParents(u: Microarchitecture): { over: Microarchitecture[]; added: string[] } {
  const parents = u.parents.map((p) => lookupMicroarchitecture(p)).filter((p): p is Microarchitecture => !!p);
  const own = parents.filter((p) => p.vendor === u.vendor);
  const over = own.length ? own : parents;
  const inherited = new Set(over.flatMap((p) => [...p.features]));
  return { over, added: [...u.features].filter((f) => !inherited.has(f)).sort() };
}

/** Every ancestor (transitively through `parents`), nearest first; [] for unknown names. */
export function ancestorsOf(name: string): string[] {
  const u = lookupMicroarchitecture(name);
  if (!u) return [];
  const cached = ancestorCache.get(u.name);
  if (cached) return cached;
  const seen: string[] = [];
  const queue = [...u.parents];
  while (queue.length) {
    const p = queue.shift()!;
    if (seen.includes(p)) continue;
    seen.push(p);
    queue.push(...(byName.get(normalizeName(p))?.parents ?? []));
  }
  ancestorCache.set(u.name, seen);
  return seen;
}

/** Did-you-mean for microarchitecture names of one arch. */
export function suggestMicroarchitectures(arch: Arch, name: string, max = 3): string[] {
  const q = normalizeName(name);
  const stem = q.replace(/[_\d]+$/, '');
  return microarchitecturesOf(arch)
    .map((u) => {
      const key = normalizeName(u.name);
      const sharesStem = stem.length >= 3 && key.startsWith(stem);
      return { name: u.name, d: distance(q, key) - (sharesStem ? 0.5 : 0), ok: sharesStem || distance(q, key) <= Math.max(2, Math.floor(q.length / 3)) };
    })
    .filter((c) => c.ok)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((c) => c.name);
}

const covers = (u: Microarchitecture, fs: readonly string[]) => fs.every((f) => u.features.has(f));

/**
 * The oldest microarchitectures per vendor that have a feature: those whose same-vendor ancestors
 * all lack it (avx2 -> Intel haswell, AMD excavator and zen, generic x86_64_v3).
 */
export function firstMicroarchitecturesWith(arch: Arch, featureId: string): { vendor: string; names: string[] }[] {
  const result = new Map<string, string[]>();
  for (const u of microarchitecturesOf(arch)) {
    if (!u.features.has(featureId)) continue;
    const earlier = ancestorsOf(u.name)
      .map((n) => lookupMicroarchitecture(n)!)
      .some((a) => a.vendor === u.vendor && a.features.has(featureId));
    if (earlier) continue;
    result.set(u.vendor, [...(result.get(u.vendor) ?? []), u.name]);
  }
  return [...result].map(([vendor, names]) => ({ vendor, names }));
}

/**
 * The oldest microarchitecture of the arch whose features include the set: among the minimal covering
 * entries (no covering ancestor), a vendor-neutral level (x86_64_v2/v3/v4) when one covers, else the one
 * with the fewest features, then the fewest ancestors. {avx2, fma} -> x86_64_v3; OpenJ9 x86 set + avx2
 * (needs aes, which no psABI level has) -> haswell.
 */
export function oldestCovering(arch: Arch, features: Iterable<string>): Microarchitecture | undefined {
  const wanted = [...new Set(features)];
  const covering = microarchitecturesOf(arch).filter((u) => covers(u, wanted));
  const minimal = covering.filter(
    (u) => !ancestorsOf(u.name).some((a) => covering.some((c) => c.name === a)),
  );
  const rank = (u: Microarchitecture) => [u.vendor === 'generic' ? 0 : 1, u.features.size, ancestorsOf(u.name).length];
  return minimal.sort((a, b) => {
    const ra = rank(a), rb = rank(b);
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || a.name.localeCompare(b.name);
  })[0];
}

export type X86Level = 'x86_64_v1' | 'x86_64_v2' | 'x86_64_v3' | 'x86_64_v4';
const LEVELS: readonly [X86Level, string][] = [
  ['x86_64_v4', 'x86_64_v4'], ['x86_64_v3', 'x86_64_v3'], ['x86_64_v2', 'x86_64_v2'], ['x86_64_v1', 'x86_64'],
];

/** Highest x86-64 psABI level whose features (archspec level entries, v1 = the x86_64 baseline) are all present. */
export function x86Level(features: Iterable<string>): X86Level | undefined {
  const have = new Set(features);
  for (const [level, entry] of LEVELS) {
    const u = lookupMicroarchitecture(entry)!;
    if ([...u.features].every((f) => have.has(f))) return level;
  }
  return undefined;
}
