// What a container image says about the checkpoint besides the CPU: the runtime and its release, the glibc
// release. Pure: the adapter streams the image and hands over the few files named here; these functions read
// them. Each fact carries where it was found.

/** Files of a container image that hold a fact, by path (no leading slash). */
export type InterestingFile =
  | 'criu-inventory'
  | 'criu-cpuinfo'
  | 'jdk-release'
  | 'liberty-properties'
  | 'crac-engine'
  | 'libc';

/**
 * - `inventory.img`, `cpuinfo.img`: a CRIU image directory is any directory holding inventory.img (criu/image.c
 *   writes it first on every dump); Liberty keeps it in `<server>/workarea/checkpoint/image`, CRaC in the
 *   directory of -XX:CRaCCheckpointTo.
 * - `release`: the JDK's release file (JAVA_VERSION, JVM_VARIANT, JVM_VERSION; the OpenJDK build and
 *   adoptium/temurin-build `sbin/build.sh` write it; IBM Semeru uses the same scripts).
 * - `lib/versions/openliberty.properties`, `lib/versions/WebSphereApplicationServer.properties`: Liberty's
 *   product version (com.ibm.websphere.productVersion; open-liberty dev/build.image).
 * - `lib/criuengine`: the CRaC JDK's CRIU engine (openjdk/crac src/java.base/unix/native/criuengine).
 * - `libc.so.6`: glibc; its banner holds "release version X.Y" (glibc csu/version.c), and before glibc 2.34 it
 *   was a symlink to `libc-X.Y.so`.
 */
export function interestOf(path: string): InterestingFile | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  switch (base) {
    case 'inventory.img':
      return 'criu-inventory';
    case 'cpuinfo.img':
      return 'criu-cpuinfo';
    case 'release':
      return 'jdk-release';
    case 'openliberty.properties':
    case 'WebSphereApplicationServer.properties':
      return /(^|\/)lib\/versions\/[^/]+$/.test(path) ? 'liberty-properties' : undefined;
    case 'criuengine':
      return /(^|\/)lib\/criuengine$/.test(path) ? 'crac-engine' : undefined;
    case 'libc.so.6':
      return 'libc';
    default:
      return /^libc-\d+\.\d+(\.\d+)?\.so$/.test(base) ? 'libc' : undefined;
  }
}

/** `KEY="value"` lines of a JDK release file. */
export function readReleaseFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) values.set(m[1]!, m[2]!.replace(/^"(.*)"$/, '$1'));
  }
  return values;
}

export interface JdkFacts {
  javaVersion?: string;
  /** `openj9` when the release file names OpenJ9 (JVM_VARIANT / JVM_VERSION / SOURCE). */
  vm?: 'openj9' | 'hotspot';
  /** OpenJ9 release, `0.46.0`, from JVM_VERSION="openj9-0.46.0". */
  openj9Release?: string;
  /** Which key said it. */
  keys: string[];
}

/** Undefined when the text is not a JDK release file (no JAVA_VERSION). */
export function jdkFacts(text: string): JdkFacts | undefined {
  const v = readReleaseFile(text);
  const javaVersion = v.get('JAVA_VERSION');
  if (!javaVersion) return undefined;
  const facts: JdkFacts = { javaVersion, keys: ['JAVA_VERSION'] };
  const jvmVersion = v.get('JVM_VERSION') ?? '';
  const m = /^openj9-(\d+\.\d+\.\d+)/i.exec(jvmVersion);
  if (m) {
    facts.vm = 'openj9';
    facts.openj9Release = m[1]!;
    facts.keys.push('JVM_VERSION');
  } else if (/openj9/i.test(v.get('JVM_VARIANT') ?? '')) {
    facts.vm = 'openj9';
    facts.keys.push('JVM_VARIANT');
  } else if (/\bOpenJ9:/.test(v.get('SOURCE') ?? '')) {
    facts.vm = 'openj9';
    facts.keys.push('SOURCE');
  } else if (/hotspot/i.test(v.get('JVM_VARIANT') ?? '') || !v.has('JVM_VARIANT')) {
    facts.vm = 'hotspot';
  }
  return facts;
}

/** Liberty's product version from lib/versions/*.properties (`com.ibm.websphere.productVersion=24.0.0.1`). */
export function libertyVersion(text: string): string | undefined {
  return /^com\.ibm\.websphere\.productVersion\s*[=:]\s*(\S+)\s*$/m.exec(text)?.[1];
}

/** glibc's banner, "GNU C Library (...) stable release version 2.35." (csu/version.c), in libc.so.6's bytes. */
export function glibcFromBanner(latin1: string): string | undefined {
  return /GNU C Library[^\0\n]{0,200}? release version (\d+\.\d+(?:\.\d+)?)/.exec(latin1)?.[1];
}

/** `libc-2.31.so` (the file, or the target of the libc.so.6 symlink before glibc 2.34). */
export function glibcFromFileName(name: string): string | undefined {
  return /(?:^|\/)libc-(\d+\.\d+(?:\.\d+)?)\.so$/.exec(name)?.[1];
}
