// Shapes of the host probe. Parsers turn captured text into a HostCpu; detection names its
// microarchitecture. Everything here is pure: text in, data out.
import type { Arch } from '../catalog/types';

export type ProbeSource = 'linux-cpuinfo' | 'macos-sysctl' | 'windows' | 'javacore' | 'live' | 'criu-image';

export interface HostCpu {
  arch: Arch;
  vendor: string;
  model: string;
  family?: string;
  modelNumber?: string;
  /** Canonical catalogue ids, sorted. */
  features: string[];
  /** Tokens the source printed that the catalogue does not know (kept verbatim, sorted). */
  unknownFeatures: string[];
  source: ProbeSource;
  /** What the source cannot tell, and anything else a reader should know. */
  notes: string[];
  /** s390x machine type (`8561`). */
  machineType?: string;
  /** ppc64le AT_PLATFORM (`power9`) or the `cpu` line; Apple silicon brand model (`m1`). */
  platform?: string;
  /** aarch64 Linux `CPU part` (`0xd49`): archspec narrows its candidates to the matching part. */
  cpuPart?: string;
}

/** Thrown when text is not a capture this probe understands. */
export class ProbeParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProbeParseError';
  }
}

/**
 * What a parser reads before the catalogue canonicalises it: tokens in the source's own spelling
 * (Linux names, glibc HWCAP names, OMR names) plus s390x facility numbers.
 */
export interface RawProbe {
  arch: Arch;
  vendor: string;
  model: string;
  family?: string;
  modelNumber?: string;
  tokens: string[];
  /** s390x STFLE facility bit numbers from the `facilities` line. */
  facilities?: number[];
  source: ProbeSource;
  notes: string[];
  machineType?: string;
  platform?: string;
  cpuPart?: string;
}
