// Live probe of the machine the server runs on. The only code that reads files or runs programs for
// the probe: it reads /proc/cpuinfo and /proc/self/auxv on Linux, and runs exactly two fixed
// programs with fixed arguments, no shell and a 5 s timeout (`/usr/sbin/sysctl -a` on macOS,
// Windows PowerShell with a constant script). Nothing it runs comes from settings or workspace.
import { execFile as nodeExecFile } from 'node:child_process';
import { readFile as nodeReadFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { decodeAuxv } from '../engine/probe/auxv';
import { hwcapFeatureIds, toHostCpu } from '../engine/probe/canonicalize';
import { readLinuxCpuinfo } from '../engine/probe/linuxCpuinfo';
import { readMacosSysctl } from '../engine/probe/macosSysctl';
import type { HostCpu, RawProbe } from '../engine/probe/types';
import { readWindows, WINDOWS_PROBE_SCRIPT } from '../engine/probe/windows';

export const PROBE_TIMEOUT_MS = 5000;
/** Absolute path, so a `sysctl` earlier on PATH is never run. */
export const SYSCTL_PATH = '/usr/sbin/sysctl';

export class HostProbeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HostProbeError';
  }
}

/** What the probe touches, replaceable in tests. */
export interface ProbeDeps {
  platform: NodeJS.Platform;
  readFile(path: string): Promise<Uint8Array>;
  execFile(file: string, args: readonly string[], timeoutMs: number): Promise<string>;
  /** Windows system root (for the absolute PowerShell path). */
  systemRoot?: string;
  littleEndian: boolean;
  wordSize: 4 | 8;
}

function defaultExecFile(file: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    nodeExecFile(
      file,
      [...args],
      { timeout: timeoutMs, shell: false, windowsHide: true, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

export const defaultDeps: ProbeDeps = {
  platform: process.platform,
  readFile: (path) => nodeReadFile(path),
  execFile: defaultExecFile,
  systemRoot: process.env.SystemRoot,
  littleEndian: endianness() === 'LE',
  wordSize: process.arch === 'arm' || process.arch === 'ia32' ? 4 : 8,
};

export function powershellPath(systemRoot: string | undefined): string {
  return `${systemRoot ?? 'C:\\Windows'}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
}

export async function probeHost(overrides: Partial<ProbeDeps> = {}): Promise<HostCpu> {
  const deps: ProbeDeps = { ...defaultDeps, ...overrides };
  try {
    switch (deps.platform) {
      case 'linux':
        return await probeLinux(deps);
      case 'darwin':
        return live(readMacosSysctl(await deps.execFile(SYSCTL_PATH, ['-a'], PROBE_TIMEOUT_MS)));
      case 'win32':
        return live(
          readWindows(
            await deps.execFile(powershellPath(deps.systemRoot), ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_PROBE_SCRIPT], PROBE_TIMEOUT_MS),
          ),
        );
      default:
        throw new HostProbeError(`probing the CPU is not supported on ${deps.platform}`);
    }
  } catch (e) {
    if (e instanceof HostProbeError) throw e;
    throw new HostProbeError(`could not probe this host's CPU: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

function live(raw: RawProbe): HostCpu {
  return toHostCpu({ ...raw, source: 'live' });
}

async function probeLinux(deps: ProbeDeps): Promise<HostCpu> {
  const cpuinfo = new TextDecoder().decode(await deps.readFile('/proc/cpuinfo'));
  const raw = readLinuxCpuinfo(cpuinfo);
  // AT_HWCAP/AT_HWCAP2 complete what cpuinfo shows: ppc64le cpuinfo has no feature list, and in
  // some containers cpuinfo is the host's while auxv is this process's own.
  if (raw.arch === 'ppc64le' || raw.arch === 'aarch64') {
    try {
      const auxv = decodeAuxv(await deps.readFile('/proc/self/auxv'), deps.littleEndian, deps.wordSize);
      raw.tokens.push(...hwcapFeatureIds(raw.arch, auxv.hwcap, auxv.hwcap2));
      if (raw.arch === 'ppc64le') raw.notes = raw.notes.filter((n) => !n.includes('LD_SHOW_AUXV'));
    } catch {
      raw.notes.push('/proc/self/auxv was not readable: features come from /proc/cpuinfo only.');
    }
  }
  return live(raw);
}
