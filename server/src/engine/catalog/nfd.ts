// Node Feature Discovery names (`feature.node.kubernetes.io/cpu-cpuid.<NAME>`), domain-facts §3.
import { NFD_X86_LEVELS } from './generated/microarchitectures';
import { featuresOf } from './features';
import type { Arch, FeatureInfo } from './types';

export const NFD_CPUID_LABEL_PREFIX = 'feature.node.kubernetes.io/cpu-cpuid.';

/**
 * NFD's default `attributeBlacklist` (node-feature-discovery source/cpu/cpu.go newDefaultConfig, same in
 * v0.18.3 and v0.19.0): these cpuid flags are never published as labels unless allow-listed.
 */
export const NFD_DENYLIST: ReadonlySet<string> = new Set([
  'AVX10', 'BMI1', 'BMI2', 'CLMUL', 'CMOV', 'CX16', 'ERMS', 'F16C', 'HTT', 'LZCNT', 'MMX', 'MMXEXT', 'NX',
  'POPCNT', 'RDRAND', 'RDSEED', 'RDTSCP', 'SGX', 'SGXLC', 'SSE', 'SSE2', 'SSE3', 'SSE4', 'SSE42', 'SSSE3',
  'TDX_GUEST',
]);

export type NfdLevel = 'X86_64_V1' | 'X86_64_V2' | 'X86_64_V3' | 'X86_64_V4';
export const NFD_LEVELS: readonly NfdLevel[] = ['X86_64_V1', 'X86_64_V2', 'X86_64_V3', 'X86_64_V4'];

/** The cpu-cpuid label suffix NFD uses for a feature, if NFD knows it. */
export function nfdLabelFor(feature: FeatureInfo): string | undefined {
  return feature.nfd;
}

/** Whether NFD publishes the label with its default configuration. */
export function nfdPublishedByDefault(nfdName: string): boolean {
  return !NFD_DENYLIST.has(nfdName);
}

export type NfdName =
  | { kind: 'feature'; name: string; feature: FeatureInfo }
  | { kind: 'level'; name: NfdLevel; features: ReadonlySet<string> };

const nfdIndex = new Map<string, Map<string, FeatureInfo>>();
function indexFor(arch: Arch): Map<string, FeatureInfo> {
  let m = nfdIndex.get(arch);
  if (!m) {
    m = new Map(featuresOf(arch).filter((f) => f.nfd).map((f) => [f.nfd!, f]));
    nfdIndex.set(arch, m);
  }
  return m;
}

/** Every catalogue id an NFD X86_64_V* label implies (cumulative klauspost levels). */
export function nfdLevelFeatures(level: NfdLevel): ReadonlySet<string> {
  const upTo = NFD_LEVELS.slice(0, NFD_LEVELS.indexOf(level) + 1);
  return new Set(upTo.flatMap((l) => NFD_X86_LEVELS[l] ?? []));
}

/** Exact (case-sensitive, as in label keys) NFD cpuid name for the arch, including `X86_64_V1`..`V4`. */
export function lookupNfdName(arch: Arch, name: string): NfdName | undefined {
  if (arch === 'x86_64' && (NFD_LEVELS as readonly string[]).includes(name)) {
    return { kind: 'level', name: name as NfdLevel, features: nfdLevelFeatures(name as NfdLevel) };
  }
  const feature = indexFor(arch).get(name);
  return feature ? { kind: 'feature', name, feature } : undefined;
}

/** The lowest X86_64_V* label whose klauspost definition includes the feature (pni -> X86_64_V2). */
export function nfdLevelImplying(featureId: string): NfdLevel | undefined {
  return NFD_LEVELS.find((l) => NFD_X86_LEVELS[l]?.includes(featureId));
}
