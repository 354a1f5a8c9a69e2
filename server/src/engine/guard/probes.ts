// How the guard script recognises one required feature in a Linux CPU capture: the same evidence the engine's
// own parser accepts (probe/linuxCpuinfo.ts, probe/canonicalize.ts), so the script and `check-host` agree.
import { featuresOf, lookupMicroarchitecture, normalizeName, spellingsOf } from '../catalog';
import type { Arch, FeatureInfo } from '../catalog/types';

export interface FeatureProbe {
  /** Canonical id, as the engine names it. */
  id: string;
  /** Every spelling the engine maps to this feature, normalised (lower case, `-./` as `_`). */
  tokens: string[];
  /** aarch64/ppc64le: a numeric AT_HWCAP (word 0) or AT_HWCAP2 (word 1) bit that also says so. */
  hwcap?: { word: 0 | 1; bit: number };
  /** s390x: STFLE facility bits that, all present in the `facilities` line, say so. */
  facilities?: number[];
  /** ppc64le without an auxiliary vector: the POWER generations every processor of which has it. */
  powerGenerations?: number[];
}

/** Spellings the script can compare with `case`: shell-safe by construction, anything else is dropped. */
const SAFE = /^[a-z0-9_+]+$/;

export function featureProbe(arch: Arch, id: string): FeatureProbe {
  const f = featuresOf(arch).find((x) => x.id === id);
  if (!f) return { id, tokens: SAFE.test(normalizeName(id)) ? [normalizeName(id)] : [] };
  const probe: FeatureProbe = { id, tokens: spellings(f) };
  // The engine reads numeric AT_HWCAP words on aarch64 (hwcapFeatureIds) and ppc64le (ppcHwcapNames, same bits).
  if (arch === 'aarch64' || arch === 'ppc64le') {
    const m = /AT_HWCAP(2)? bit (\d+)/.exec(f.bit);
    if (m) probe.hwcap = { word: m[1] ? 1 : 0, bit: Number(m[2]) };
  }
  if (arch === 's390x') {
    const m = /STFLE bits? (\d+)((?:\s*&\s*\d+)*)/.exec(f.bit);
    if (m) probe.facilities = [Number(m[1]), ...[...m[2]!.matchAll(/\d+/g)].map((d) => Number(d[0]))];
  }
  if (arch === 'ppc64le') probe.powerGenerations = powerGenerationsWith(id);
  return probe;
}

function spellings(f: FeatureInfo): string[] {
  return [...new Set(spellingsOf(f).map(normalizeName))].filter((n) => SAFE.test(n));
}

/** POWER generations (power<N>le in the catalogue) whose every processor has the feature. */
function powerGenerationsWith(id: string): number[] {
  const out: number[] = [];
  for (let g = 1; g <= 20; g++) {
    const u = lookupMicroarchitecture(`power${g}le`);
    if (u?.features.has(id)) out.push(g);
  }
  return out;
}
