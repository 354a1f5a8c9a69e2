// The glibc model: which checkpoint-host features glibc binds into the checkpointed process (IFUNC choices and
// glibc-hwcaps directories are made once, at start, and a restored process keeps them), per glibc release,
// vendor and runtime, and what GLIBC_TUNABLES can do about it. Sources: the files named in x86.ts and others.ts.
import type { Arch } from '../../catalog/types';
import { aarch64Bindings, ppcBindings, s390Bindings } from './others';
import { REPRESENTATIVE, releaseText, type GlibcRelease } from './release';
import { addHwcapsEntries, effectiveHwcaps, type EffectiveHwcaps, type Runtime } from './tunables';
import type { Binding, BindingsOf, GlibcHost } from './types';
import { x86Bindings } from './x86';

export * from './release';
export * from './tunables';
export type { Binding, Family, GlibcHost } from './types';

const BY_ARCH: Record<Arch, BindingsOf> = {
  x86_64: x86Bindings,
  ppc64le: ppcBindings,
  s390x: s390Bindings,
  aarch64: aarch64Bindings,
};

export interface GlibcInput {
  host: GlibcHost;
  /** Undefined: unknown, judged as the worst of the releases the model knows. */
  release?: GlibcRelease;
  runtime: Runtime;
  /** checkpoint.glibcTunables as the user wrote it. */
  tunables?: string;
  jvmOptions?: readonly string[];
  /** Features the baseline already requires: bindings needing only those do not matter. */
  baseline: ReadonlySet<string>;
}

export interface UnmaskedBinding extends Binding {
  /** Features of the binding outside the baseline. */
  outside: string[];
  /** The user's own GLIBC_TUNABLES could mask it (in some release, when the release is unknown). */
  userCanMask: boolean;
  /** The runtime's own glibc.cpu.hwcaps comes after the user's and leaves it bound (Open Liberty). */
  overridden: boolean;
  /** Why it stays bound whatever the user writes: no tunable in that release, hardware bits, the runtime's entry. */
  why?: string;
  /** The releases in which it is bound and unmasked, when the release is unknown. */
  releases?: string[];
}

export interface GlibcVerdict {
  unmasked: UnmaskedBinding[];
  hwcaps: EffectiveHwcaps;
  /** Entries that, added to the user's last glibc.cpu.hwcaps, mask every binding the user can mask. */
  fixEntries: string[];
  /** What the verdict assumed, in the user's words; empty when nothing was. */
  assumptions: string[];
}

function masked(b: Binding, entries: ReadonlySet<string>): boolean {
  return b.maskedBy.some((set) => set.every((e) => entries.has(e)));
}

/** The first way to mask b that does not repeat an entry already chosen. */
function fixFor(b: Binding, chosen: readonly string[]): string[] {
  const reuse = b.maskedBy.find((set) => set.every((e) => chosen.includes(e)));
  return reuse ?? b.maskedBy[0] ?? [];
}

function judgeRelease(input: GlibcInput, release: GlibcRelease, hwcaps: EffectiveHwcaps) {
  const runtimeOverrides = hwcaps.from === 'liberty';
  const out: UnmaskedBinding[] = [];
  const fix: string[] = [];
  for (const b of BY_ARCH[input.host.arch](input.host, release)) {
    const outside = b.features.filter((f) => !input.baseline.has(f));
    if (outside.length === 0 || masked(b, hwcaps.entries)) continue;
    const userCanMask = b.maskedBy.length > 0 && !runtimeOverrides;
    const why = b.maskedBy.length === 0
      ? b.unmaskableWhy
      : runtimeOverrides
        ? "Open Liberty's bin/server appends its own glibc.cpu.hwcaps after the user's, and glibc uses the last one"
        : undefined;
    out.push({ ...b, outside, userCanMask, overridden: b.maskedBy.length > 0 && runtimeOverrides, why });
    if (userCanMask) for (const e of fixFor(b, fix)) if (!fix.includes(e)) fix.push(e);
  }
  return { out, fix };
}

/** What glibc binds on the checkpoint host and nothing masks, for the stated release or the worst release. */
export function judgeGlibc(input: GlibcInput): GlibcVerdict {
  const releases = input.release ? [input.release] : REPRESENTATIVE;
  const byKey = new Map<string, UnmaskedBinding>();
  const fix: string[] = [];
  // The tunables in force do not depend on the release: read once, not once per release judged.
  const hwcaps = effectiveHwcaps(input.runtime, input.tunables, input.jvmOptions);
  for (const r of releases) {
    const judged = judgeRelease(input, r, hwcaps);
    for (const e of judged.fix) if (!fix.includes(e)) fix.push(e);
    for (const b of judged.out) {
      const seen = byKey.get(b.key);
      if (!seen) {
        byKey.set(b.key, { ...b, releases: input.release ? undefined : [releaseText(r)] });
        continue;
      }
      seen.releases?.push(releaseText(r));
      // Across releases: the user can mask it where some release lets them (the fix carries that release's
      // spelling), and it may stay bound for the reason the worst release gives.
      seen.userCanMask ||= b.userCanMask;
      seen.overridden ||= b.overridden;
      if (!b.userCanMask && b.why && !seen.why) seen.why = b.why;
      for (const f of b.outside) if (!seen.outside.includes(f)) seen.outside.push(f);
    }
  }
  const assumptions: string[] = [];
  if (!input.release && byKey.size > 0) {
    assumptions.push('checkpoint.glibc is not set, so this assumes the worst of glibc 2.26 to 2.40 (state the image\'s glibc release to narrow it)');
  }
  if (input.host.arch === 'x86_64' && !input.host.vendor && [...byKey.values()].some((b) => b.key === 'x86-zmm')) {
    assumptions.push('the checkpoint host\'s vendor is unknown, so this assumes glibc does not prefer to avoid AVX-512 there, as on AMD (state checkpoint.host.microarchitecture or model)');
  }
  // Keep only fix entries still needed for bindings the user can mask in every release judged.
  const unmasked = [...byKey.values()];
  const needed = unmasked.some((b) => b.userCanMask) ? fix : [];
  return { unmasked, hwcaps, fixEntries: needed, assumptions };
}

/** The user's GLIBC_TUNABLES with the verdict's fix entries added to the entry glibc acts on. */
export function suggestedTunables(existing: string | undefined, verdict: GlibcVerdict): string | undefined {
  if (verdict.fixEntries.length === 0) return undefined;
  return addHwcapsEntries(existing, verdict.fixEntries);
}

/** Every feature id any binding of the arch can need: what a probe keeps and a manifest's host list should carry. */
export function glibcRelevantFeatures(arch: Arch): Set<string> {
  // A host that has everything: every binding of every release shows what it needs.
  const everything: GlibcHost = { arch, features: { has: () => true } as unknown as ReadonlySet<string> };
  const ids = new Set<string>();
  for (const r of REPRESENTATIVE) for (const b of BY_ARCH[arch](everything, r)) for (const f of b.features) ids.add(f);
  return ids;
}
