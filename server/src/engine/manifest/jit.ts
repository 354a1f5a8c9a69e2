// What the checkpointed JIT code was compiled for, from the manifest's runtime, `jvm.release` and `jvm.options`:
// OpenJ9's portable processor (the baseline), the checkpoint host, or (CRaC) the features `-XX:CPUFeatures=` keeps.
// Where the release is not stated, the unsafe case is assumed and `assumed` says so (rule jvm-release-unknown).
import type { Scalar } from 'yaml';
import type { Manifest } from './model';
import { asOpenJ9Release, OPENJ9_JIT_SOURCE, openj9JitMode } from '../catalog/runtimeReleases';

export type JitTarget =
  /** OpenJ9's portable processor: the baseline covers it. */
  | { kind: 'portable'; why: string; label: string; node?: Scalar }
  /**
   * The checkpoint host: OpenJ9 uses the host features its JIT knows (`jitUtilized`); CRaC's HotSpot records every
   * feature it detected and refuses a restore on a CPU missing one, so all of them count.
   */
  | { kind: 'host'; why: string; label: string; node?: Scalar; allHostFeatures: boolean; assumed?: string }
  /** CRaC `-XX:CPUFeatures=generic`: a fixed list (HotSpot names, resolved by the caller). */
  | { kind: 'features'; why: string; label: string; node?: Scalar; names: readonly string[] };

const PORTABLE_OPTIONS = '-XX:+JVMPortableRestoreMode (or, for plain OpenJ9, -XX:-CRIURestoreNonPortableMode)';

/** The last `-XX:+name` / `-XX:-name` among the options: the JVM takes the last one (jvminit.c compares positions). */
function lastSwitch(m: Manifest, name: string): { on: boolean; node: Scalar } | undefined {
  let found: { on: boolean; node: Scalar } | undefined;
  for (const o of m.jvm?.options?.items ?? []) {
    if (o.value === `-XX:+${name}`) found = { on: true, node: o.node };
    else if (o.value === `-XX:-${name}`) found = { on: false, node: o.node };
  }
  return found;
}

/** The option that keeps OpenJ9 0.41 to 0.49 portable, if the manifest lists one that counts for its runtime. */
export function portableOption(m: Manifest): { text: string; node: Scalar } | undefined {
  const jvmPortable = lastSwitch(m, 'JVMPortableRestoreMode');
  if (jvmPortable?.on) return { text: '-XX:+JVMPortableRestoreMode', node: jvmPortable.node };
  // Liberty's bin/server appends -XX:+CRIURestoreNonPortableMode after the server's jvm.options when it checkpoints
  // (OpenLiberty/open-liberty dev/com.ibm.ws.kernel.boot.ws-server/publish/bin/server, javaCmd()), so a `-` in
  // jvm.options loses; only JVMPortableRestoreMode, which Liberty leaves alone, keeps its code portable.
  const nonPortable = lastSwitch(m, 'CRIURestoreNonPortableMode');
  if (m.runtime === 'openj9' && nonPortable && !nonPortable.on) return { text: '-XX:-CRIURestoreNonPortableMode', node: nonPortable.node };
  return undefined;
}

export function jitTarget(m: Manifest): JitTarget {
  return m.runtime === 'crac' ? cracTarget(m) : openj9Target(m);
}

function openj9Target(m: Manifest): JitTarget {
  const releaseText = m.jvm?.release?.value;
  const release = releaseText ? asOpenJ9Release(releaseText) : undefined;
  const option = portableOption(m);
  const libertyNote = m.runtime === 'liberty' && lastSwitch(m, 'CRIURestoreNonPortableMode')?.on === false
    ? '; Liberty\'s bin/server adds -XX:+CRIURestoreNonPortableMode after jvm.options, so -XX:-CRIURestoreNonPortableMode does not count'
    : '';
  if (release) {
    if (openj9JitMode(release) === 'portable') return { kind: 'portable', why: `OpenJ9 ${releaseText} compiles portable JIT code before a checkpoint`, label: `OpenJ9 ${releaseText}`, node: m.jvm?.release?.node };
    if (option) return { kind: 'portable', why: `${option.text} keeps OpenJ9 ${releaseText}'s JIT code portable`, label: option.text, node: option.node };
    return {
      kind: 'host',
      why: `OpenJ9 ${releaseText} compiles JIT code for the checkpoint host without ${PORTABLE_OPTIONS}${libertyNote} (${OPENJ9_JIT_SOURCE})`,
      label: `OpenJ9 ${releaseText} without -XX:+JVMPortableRestoreMode`,
      node: m.jvm?.release?.node,
      allHostFeatures: false,
    };
  }
  if (option) return { kind: 'portable', why: `${option.text} keeps OpenJ9's JIT code portable in every release`, label: option.text, node: option.node };
  const stated = releaseText ? `jvm.release \`${releaseText}\` is not an OpenJ9 release (0.x.y)` : 'jvm.release is not stated';
  return {
    kind: 'host',
    why: `assumed OpenJ9 0.41 to 0.49, which compile JIT code for the checkpoint host without ${PORTABLE_OPTIONS}${libertyNote}`,
    label: `${stated}: assumed OpenJ9 0.41 to 0.49`,
    node: m.jvm?.release?.node,
    allHostFeatures: false,
    assumed: stated,
  };
}

/**
 * CRaC's `-XX:CPUFeatures=` (openjdk/crac src/hotspot/cpu/x86/vm_version_x86.cpp, CPUFeatures_parse; x86 only:
 * src/hotspot/cpu/x86/globals_x86.hpp): `native` (the default) and `ignore` keep every feature of the checkpoint
 * host (`ignore` also skips the check at restore); `generic` keeps sse, sse2, fxsr, mmx, tsc, cx8, cmov and clflush;
 * `0xnum,0xnum` is a bit mask in the build's own HotSpot feature order; anything else stops the JVM at start.
 */
function cracTarget(m: Manifest): JitTarget {
  let last: { value: string; node: Scalar } | undefined;
  for (const o of m.jvm?.options?.items ?? []) if (o.value.startsWith('-XX:CPUFeatures=')) last = { value: o.value.slice('-XX:CPUFeatures='.length), node: o.node };
  if (!last || last.value === 'native') {
    return { kind: 'host', why: 'CRaC compiles for the checkpoint host (-XX:CPUFeatures=native, the default) and refuses to restore on a CPU missing any of its features', label: 'CRaC, -XX:CPUFeatures=native', node: last?.node, allHostFeatures: true };
  }
  if (m.arch && m.arch !== 'x86_64') {
    return { kind: 'host', why: `CRaC compiles for the checkpoint host; -XX:CPUFeatures is an x86 option, not read on ${m.arch}`, label: 'CRaC', node: last.node, allHostFeatures: true };
  }
  if (last.value === 'ignore') {
    return { kind: 'host', why: 'CRaC with -XX:CPUFeatures=ignore compiles for the checkpoint host and does not check the CPU at restore', label: 'CRaC, -XX:CPUFeatures=ignore', node: last.node, allHostFeatures: true };
  }
  if (last.value === 'generic') {
    return { kind: 'features', why: 'CRaC -XX:CPUFeatures=generic keeps only sse, sse2, fxsr, mmx, tsc, cx8, cmov and clflush', label: 'CRaC -XX:CPUFeatures=generic', node: last.node, names: ['sse', 'sse2', 'fxsr', 'mmx', 'tsc', 'cx8', 'cmov', 'clflush'] };
  }
  if (/^0x[0-9a-f]+,0x[0-9a-f]+$/i.test(last.value)) {
    return {
      kind: 'host',
      why: `CRaC -XX:CPUFeatures=${last.value}`,
      label: `CRaC -XX:CPUFeatures=${last.value}, not decoded: the checkpoint host assumed`,
      node: last.node,
      allHostFeatures: true,
      assumed: 'the mask is not decoded (its bits follow the HotSpot feature table of the CRaC build that reads it), so every feature of the checkpoint host is assumed',
    };
  }
  return {
    kind: 'host',
    why: `CRaC -XX:CPUFeatures=${last.value}`,
    label: `CRaC -XX:CPUFeatures=${last.value}, not a form CRaC accepts`,
    node: last.node,
    allHostFeatures: true,
    assumed: `\`${last.value}\` is not a form CRaC accepts (native, generic, ignore, 0xnum,0xnum): the JVM stops at start ("VM option 'CPUFeatures=...' must be of the form: 0xnum,0xnum")`,
  };
}
