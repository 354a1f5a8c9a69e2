// What each runtime release does with JIT code before a checkpoint, and how to tell a release from an image tag.
// Facts, with where they were read:
// - OpenJ9 `runtime/compiler/control/rossa.cpp`, aboutToBootstrap(): the JIT targets the portable processor
//   (TR::CPU::detectRelocatable) when `isCheckpointAllowed()` in openj9-0.35.0 .. openj9-0.40.0, when
//   `isJVMInPortableRestoreMode()` in openj9-0.41.0 .. openj9-0.49.0 (commit f17d58b02b "Introduce
//   JVMPortableRestoreMode"), and again when `isCheckpointAllowed()` from openj9-0.51.0 (commit 5f852ab660 "CRIU: JIT
//   should generate portable code by default"; on the 0.51 release branch as a cherry-pick). There is no
//   openj9-0.50.0 or 0.52.0 tag.
// - `runtime/vm/CRIUHelpers.cpp` (openj9-0.46.0): isJVMInPortableRestoreMode() is
//   `(!isNonPortableRestoreMode() || J9VM_CRIU_IS_PORTABLE_JVM_RESTORE_MODE) && CRIU enabled`; `runtime/vm/jvminit.c`
//   sets NON_PORTABLE_RESTORE_MODE unless the last of -XX:±CRIURestoreNonPortableMode is `-`, and
//   PORTABLE_JVM_RESTORE_MODE when the last of -XX:±JVMPortableRestoreMode is `+`.

/** A release as numbers: `0.46.1` -> [0, 46, 1]; `21.0.1+12` -> [21, 0, 1]. Undefined when it does not start with digits. */
export function parseRelease(text: string): number[] | undefined {
  const m = /^(\d+(?:\.\d+)*)/.exec(text.trim());
  return m ? m[1].split('.').map(Number) : undefined;
}

export type OpenJ9JitMode = 'portable' | 'host-unless-portable-option';

/** What OpenJ9's JIT compiles for before a checkpoint, by release (see the facts above). */
export function openj9JitMode(release: readonly number[]): OpenJ9JitMode {
  const [major = 0, minor = 0] = release;
  if (major > 0 || minor >= 51 || minor <= 40) return 'portable';
  return 'host-unless-portable-option';
}

export const OPENJ9_JIT_SOURCE =
  'eclipse-openj9/openj9 runtime/compiler/control/rossa.cpp (openj9-0.41.0 .. openj9-0.49.0: commit f17d58b02b; portable by default again from openj9-0.51.0: commit 5f852ab660)';

/** The OpenJ9 release under `jvm.release` ("0.46.0"), or undefined when it is not one (a JDK version, say). */
export function asOpenJ9Release(text: string): number[] | undefined {
  const r = parseRelease(text);
  return r && r[0] === 0 && r.length >= 2 ? r : undefined;
}

/**
 * IBM Semeru Runtimes builds and the OpenJ9 release inside each, keyed by `<feature>.<interim>.<update>[.<patch>]+<build>`
 * (the Docker Official Image `ibm-semeru-runtimes` tags spell it `open-17.0.9_9-jre`). From the `JAVA_VERSION`
 * lines (`jdk-17.0.9+9_openj9-0.41.0`) in the Dockerfiles of ibmruntimes/semeru-containers, whose history ends
 * at openj9-0.47.0; later builds are not listed, and their tags give no release.
 */
const SEMERU_BUILDS: Readonly<Record<string, string>> = {
  // JDK 8: jdk8u<update>-b<build>
  '8u302-b08': '0.27.0', '8u312-b07': '0.29.0', '8u322-b06': '0.30.0', '8u332-b09': '0.32.0', '8u345-b01': '0.33.1',
  '8u352-b08': '0.35.0', '8u362-b09': '0.36.0', '8u367-b07': '0.38.0', '8u372-b07': '0.38.0', '8u382-b05': '0.40.0', '8u392-b08': '0.41.0',
  '8u402-b06': '0.43.0', '8u412-b08': '0.44.0', '8u422-b05': '0.46.1',
  // JDK 11
  '11.0.12+7': '0.27.0', '11.0.13+8': '0.29.0', '11.0.14+9': '0.30.0', '11.0.14.1+1': '0.30.1', '11.0.15+10': '0.32.0',
  '11.0.16+8': '0.33.0', '11.0.16.1+1': '0.33.1', '11.0.17+8': '0.35.0', '11.0.18+10': '0.36.0', '11.0.19+7': '0.38.0',
  '11.0.20+8': '0.40.0', '11.0.20.1+1': '0.40.0', '11.0.21+9': '0.41.0', '11.0.22+6': '0.43.0', '11.0.22+7': '0.43.0', '11.0.23+9': '0.44.0',
  '11.0.24+8': '0.46.1',
  // JDK 17
  '17.0.1+12': '0.29.1', '17.0.2+8': '0.30.0', '17.0.3+7': '0.32.0', '17.0.4+8': '0.33.0', '17.0.4.1+1': '0.33.1',
  '17.0.5+8': '0.35.0', '17.0.6+10': '0.36.0', '17.0.7+7': '0.38.0', '17.0.7+8': '0.38.0', '17.0.8+7': '0.40.0', '17.0.8.1+1': '0.40.0',
  '17.0.9+9': '0.41.0', '17.0.10+6': '0.43.0', '17.0.10+7': '0.43.0', '17.0.11+9': '0.44.0', '17.0.12+7': '0.46.1',
  // JDK 18 .. 23
  '18.0.1+10': '0.32.0', '18.0.2+9': '0.33.1', '19.0.2+7': '0.37.0', '20.0.1+9': '0.39.0', '20.0.2+9': '0.40.0',
  '21.0.1+12': '0.42.0', '21.0.2+13': '0.43.0', '21.0.3+9': '0.44.0', '21.0.4+7': '0.46.1', '22.0.1+8': '0.45.0',
  '22.0.2+9': '0.46.1', '23+37': '0.47.0',
};

export const SEMERU_SOURCE = 'ibmruntimes/semeru-containers Dockerfiles, JAVA_VERSION (jdk-<version>_openj9-<release>)';

/**
 * The OpenJ9 release of an `ibm-semeru-runtimes` image tag (`open-17.0.9_9-jre-jammy`, `open-jdk-21.0.2_13-jre`,
 * `open-8u412-b08-jre`), with the build it names; undefined when the tag names no build this table knows.
 * Where two releases share a build (0.33.0 and 0.33.1, 0.46.0 and 0.46.1), the later is given: both compile alike
 * before a checkpoint.
 */
export function semeruTagRelease(tag: string): { release: string; build: string } | undefined {
  const m = /^open-(?:jdk-)?(\d+(?:\.\d+){0,3})_(\d+)(?:-|$)/.exec(tag) ?? /^open-(?:jdk-)?(8u\d+)-(b\d+)(?:-|$)/.exec(tag);
  if (!m) return undefined;
  const build = m[1].startsWith('8u') ? `${m[1]}-${m[2]}` : `${m[1]}+${m[2]}`;
  const release = SEMERU_BUILDS[build];
  return release ? { release, build } : undefined;
}

/** The newest OpenJ9 release tag read (eclipse-openj9/openj9 tags): what a fix writes as a starting point. */
export const LATEST_OPENJ9_RELEASE = '0.59.0';
