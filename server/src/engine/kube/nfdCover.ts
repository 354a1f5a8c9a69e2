// NFD labels that guarantee a requirement set R (docs/kubernetes.md#cpu-placement): on x86-64 the OpenJ9 baseline becomes X86_64_V2 +
// AESNI + AVX (NFD hides CMOV, MMX, SSE..SSE42, POPCNT by default, domain-facts §3); other features use their
// own NFD names, and a denylisted one the lowest X86_64_V* level that implies it. Never a denylisted label.
import { lookupFeature, nfdLevelFeatures, nfdLevelImplying, nfdPublishedByDefault, NFD_LEVELS, type Arch, type NfdLevel } from '../catalog';

export interface Cover {
  /** NFD cpuid names (`X86_64_V2`, `AESNI`, `AVX2`), in a stable order. */
  labels: string[];
  /** Features of R no default-published NFD label can express. */
  inexpressible: string[];
}

/**
 * Catalogue ids an X86_64_V* label guarantees. klauspost's level lists name `osxsave` (CPUID.01H:ECX[27], the OS
 * enabled XSAVE) but not `xsave` (ECX[26]); the OS cannot enable what the CPU lacks, and archspec's `xsave` in
 * x86_64_v3 is psABI's OSXSAVE (domain-facts §4, x86-64 psABI levels). So a level with osxsave implies xsave.
 */
export function levelImplies(level: NfdLevel): ReadonlySet<string> {
  const ids = nfdLevelFeatures(level);
  return ids.has('osxsave') ? new Set([...ids, 'xsave']) : ids;
}

export function coverFor(arch: Arch, required: Iterable<string>): Cover {
  const levelNeeded: NfdLevel[] = [];
  const direct = new Set<string>();
  const inexpressible: string[] = [];
  const v2 = arch === 'x86_64' ? nfdLevelFeatures('X86_64_V2') : new Set<string>();
  for (const id of required) {
    if (v2.has(id)) {
      levelNeeded.push('X86_64_V2');
      continue;
    }
    const f = lookupFeature(arch, id);
    const nfd = f?.nfd;
    if (nfd && nfdPublishedByDefault(nfd)) direct.add(nfd);
    else {
      const level = arch === 'x86_64' ? nfdLevelImplying(id) : undefined;
      if (level) levelNeeded.push(level);
      else inexpressible.push(id);
    }
  }
  const labels: string[] = [];
  const top = levelNeeded.sort((a, b) => NFD_LEVELS.indexOf(b) - NFD_LEVELS.indexOf(a))[0];
  if (top) labels.push(top);
  const implied = top ? levelImplies(top) : new Set<string>();
  for (const name of [...direct].sort()) {
    const f = lookupFeature(arch, name);
    if (f && implied.has(f.id)) continue; // the level label already guarantees it
    labels.push(name);
  }
  return { labels, inexpressible };
}
