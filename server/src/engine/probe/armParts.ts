// AArch64 `CPU implementer` / `CPU part` codes (MIDR_EL1) to names.
// Implementers: archspec microarchitectures.json `conversions.arm_vendors` (the names archspec's
// microarchitecture `vendor` fields use, so detection can compare them). Parts: util-linux
// sys-utils/lscpu-arm.c (`arm_part`, `brcm_part`, `cavium_part`, ...) and the kernel's
// arch/arm64/include/asm/cputype.h.

export const ARM_IMPLEMENTERS: Readonly<Record<string, string>> = {
  '0x41': 'ARM',
  '0x42': 'Broadcom',
  '0x43': 'Cavium',
  '0x44': 'DEC',
  '0x46': 'Fujitsu',
  '0x48': 'HiSilicon',
  '0x49': 'Infineon Technologies AG',
  '0x4d': 'Motorola',
  '0x4e': 'Nvidia',
  '0x50': 'APM',
  '0x51': 'Qualcomm',
  '0x53': 'Samsung',
  '0x56': 'Marvell',
  '0x61': 'Apple',
  '0x66': 'Faraday',
  '0x68': 'HXT',
  '0x69': 'Intel',
  '0xc0': 'Ampere',
};

const PARTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '0x41': {
    '0xd03': 'Cortex-A53',
    '0xd04': 'Cortex-A35',
    '0xd05': 'Cortex-A55',
    '0xd07': 'Cortex-A57',
    '0xd08': 'Cortex-A72',
    '0xd09': 'Cortex-A73',
    '0xd0a': 'Cortex-A75',
    '0xd0b': 'Cortex-A76',
    '0xd0c': 'Neoverse-N1',
    '0xd0d': 'Cortex-A77',
    '0xd40': 'Neoverse-V1',
    '0xd41': 'Cortex-A78',
    '0xd44': 'Cortex-X1',
    '0xd46': 'Cortex-A510',
    '0xd47': 'Cortex-A710',
    '0xd48': 'Cortex-X2',
    '0xd49': 'Neoverse-N2',
    '0xd4a': 'Neoverse-E1',
    '0xd4f': 'Neoverse-V2',
    '0xd80': 'Cortex-A520',
    '0xd81': 'Cortex-A720',
    '0xd82': 'Cortex-X4',
    '0xd83': 'Neoverse-V3AE',
    '0xd84': 'Neoverse-V3',
    '0xd8e': 'Neoverse-N3',
  },
  '0x42': { '0x516': 'ThunderX2' },
  '0x43': { '0x0a1': 'ThunderX 88XX', '0x0a2': 'ThunderX 81XX', '0x0a3': 'ThunderX 83XX', '0x0af': 'ThunderX2 99xx' },
};

/** `0x41`, `0X41` and `65`-as-hex all become `0x41`. */
function normalizeImplementer(code: string): string {
  const n = Number.parseInt(code, 16);
  return Number.isNaN(n) ? code.toLowerCase() : `0x${n.toString(16).padStart(2, '0')}`;
}

export function armVendorName(implementer: string): string | undefined {
  return ARM_IMPLEMENTERS[normalizeImplementer(implementer)];
}

export function armPartName(implementer: string, part: string): string | undefined {
  const table = PARTS[normalizeImplementer(implementer)];
  if (!table) return undefined;
  const n = Number.parseInt(part, 16);
  if (Number.isNaN(n)) return undefined;
  return table[`0x${n.toString(16).padStart(3, '0')}`];
}
