// The catalogue's data shapes. Canonical feature ids are the Linux /proc/cpuinfo spelling where Linux
// shows the feature (archspec uses the same names), else the OMR/javacore name.

export type Arch = 'x86_64' | 'aarch64' | 'ppc64le' | 's390x';
export const ARCHES: readonly Arch[] = ['x86_64', 'aarch64', 'ppc64le', 's390x'];

export interface FeatureInfo {
  arch: Arch;
  /** Canonical id, lower case: `pni`, `aes`, `avx2`, `atomics`, `arch_3_00`, `vx`. */
  id: string;
  /** Linux /proc/cpuinfo (x86 `flags`, aarch64 `Features`, s390x `features`) or AT_HWCAP token. */
  linux?: string;
  /** OMR / javacore name (`sse3`, `aesni`), absent when OMR has no constant. */
  omr?: string;
  /** OMR constant, e.g. `OMR_FEATURE_X86_SSE3`. */
  omrConstant?: string;
  /** NFD / klauspost cpuid name used in `feature.node.kubernetes.io/cpu-cpuid.<NAME>`. */
  nfd?: string;
  /** Other accepted spellings (archspec names, dotted forms such as `sse4.1`). */
  aliases: string[];
  /** Where the bit lives: `CPUID.01H:ECX[0]`, `AT_HWCAP bit 8`, `STFLE bit 129`. */
  bit: string;
  description: string;
  /** In OpenJ9's portable set for this arch (x86: the 12 features). */
  openj9Portable: boolean;
  /** The OpenJ9 JIT uses it (J9::<arch>::CPU::enableFeatureMasks). */
  jitUtilized: boolean;
}

export interface Microarchitecture {
  name: string;
  arch: Arch;
  vendor: string;
  parents: string[];
  /** Canonical feature ids, complete (implied features included). */
  features: ReadonlySet<string>;
  /** POWER generation or s390x machine types; informational. */
  generation?: number;
  machineTypes?: string[];
  /** Display name, e.g. `IBM z15`, `Intel Haswell`. */
  displayName?: string;
  /** aarch64 MIDR part number as /proc/cpuinfo prints it (`0xd49`), from archspec `cpupart`. */
  cpuPart?: string;
  /** archspec's host() can name it (false for entries archspec does not list, such as graniterapids). */
  detectable: boolean;
  /** Names users type for it (`AWS Graviton3`), from data/microarchitectures-extra.json. */
  aliases: string[];
}

export type BaselineKind = 'openj9-portable' | 'x86-64-level' | 'microarchitecture';

export interface Baseline {
  name: string;
  arch: Arch;
  kind: BaselineKind;
  /** Canonical feature ids. For aarch64 `openj9-portable` this is empty: the host decides. */
  features: ReadonlySet<string>;
  /** True for aarch64 openj9-portable: the checkpoint host's own features are the baseline. */
  hostDefined: boolean;
}
