// `explain feature.node.kubernetes.io/cpu-cpuid.AVX2` and `cpu-cpuid.X86_64_V2`: the Node Feature Discovery labels
// lint messages name (domain-facts §3), through the catalogue's NFD helpers.
import { ARCHES, NFD_CPUID_LABEL_PREFIX, lookupNfdName, nfdPublishedByDefault, type NfdName } from '../engine/catalog/index';

/** `feature.node.kubernetes.io/cpu-cpuid.X` or `cpu-cpuid.X` -> `X`; undefined for other names. */
export function nfdCpuidName(name: string): string | undefined {
  const m = /^(?:feature\.node\.kubernetes\.io\/)?cpu-cpuid\.(.+)$/.exec(name);
  return m?.[1];
}

/** The NFD name on every arch that knows it (label keys are case-sensitive). */
export function lookupNfdAnyArch(nfdName: string): NfdName[] {
  const out: NfdName[] = [];
  for (const arch of ARCHES) {
    const hit = lookupNfdName(arch, nfdName);
    if (hit) out.push(hit);
  }
  return out;
}

/** The label's own summary; a feature label is followed by the feature's page (the caller adds it). */
export function explainNfdName(hit: NfdName): string {
  const label = `${NFD_CPUID_LABEL_PREFIX}${hit.name}`;
  if (hit.kind === 'level') {
    const features = [...hit.features].sort();
    return [
      `${label} (Node Feature Discovery x86-64 level label)`, '',
      `NFD sets it on nodes whose CPU has every feature of this microarchitecture level (klauspost/cpuid X64Level, cumulative).`,
      `Published by NFD by default: ${nfdPublishedByDefault(hit.name) ? 'yes' : 'no'}`,
      `Features (${features.length}): ${features.join(' ')}`,
    ].join('\n') + '\n';
  }
  const published = nfdPublishedByDefault(hit.name);
  return [
    `${label} (Node Feature Discovery label for the ${hit.feature.arch} feature ${hit.feature.id})`, '',
    `Published by NFD by default: ${published ? 'yes' : 'no: it is in NFD\'s default attributeBlacklist, so nodes carry it only when the NFD config allow-lists it'}`,
  ].join('\n') + '\n';
}
