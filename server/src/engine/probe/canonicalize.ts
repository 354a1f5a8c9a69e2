// Turns a parser's raw tokens into canonical catalogue ids (RawProbe -> HostCpu).
import { featuresOf, lookupFeature } from '../catalog/index';
import type { Arch } from '../catalog/types';
import type { HostCpu, RawProbe } from './types';

/** `STFLE bit 42 & 44; AT_HWCAP bit 6` -> [42, 44]; undefined when the feature has no STFLE bit. */
function stfleBits(bit: string): number[] | undefined {
  const m = /STFLE bits? (\d+)((?:\s*&\s*\d+)*)/.exec(bit);
  if (!m) return undefined;
  return [Number(m[1]), ...[...m[2]!.matchAll(/\d+/g)].map((d) => Number(d[0]))];
}

/**
 * s390x features whose STFLE facility bits are all in the `facilities` line. This is how facilities
 * the kernel does not name as HWCAP (mi_e2, gs's companions, ...) are found.
 */
export function s390FacilityFeatures(facilities: Iterable<number>): string[] {
  const have = new Set(facilities);
  const ids: string[] = [];
  for (const f of featuresOf('s390x')) {
    const bits = stfleBits(f.bit);
    if (bits && bits.every((b) => have.has(b))) ids.push(f.id);
  }
  return ids;
}

/** Canonical ids of the tokens the catalogue knows, and the rest verbatim. */
export function canonicalizeTokens(arch: Arch, tokens: Iterable<string>): { features: string[]; unknown: string[] } {
  const features = new Set<string>();
  const unknown = new Set<string>();
  for (const token of tokens) {
    const f = lookupFeature(arch, token);
    if (f) features.add(f.id);
    else unknown.add(token);
  }
  return { features: [...features].sort(), unknown: [...unknown].sort() };
}

export function toHostCpu(raw: RawProbe): HostCpu {
  const { features, unknown } = canonicalizeTokens(raw.arch, raw.tokens);
  const all = new Set(features);
  if (raw.facilities) for (const id of s390FacilityFeatures(raw.facilities)) all.add(id);
  const host: HostCpu = {
    arch: raw.arch,
    vendor: raw.vendor,
    model: raw.model,
    features: [...all].sort(),
    unknownFeatures: unknown,
    source: raw.source,
    notes: [...raw.notes],
  };
  if (raw.family !== undefined) host.family = raw.family;
  if (raw.modelNumber !== undefined) host.modelNumber = raw.modelNumber;
  if (raw.machineType !== undefined) host.machineType = raw.machineType;
  if (raw.platform !== undefined) host.platform = raw.platform;
  if (raw.cpuPart !== undefined) host.cpuPart = raw.cpuPart;
  return host;
}

/** `AT_HWCAP bit 8` / `AT_HWCAP2 bit 1 (0x00000002)` -> [word, bit]. */
function hwcapBit(bit: string): [0 | 1, number] | undefined {
  const m = /AT_HWCAP(2)? bit (\d+)/.exec(bit);
  return m ? [m[1] ? 1 : 0, Number(m[2])] : undefined;
}

/**
 * Canonical ids of the features whose AT_HWCAP / AT_HWCAP2 bits are set (binary /proc/self/auxv), using
 * the catalogue's bit positions (aarch64: kernel arch/arm64/include/uapi/asm/hwcap.h; ppc64le:
 * arch/powerpc/include/uapi/asm/cputable.h).
 */
export function hwcapFeatureIds(arch: Arch, hwcap: bigint | undefined, hwcap2: bigint | undefined): string[] {
  const ids: string[] = [];
  for (const f of featuresOf(arch)) {
    const at = hwcapBit(f.bit);
    if (!at) continue;
    const word = at[0] === 0 ? hwcap : hwcap2;
    if (word !== undefined && (word >> BigInt(at[1])) & 1n) ids.push(f.id);
  }
  return ids;
}
