// Public parsers: captured text in, HostCpu out. `parseAny` sniffs the format.
import { canonicalizeTokens, toHostCpu } from './canonicalize';
import { isCpuidDumpText, readCpuidDump } from './cpuidDump';
import { isJavacoreText, javacoreToRaw, readJavacore } from './javacore';
import { readKeyValues } from './keyValues';
import { readLinuxCpuinfo, sniffCpuinfoArch } from './linuxCpuinfo';
import { isSysctlText, readMacosSysctl } from './macosSysctl';
import { ProbeParseError, type HostCpu } from './types';
import { isWindowsProbeText, readWindows } from './windows';

export function parseLinuxCpuinfo(text: string): HostCpu {
  return toHostCpu(readLinuxCpuinfo(text));
}

export function parseMacosSysctl(text: string): HostCpu {
  return toHostCpu(readMacosSysctl(text));
}

export function parseWindows(text: string): HostCpu {
  return toHostCpu(readWindows(text));
}

/** The JIT's (2CIJITFEATURE) and AOT's (2CIAOTFEATURE) feature sets as canonical ids. */
export function parseJavacoreFeatures(text: string): { arch: HostCpu['arch']; jit: string[]; aot: string[]; unknown: string[] } {
  const raw = readJavacore(text);
  const jit = canonicalizeTokens(raw.arch, raw.jit);
  const aot = canonicalizeTokens(raw.arch, raw.aot);
  return { arch: raw.arch, jit: jit.features, aot: aot.features, unknown: [...new Set([...jit.unknown, ...aot.unknown])].sort() };
}

/** A javacore as a HostCpu (its JIT and AOT feature lines together). */
export function parseJavacore(text: string): HostCpu {
  return toHostCpu(javacoreToRaw(readJavacore(text)));
}

/** Sniffs the format (javacore, Windows probe output, macOS sysctl, Linux cpuinfo) and parses it. */
export function parseAny(text: string): HostCpu {
  const clean = text.replace(/^\uFEFF/, '');
  if (!clean.trim()) throw new ProbeParseError('empty input: expected /proc/cpuinfo, `sysctl -a` output, the Windows probe output or an OpenJ9 javacore');
  if (isJavacoreText(clean)) return parseJavacore(clean);
  if (isWindowsProbeText(clean)) return parseWindows(clean);
  if (isCpuidDumpText(clean)) return toHostCpu(readCpuidDump(clean));
  const values = readKeyValues(clean);
  if (isSysctlText(values)) return parseMacosSysctl(clean);
  if (sniffCpuinfoArch(values)) return parseLinuxCpuinfo(clean);
  throw new ProbeParseError(
    'unrecognised CPU capture: expected Linux /proc/cpuinfo (optionally with `LD_SHOW_AUXV=1 /bin/true` output appended), macOS `sysctl -a` output, the Windows probe output (PF_*=n:True lines), a raw CPUID dump (eax_in, ecx_in, eax, ebx, ecx, edx lines) or an OpenJ9 javacore (2CIJITFEATURE line)',
  );
}
