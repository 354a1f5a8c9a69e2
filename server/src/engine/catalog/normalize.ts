import type { Arch } from './types';

/** Lookup key for a name: case-insensitive, `.`, `-`, `/` and space treated as `_` (`sse4.1` = `SSE4_1` = `sse4-1`). */
export function normalizeName(s: string): string {
  return s.trim().toLowerCase().replace(/[-./ ]/g, '_');
}

const ARCH_ALIASES: Record<string, Arch> = {
  x86_64: 'x86_64', amd64: 'x86_64', x64: 'x86_64', x86_64_linux: 'x86_64', intel64: 'x86_64',
  aarch64: 'aarch64', arm64: 'aarch64', armv8: 'aarch64', arm64v8: 'aarch64',
  ppc64le: 'ppc64le', ppc64el: 'ppc64le', powerpc64le: 'ppc64le', power64le: 'ppc64le',
  s390x: 's390x', s390: 's390x', systemz: 's390x', zarch: 's390x',
};

/** Accepts the spellings users meet (`amd64`, `arm64`, `x86-64`, `ppc64el`, `S390X`); undefined when unknown. */
export function normalizeArch(s: string): Arch | undefined {
  return ARCH_ALIASES[normalizeName(s)];
}
