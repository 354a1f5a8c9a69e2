// Features per arch with every spelling; lookup maps are built once at module load.
import { distance } from 'fastest-levenshtein';
import { FEATURE_TABLES, OMR_CONSTANT_PREFIX } from './generated/features';
import { normalizeName } from './normalize';
import { decodeFeatureRows } from './tables';
import { ARCHES, type Arch, type FeatureInfo } from './types';

const byArch = new Map<Arch, FeatureInfo[]>(ARCHES.map((a) => [a, []]));
/** arch -> normalised spelling -> feature */
const index = new Map<Arch, Map<string, FeatureInfo>>(ARCHES.map((a) => [a, new Map()]));

for (const [arch, id, linux, omr, omrConstant, nfd, aliases, bit, description, flags] of decodeFeatureRows(FEATURE_TABLES, OMR_CONSTANT_PREFIX)) {
  const f: FeatureInfo = Object.freeze({
    arch, id, linux, omr, omrConstant, nfd,
    aliases: aliases ? aliases.split(' ') : [],
    bit, description,
    openj9Portable: (flags & 1) !== 0,
    jitUtilized: (flags & 2) !== 0,
  });
  byArch.get(arch)!.push(f);
  const m = index.get(arch)!;
  for (const name of spellingsOf(f)) {
    const key = normalizeName(name);
    if (!m.has(key)) m.set(key, f); // the generator guarantees no two features share a spelling
  }
}

/** Every spelling of a feature: id, Linux, OMR name and constant, NFD name, aliases. */
export function spellingsOf(f: FeatureInfo): string[] {
  const names = [f.id, f.linux, f.omr, f.omrConstant, f.nfd, ...f.aliases].filter((n): n is string => !!n);
  return [...new Set(names)];
}

export function featuresOf(arch: Arch): readonly FeatureInfo[] {
  return byArch.get(arch) ?? [];
}

/** Resolves any spelling (`pni`, `sse3`, `SSE3`, `OMR_FEATURE_X86_SSE3`, `sse4.1`, `SSE4`) to the arch's feature. */
export function lookupFeature(arch: Arch, name: string): FeatureInfo | undefined {
  return index.get(arch)?.get(normalizeName(name));
}

/** The feature on every arch that knows this spelling (to say "avx2 is an x86_64 feature"). */
export function lookupFeatureAnyArch(name: string): FeatureInfo[] {
  const key = normalizeName(name);
  return ARCHES.map((a) => index.get(a)!.get(key)).filter((f): f is FeatureInfo => !!f);
}

/** Canonical id of a spelling, or undefined. */
export function canonicalFeatureId(arch: Arch, name: string): string | undefined {
  return lookupFeature(arch, name)?.id;
}

/**
 * Did-you-mean: canonical ids closest to an unknown name. Edit distance over every spelling, with a
 * bonus for sharing the name's alphabetic stem (`avx3` -> `avx2`, `avx512f`, ...).
 */
export function suggestFeatures(arch: Arch, name: string, max = 3): string[] {
  const q = normalizeName(name);
  if (!q) return [];
  const stem = q.replace(/[_\d]+$/, '');
  // Within a third of the name (at least 1): a 2-letter name is one edit from dozens of 2-letter features.
  const limit = Math.max(1, Math.floor(q.length / 3));
  const best = new Map<string, number>();
  for (const [key, f] of index.get(arch) ?? []) {
    const d = distance(q, key);
    if (d >= key.length) continue; // nothing of the name survives: not a suggestion
    const sharesStem = stem.length >= 3 && key.startsWith(stem);
    if (d > limit && !sharesStem) continue;
    const score = d - (sharesStem ? 0.5 : 0) + Math.abs(key.length - q.length) * 0.01;
    const prev = best.get(f.id);
    if (prev === undefined || score < prev) best.set(f.id, score);
  }
  return [...best].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, max).map(([id]) => id);
}
