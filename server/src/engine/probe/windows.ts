// Windows: the output of a fixed PowerShell script that asks kernel32 IsProcessorFeaturePresent
// about each PF_* constant. Windows answers for a handful of features only; the notes say so.
import type { Arch } from '../catalog/types';
import { ProbeParseError, type RawProbe } from './types';

interface PfConstant {
  name: string;
  value: number;
  arch: Arch;
  /** Linux names the feature implies; empty when it is not a CPU instruction feature. */
  linux: readonly string[];
}

/**
 * PF_* values from Microsoft's IsProcessorFeaturePresent documentation (processthreadsapi.h /
 * winnt.h), also in windows-sys `Win32::System::Threading` (PF_SSE3 13, PF_AVX 39, PF_AVX2 40,
 * PF_AVX512F 41, PF_SSSE3 36, PF_SSE4_1 37, PF_SSE4_2 38, PF_ARM_V81_ATOMIC 34, PF_ARM_V82_DP 43,
 * PF_ARM_V83_JSCVT 44, PF_ARM_V83_LRCPC 45).
 */
export const PF_CONSTANTS: readonly PfConstant[] = [
  { name: 'PF_COMPARE_EXCHANGE_DOUBLE', value: 2, arch: 'x86_64', linux: ['cx8'] },
  { name: 'PF_MMX_INSTRUCTIONS_AVAILABLE', value: 3, arch: 'x86_64', linux: ['mmx'] },
  { name: 'PF_XMMI_INSTRUCTIONS_AVAILABLE', value: 6, arch: 'x86_64', linux: ['sse'] },
  { name: 'PF_3DNOW_INSTRUCTIONS_AVAILABLE', value: 7, arch: 'x86_64', linux: ['3dnow'] },
  { name: 'PF_RDTSC_INSTRUCTION_AVAILABLE', value: 8, arch: 'x86_64', linux: ['tsc'] },
  { name: 'PF_XMMI64_INSTRUCTIONS_AVAILABLE', value: 10, arch: 'x86_64', linux: ['sse2'] },
  { name: 'PF_NX_ENABLED', value: 12, arch: 'x86_64', linux: ['nx'] },
  { name: 'PF_SSE3_INSTRUCTIONS_AVAILABLE', value: 13, arch: 'x86_64', linux: ['pni'] },
  { name: 'PF_COMPARE_EXCHANGE128', value: 14, arch: 'x86_64', linux: ['cx16'] },
  { name: 'PF_XSAVE_ENABLED', value: 17, arch: 'x86_64', linux: ['xsave'] },
  { name: 'PF_RDWRFSGSBASE_AVAILABLE', value: 22, arch: 'x86_64', linux: ['fsgsbase'] },
  { name: 'PF_SSSE3_INSTRUCTIONS_AVAILABLE', value: 36, arch: 'x86_64', linux: ['ssse3'] },
  { name: 'PF_SSE4_1_INSTRUCTIONS_AVAILABLE', value: 37, arch: 'x86_64', linux: ['sse4_1'] },
  { name: 'PF_SSE4_2_INSTRUCTIONS_AVAILABLE', value: 38, arch: 'x86_64', linux: ['sse4_2'] },
  { name: 'PF_AVX_INSTRUCTIONS_AVAILABLE', value: 39, arch: 'x86_64', linux: ['avx'] },
  { name: 'PF_AVX2_INSTRUCTIONS_AVAILABLE', value: 40, arch: 'x86_64', linux: ['avx2'] },
  { name: 'PF_AVX512F_INSTRUCTIONS_AVAILABLE', value: 41, arch: 'x86_64', linux: ['avx512f'] },
  { name: 'PF_ARM_NEON_INSTRUCTIONS_AVAILABLE', value: 19, arch: 'aarch64', linux: ['asimd'] },
  { name: 'PF_ARM_V8_INSTRUCTIONS_AVAILABLE', value: 29, arch: 'aarch64', linux: ['fp'] },
  { name: 'PF_ARM_V8_CRYPTO_INSTRUCTIONS_AVAILABLE', value: 30, arch: 'aarch64', linux: ['aes', 'pmull', 'sha1', 'sha2'] },
  { name: 'PF_ARM_V8_CRC32_INSTRUCTIONS_AVAILABLE', value: 31, arch: 'aarch64', linux: ['crc32'] },
  { name: 'PF_ARM_V81_ATOMIC_INSTRUCTIONS_AVAILABLE', value: 34, arch: 'aarch64', linux: ['atomics'] },
  { name: 'PF_ARM_V82_DP_INSTRUCTIONS_AVAILABLE', value: 43, arch: 'aarch64', linux: ['asimddp'] },
  { name: 'PF_ARM_V83_JSCVT_INSTRUCTIONS_AVAILABLE', value: 44, arch: 'aarch64', linux: ['jscvt'] },
  { name: 'PF_ARM_V83_LRCPC_INSTRUCTIONS_AVAILABLE', value: 45, arch: 'aarch64', linux: ['lrcpc'] },
];

/**
 * The fixed script the live probe runs (`powershell -NoProfile -NonInteractive -Command <this>`). It
 * prints `CPU_NAME=`, `CPU_MANUFACTURER=`, `CPU_ARCHITECTURE=` (Win32_Processor.Architecture: 9 x64,
 * 12 ARM64) and one `PF_<NAME>=<value>:<True|False>` line per constant above.
 */
export const WINDOWS_PROBE_SCRIPT = [
  "$ErrorActionPreference='Stop'",
  "$k=Add-Type -PassThru -Name CriuProbe -Namespace CriuPortability -MemberDefinition '[DllImport(\"kernel32.dll\")] public static extern bool IsProcessorFeaturePresent(uint f);'",
  '$p=Get-CimInstance -ClassName Win32_Processor | Select-Object -First 1',
  "'CPU_NAME='+$p.Name.Trim()",
  "'CPU_MANUFACTURER='+$p.Manufacturer",
  "'CPU_ARCHITECTURE='+$p.Architecture",
  ...PF_CONSTANTS.map((c) => `'${c.name}=${c.value}:'+$k::IsProcessorFeaturePresent(${c.value})`),
].join('; ');

const WINDOWS_NOTE =
  'Windows reports only what IsProcessorFeaturePresent knows (SSE..SSE4.2, AVX, AVX2, AVX512F, CX8/CX16, XSAVE on x64; crypto, CRC32, LSE, dot product, JSCVT, LRCPC on ARM64). It cannot report AES-NI, PCLMULQDQ, POPCNT, CMOV, FMA, F16C, MOVBE, BMI1/2, LZCNT, ADX, SHA, most AVX-512 subsets or any newer feature: probe on Linux for a full list.';

export function isWindowsProbeText(text: string): boolean {
  return /^PF_[A-Z0-9_]+=\d+:(True|False)\s*$/m.test(text);
}

export function readWindows(text: string): RawProbe {
  if (!isWindowsProbeText(text)) throw new ProbeParseError('not the Windows probe output: no `PF_<NAME>=<n>:True|False` lines');
  const info = new Map<string, string>();
  const present = new Set<number>();
  for (const line of text.split(/\r?\n/)) {
    const pf = /^PF_[A-Z0-9_]+=(\d+):(True|False)\s*$/.exec(line.trim());
    if (pf) {
      if (pf[2] === 'True') present.add(Number(pf[1]));
      continue;
    }
    const kv = /^(CPU_[A-Z]+)=(.*)$/.exec(line.trim());
    if (kv) info.set(kv[1]!, kv[2]!.trim());
  }
  // Win32_Processor.Architecture: 9 = x64, 12 = ARM64 (Microsoft Win32_Processor docs).
  const arch: Arch = info.get('CPU_ARCHITECTURE') === '12' || [...present].some((v) => v === 29) ? 'aarch64' : 'x86_64';
  const tokens = PF_CONSTANTS.filter((c) => c.arch === arch && present.has(c.value)).flatMap((c) => c.linux);
  return {
    arch,
    vendor: info.get('CPU_MANUFACTURER') ?? '',
    model: info.get('CPU_NAME') ?? '',
    tokens,
    source: 'windows',
    notes: [WINDOWS_NOTE],
  };
}
