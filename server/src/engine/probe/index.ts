// The host probe engine: parsers for CPU captures, microarchitecture detection, restore checks.
export { ProbeParseError, type HostCpu, type ProbeSource } from './types';
export { parseAny, parseJavacore, parseJavacoreFeatures, parseLinuxCpuinfo, parseMacosSysctl, parseWindows } from './parse';
export { detect, type Detection } from './detect';
export { canRestore } from './canRestore';
export { hwcapFeatureIds, toHostCpu } from './canonicalize';
export { readLinuxCpuinfo } from './linuxCpuinfo';
export { decodeAuxv, ppcHwcapNames, AT_HWCAP, AT_HWCAP2, AT_PLATFORM } from './auxv';
export { WINDOWS_PROBE_SCRIPT } from './windows';
export { readMacosSysctl } from './macosSysctl';
export { readWindows } from './windows';
export type { RawProbe } from './types';
export { hostReport, verdictFor, verdictText, manifestFromHost, nodeAffinityForHost, type HostReport, type ManifestVerdict } from './report';
export { hostTarget, type HostTarget } from './hostTarget';
