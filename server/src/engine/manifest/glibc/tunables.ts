// GLIBC_TUNABLES as the checkpointed process sees it: the user's value plus what the runtime adds, and the one
// `glibc.cpu.hwcaps` entry glibc acts on.
//
// glibc keeps the last value of a tunable: elf/dl-tunables.c (bminor/glibc, glibc-2.26 … glibc-2.40) sets a string
// tunable's `val.strval` once per occurrence, in order, so of two `glibc.cpu.hwcaps=` entries the later one wins
// and the earlier is ignored whole.

/** The checkpointing runtime (the manifest's `runtime`). */
export type Runtime = 'openj9' | 'liberty' | 'crac';

export const HWCAPS = 'glibc.cpu.hwcaps';

/**
 * What Open Liberty's bin/server exports before every checkpoint and restore (`criuEnvDefaults()` in
 * OpenLiberty/open-liberty dev/com.ibm.ws.kernel.boot/publish/bin/server): appended after a GLIBC_TUNABLES
 * already set, so its `glibc.cpu.hwcaps` comes last and is the one glibc uses.
 */
export const LIBERTY_GLIBC_TUNABLES =
  'glibc.cpu.hwcaps=z14,-arch_3_00,-arch_3_1,-XSAVEC,-XSAVE,-AVX2,-ERMS,-AVX,-AVX_Fast_Unaligned_Load:glibc.pthread.rseq=0';

/**
 * What CRaC's HotSpot disables for `-XX:CPUFeatures=generic` on x86_64 before it re-executes itself
 * (openjdk/crac src/hotspot/cpu/x86/vm_version_x86.cpp `glibc_env_set`, and the list its test
 * test/jdk/jdk/crac/cpuFeatures/SimpleCPUFeatures.sh prints): the entries go *into* the first
 * `glibc.cpu.hwcaps` entry of the user's value (or are appended when there is none), so the user's own
 * entries are kept. Only the features the host has are listed in practice; the extra names are harmless.
 */
export const CRAC_GENERIC_DISABLES = [
  '-AVX', '-FMA', '-AVX2', '-BMI1', '-BMI2', '-ERMS', '-LZCNT', '-SSSE3', '-POPCNT', '-SSE4_1', '-SSE4_2', '-AVX512F',
  '-AVX512CD', '-AVX512BW', '-AVX512DQ', '-AVX512VL', '-IBT', '-MOVBE', '-SHSTK', '-XSAVE', '-OSXSAVE', '-HTT',
];

export interface EffectiveHwcaps {
  /** The entries of the `glibc.cpu.hwcaps` glibc acts on, as written (`-AVX2`, `z14`, `Prefer_No_AVX512`). */
  entries: Set<string>;
  /** Who wrote the entry glibc acts on. */
  from: 'none' | 'user' | 'liberty' | 'crac';
  /** The user wrote a glibc.cpu.hwcaps entry that a later one (theirs or the runtime's) replaces. */
  userOverridden: boolean;
}

interface Pair {
  name: string;
  value: string;
}

/** `a=b:c=d` → pairs; a part without '=' is skipped, as glibc skips it. */
export function tunablePairs(value: string): Pair[] {
  const pairs: Pair[] = [];
  for (const part of value.split(':')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    pairs.push({ name: part.slice(0, eq).trim(), value: part.slice(eq + 1) });
  }
  return pairs;
}

export function hwcapsEntries(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Whether `-XX:CPUFeatures=generic` is among the JVM options (CRaC then re-executes with its own mask). */
export function cracCpuFeatures(options: readonly string[]): string | undefined {
  let last: string | undefined;
  for (const o of options) {
    const m = /^-XX:CPUFeatures=(.*)$/.exec(o.trim());
    if (m) last = m[1];
  }
  return last;
}

/** The GLIBC_TUNABLES value in the checkpointed process: the user's, with what the runtime adds. */
export function runtimeTunables(runtime: Runtime, value: string | undefined, jvmOptions: readonly string[] = []): string {
  const user = value ?? '';
  if (runtime === 'liberty') return user ? `${user}:${LIBERTY_GLIBC_TUNABLES}` : LIBERTY_GLIBC_TUNABLES;
  if (runtime === 'crac' && cracCpuFeatures(jvmOptions) === 'generic') {
    const add = CRAC_GENERIC_DISABLES.join(',');
    const parts = user.split(':');
    const at = parts.findIndex((p) => p.split('=')[0].trim() === HWCAPS);
    if (at === -1) return user ? `${user}:${HWCAPS}=${add}` : `${HWCAPS}=${add}`;
    parts[at] = `${parts[at]},${add}`;
    return parts.join(':');
  }
  return user;
}

/** The hwcaps entries glibc acts on for this runtime and value: the last `glibc.cpu.hwcaps` wins. */
export function effectiveHwcaps(runtime: Runtime, value: string | undefined, jvmOptions: readonly string[] = []): EffectiveHwcaps {
  const userCount = tunablePairs(value ?? '').filter((p) => p.name === HWCAPS).length;
  const all = tunablePairs(runtimeTunables(runtime, value, jvmOptions)).filter((p) => p.name === HWCAPS);
  const last = all[all.length - 1];
  if (!last) return { entries: new Set(), from: 'none', userOverridden: false };
  const crac = runtime === 'crac' && cracCpuFeatures(jvmOptions) === 'generic';
  const from = runtime === 'liberty' ? 'liberty' : crac ? 'crac' : 'user';
  // CRaC merges into the user's first entry: the user's entries live on unless a later entry of theirs wins.
  const userOverridden = runtime === 'liberty' ? userCount > 0 : userCount > 1;
  return { entries: new Set(hwcapsEntries(last.value)), from, userOverridden };
}

/**
 * The user's GLIBC_TUNABLES with `entries` added to its *last* `glibc.cpu.hwcaps` (the one glibc acts on), every
 * other tunable kept; a value with no hwcaps entry gets one at the front.
 */
export function addHwcapsEntries(existing: string | undefined, entries: readonly string[]): string {
  const parts = (existing ?? '').split(':').filter((p) => p.trim() !== '');
  let index = -1;
  parts.forEach((p, i) => {
    if (p.split('=')[0].trim() === HWCAPS) index = i;
  });
  if (index === -1) return [`${HWCAPS}=${entries.join(',')}`, ...parts].join(':');
  const current = hwcapsEntries(parts[index].slice(parts[index].indexOf('=') + 1));
  const merged = [...current];
  for (const e of entries) if (!merged.includes(e)) merged.push(e);
  parts[index] = `${HWCAPS}=${merged.join(',')}`;
  return parts.join(':');
}
