// OpenJ9 javacore (javadump): the ENVINFO lines
//   2CIJITFEATURE  CPU features (JIT): fpu cx8 cmov ...
//   2CIAOTFEATURE  CPU features (AOT): ...
// (OpenJ9 runtime/rasdump/javadump.cpp; openj9-docs docs/dump_javadump.md, ENVINFO section) and the
// GPINFO line `3XHCPUARCH       Architecture   : amd64`. Feature names are OMR's
// (omrsysinfo_get_processor_feature_name), e.g. `sse3`, `aesni`.
import { featuresOf } from '../catalog/features';
import type { Arch } from '../catalog/types';
import { ProbeParseError, type RawProbe } from './types';

export interface JavacoreFeatures {
  arch: Arch;
  /** OMR names, as printed. */
  jit: string[];
  aot: string[];
}

/** javacore architecture names (the JVM's os.arch) to catalogue arches. */
const JAVACORE_ARCH: Readonly<Record<string, Arch>> = {
  amd64: 'x86_64',
  x86_64: 'x86_64',
  aarch64: 'aarch64',
  ppc64le: 'ppc64le',
  s390x: 's390x',
};

export function isJavacoreText(text: string): boolean {
  return /^2CI(JIT|AOT|INT)FEATURE\s/m.test(text);
}

export function readJavacore(text: string): JavacoreFeatures {
  const line = (tag: string): string[] | undefined => {
    const m = new RegExp(`^${tag}\\s+CPU features \\(\\w+\\):(.*)$`, 'm').exec(text);
    return m ? m[1]!.split(/\s+/).filter(Boolean) : undefined;
  };
  const jit = line('2CIJITFEATURE') ?? line('2CIINTFEATURE');
  const aot = line('2CIAOTFEATURE');
  if (!jit && !aot) throw new ProbeParseError('not an OpenJ9 javacore: no `2CIJITFEATURE` / `2CIAOTFEATURE` line');
  const archName = /^3XHCPUARCH\s+Architecture\s*:\s*(\S+)/m.exec(text)?.[1] ?? /^1CIJAVAVERSION .* Linux (\w+)-64/m.exec(text)?.[1];
  const arch = archName ? JAVACORE_ARCH[archName.toLowerCase()] : undefined;
  if (!arch) throw new ProbeParseError(`javacore architecture ${archName ? `\`${archName}\` is not supported` : 'not found (no 3XHCPUARCH line)'}`);
  return { arch, jit: jit ?? [], aot: aot ?? [] };
}

/**
 * The JVM's view of the CPU as a probe result: the JIT and AOT lines together (an AOT line can list a
 * feature the JIT line omits, e.g. `sse3`), not the whole CPU.
 */
export function javacoreToRaw(features: JavacoreFeatures): RawProbe {
  return {
    arch: features.arch,
    vendor: '',
    model: 'OpenJ9 JIT target (javacore)',
    tokens: [...new Set([...features.jit, ...features.aot])],
    source: 'javacore',
    notes: [javacoreNote(features.arch)],
  };
}

/** OMR masks the printed features to those the JIT uses (J9::<arch>::CPU::enableFeatureMasks). */
export function javacoreReports(arch: Arch): ReadonlySet<string> {
  return new Set(featuresOf(arch).filter((f) => f.jitUtilized).map((f) => f.id));
}

function javacoreNote(arch: Arch): string {
  return `A javacore lists only the features the OpenJ9 JIT uses (2CIJITFEATURE, 2CIAOTFEATURE; on ${arch}: ${[...javacoreReports(arch)].join(', ')}); `
    + 'whether the CPU has any other feature is unknown, not necessarily absent.';
}
