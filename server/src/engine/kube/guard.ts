// Does something check the CPU before a container restores? On a CPU that lacks a feature the image uses, OpenJ9
// and Liberty restore anyway (Liberty: `criu restore --cpu-cap=none`) and the JVM dies with SIGILL: the
// restore-failure policy happens only through a pre-restore guard (`criu-portability guard`, docs/guard.md) or,
// for CRaC, the restoring JVM's own CPU check (-XX:CheckCPUFeatures, openjdk/crac crac.cpp crac::restore).
import { asSeq, getValue, textOf } from '../yaml/nodes';
import { annotationsOf, type Container, type Workload } from './model';

export const GUARD_ANNOTATION = 'criu-portability.io/guard';
/** The file name docs/guard.md gives the generated script. */
export const GUARD_SCRIPT_NAME = 'criu-guard.sh';
/** Where the quick fix mounts it. */
export const GUARD_MOUNT_DIR = '/opt/criu-guard';

export type GuardEvidence =
  /** `command`/`args` run criu-guard.sh, or the path the guard annotation names. */
  | { kind: 'script'; path: string }
  /** The guard annotation on a container without command/args: the image's own entrypoint runs it. */
  | { kind: 'image'; path: string }
  /** An init container of the pod runs the check (`check-host`, or the guard with --check-only): the `exit` policy. */
  | { kind: 'init-check'; container: string }
  /** CRaC's restoring JVM checks the CPU itself. */
  | { kind: 'crac-check' };

/** The words of the container's command and args. */
export function commandWords(c: Container): string[] {
  const words: string[] = [];
  for (const key of ['command', 'args']) {
    for (const item of asSeq(getValue(c.node, key))?.items ?? []) {
      const t = textOf(item);
      if (t !== undefined) words.push(t);
    }
  }
  return words;
}

export function hasCommand(c: Container): boolean {
  return getValue(c.node, 'command') !== undefined || getValue(c.node, 'args') !== undefined;
}

/** CRaC options that switch its CPU check off (openjdk/crac globals.hpp CheckCPUFeatures; IgnoreCPUFeatures). */
export function cracCheckOff<T extends { text: string }>(options: readonly T[]): T | undefined {
  return options.find((o) => /^-XX:CheckCPUFeatures=skip$/i.test(o.text) || /^-XX:\+IgnoreCPUFeatures$/i.test(o.text));
}

export function guardOf(w: Workload, c: Container, runtime: string, options: readonly { text: string }[]): GuardEvidence | undefined {
  const words = commandWords(c);
  const byName = words.find((word) => baseName(word) === GUARD_SCRIPT_NAME);
  if (byName) return { kind: 'script', path: byName };
  const annotated = textOf(annotationsOf(w).get(GUARD_ANNOTATION))?.trim();
  if (annotated) {
    if (words.includes(annotated)) return { kind: 'script', path: annotated };
    if (!hasCommand(c) && c.role !== 'init') return { kind: 'image', path: annotated };
  }
  if (c.role !== 'init') {
    // docs/check-host.md: `criu-portability check-host` in an init container fails the pod before the restore.
    const init = w.containers.find((i) => i.role === 'init' && commandWords(i).some((word) => word === 'check-host' || baseName(word) === GUARD_SCRIPT_NAME));
    if (init) return { kind: 'init-check', container: init.name ?? String(init.index) };
  }
  if (runtime === 'crac' && !cracCheckOff(options)) return { kind: 'crac-check' };
  return undefined;
}

function baseName(p: string): string {
  return p.replace(/\/+$/, '').split('/').pop() ?? '';
}
