import type { Arch } from '../../catalog/types';
import type { GlibcRelease } from './release';

/** The checkpoint host as glibc sees it. */
export interface GlibcHost {
  arch: Arch;
  /** CPUID vendor (`GenuineIntel`, `AuthenticAMD`); undefined when unknown. */
  vendor?: string;
  /** archspec name of the host, when known (aarch64 IFUNCs also look at the CPU part). */
  microarchitecture?: string;
  /** Catalogue feature ids. */
  features: ReadonlySet<string>;
}

export type Family = 'string/memory' | 'libm' | 'glibc-hwcaps directory' | 'dynamic linker';

/** One choice glibc makes on the checkpoint host in one release, and what keeps it from making it. */
export interface Binding {
  /** Stable key across releases. */
  key: string;
  family: Family;
  /** What glibc picks: "AVX-512 (ZMM) memmove/memcpy/memset". */
  what: string;
  /** Catalogue ids the picked code needs (those the host has). */
  features: string[];
  /** Where glibc decides, repository path and release tag. */
  source: string;
  /** Sets of glibc.cpu.hwcaps entries (each set complete) that keep glibc from picking it; empty: none can. */
  maskedBy: string[][];
  /** Why no entry can mask it, when maskedBy is empty. */
  unmaskableWhy?: string;
  /** `state`: the hazard is the size of saved register state (XSAVE trampoline), not a missing instruction. */
  kind: 'code' | 'state';
}

export type BindingsOf = (host: GlibcHost, release: GlibcRelease) => Binding[];
