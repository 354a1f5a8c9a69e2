// The ELF auxiliary vector: the text glibc prints for `LD_SHOW_AUXV=1 /bin/true` and the binary
// /proc/self/auxv. Pure: the caller reads the bytes.

/** Auxiliary vector entry types (Linux include/uapi/linux/auxvec.h). */
export const AT_NULL = 0;
export const AT_PLATFORM = 15;
export const AT_HWCAP = 16;
export const AT_HWCAP2 = 26;

/**
 * glibc's names for the POWER HWCAP bits, as `LD_SHOW_AUXV` prints them: glibc
 * sysdeps/powerpc/dl-procinfo.h `_dl_powerpc_cap_flags[64]`. Index i < 32 is AT_HWCAP bit i; index
 * 32 + j is AT_HWCAP2 bit j (so `arch_2_07` = HWCAP2 0x80000000, `arch_3_00` = 0x00800000,
 * `arch_3_1` = 0x00040000, `mma` = 0x00020000, matching the kernel's
 * arch/powerpc/include/uapi/asm/cputable.h PPC_FEATURE_* / PPC_FEATURE2_* masks).
 */
const PPC_CAP_FLAGS: readonly string[] = [
  'ppcle', 'true_le', '', '', '', '', 'archpmu', 'vsx',
  'arch_2_06', 'power6x', 'dfp', 'pa6t', 'arch_2_05', 'ic_snoop', 'smt', 'booke',
  'cellbe', 'power5+', 'power5', 'power4', 'notb', 'efpdouble', 'efpsingle', 'spe',
  'ucache', '4xxmac', 'mmu', 'fpu', 'altivec', 'ppc601', 'ppc64', 'ppc32',
  '', '', '', '', '', '', '', '',
  '', '', '', '', '', '', '', '',
  '', 'mma', 'arch_3_1', 'htm-no-suspend', 'scv', 'darn', 'ieee128', 'arch_3_00',
  'htm-nosc', 'vcrypto', 'tar', 'isel', 'ebb', 'dscr', 'htm', 'arch_2_07',
];

/** Names of the set bits of a POWER AT_HWCAP (word 0) or AT_HWCAP2 (word 1) value. */
export function ppcHwcapNames(value: bigint, word: 0 | 1): string[] {
  const names: string[] = [];
  for (let bit = 0; bit < 32; bit++) {
    if ((value >> BigInt(bit)) & 1n) {
      const name = PPC_CAP_FLAGS[word * 32 + bit];
      if (name) names.push(name);
    }
  }
  return names;
}

export interface AuxvText {
  hwcap: string[];
  hwcap2: string[];
  /** Numeric values, when glibc printed a number instead of names (aarch64 and others). */
  hwcapValue?: bigint;
  hwcap2Value?: bigint;
  platform?: string;
}

function numeric(value: string): bigint | undefined {
  return /^(0x[0-9a-f]+|\d+)$/i.test(value) ? BigInt(value) : undefined;
}

/**
 * Reads `AT_HWCAP:`, `AT_HWCAP2:` and `AT_PLATFORM:` lines of `LD_SHOW_AUXV=1` output (glibc
 * elf/dl-sysdep.c `_dl_show_auxv`: `AT_HWCAP:       <names or hex>`). Returns undefined when the
 * text has no such lines.
 */
export function readAuxvText(values: ReadonlyMap<string, string>): AuxvText | undefined {
  const hw = values.get('AT_HWCAP');
  const hw2 = values.get('AT_HWCAP2');
  const platform = values.get('AT_PLATFORM');
  if (hw === undefined && hw2 === undefined && platform === undefined) return undefined;
  const result: AuxvText = { hwcap: [], hwcap2: [] };
  if (hw !== undefined) {
    const n = numeric(hw);
    if (n === undefined) result.hwcap = hw.split(/\s+/).filter(Boolean);
    else result.hwcapValue = n;
  }
  if (hw2 !== undefined) {
    const n = numeric(hw2);
    if (n === undefined) result.hwcap2 = hw2.split(/\s+/).filter(Boolean);
    else result.hwcap2Value = n;
  }
  if (platform) result.platform = platform;
  return result;
}

export interface AuxvBinary {
  hwcap?: bigint;
  hwcap2?: bigint;
  /** Address of the AT_PLATFORM string in the process; the string itself is not in the file. */
  platformAddress?: bigint;
}

/**
 * Decodes /proc/self/auxv: pairs of native-endian unsigned longs (type, value) ending with AT_NULL
 * (Linux fs/proc/base.c `proc_pid_auxv`). `wordSize` 8 on 64-bit hosts.
 */
export function decodeAuxv(bytes: Uint8Array, littleEndian: boolean, wordSize: 4 | 8 = 8): AuxvBinary {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = (at: number): bigint =>
    wordSize === 8 ? view.getBigUint64(at, littleEndian) : BigInt(view.getUint32(at, littleEndian));
  const result: AuxvBinary = {};
  for (let at = 0; at + 2 * wordSize <= bytes.byteLength; at += 2 * wordSize) {
    const type = read(at);
    const value = read(at + wordSize);
    if (type === BigInt(AT_NULL)) break;
    if (type === BigInt(AT_HWCAP)) result.hwcap = value;
    else if (type === BigInt(AT_HWCAP2)) result.hwcap2 = value;
    else if (type === BigInt(AT_PLATFORM)) result.platformAddress = value;
  }
  return result;
}
