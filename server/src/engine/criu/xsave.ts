// Whether a host can take back the checkpoint's XSAVE state. CRIU dumps each thread's FPU/vector registers as
// an XSAVE area; its own restore check (checkpoint-restore/criu v3.19 criu/arch/x86/cpu.c cpu_validate_features,
// run under the default --cpu-cap=fpu) refuses a host whose XCR0 lacks a state component of the image
// ("CPU xfeatures has unsupported bits") or whose XSAVE size differs ("CPU xsave size mismatch"). OpenJ9,
// Liberty and CRaC restore with --cpu-cap=none, which skips that check but not the problem: the saved state
// still holds registers the host cannot load.
import type { XsaveInfo } from './cpuinfo';

/**
 * XSAVE state components and the CPU feature that brings each (Intel SDM Vol. 1 §13.1, "XSAVE-Supported
 * Features and State-Component Bitmaps"). Bits 0 (x87) and 1 (SSE) every x86_64 CPU has.
 */
export const XSAVE_COMPONENTS: readonly { bits: readonly number[]; name: string; feature: string }[] = [
  { bits: [2], name: 'AVX (YMM_Hi128)', feature: 'avx' },
  { bits: [3, 4], name: 'MPX (BNDREGS, BNDCSR)', feature: 'mpx' },
  { bits: [5, 6, 7], name: 'AVX-512 (opmask, ZMM_Hi256, Hi16_ZMM)', feature: 'avx512f' },
  { bits: [9], name: 'PKRU', feature: 'pku' },
  { bits: [17, 18], name: 'AMX (XTILECFG, XTILEDATA)', feature: 'amx_tile' },
];

export interface XsaveVerdict {
  ok: boolean;
  /** Why the host cannot restore the state, one sentence each. */
  problems: string[];
  notes: string[];
}

/** `target.xsave` when the host's own CRIU cpuinfo is known; otherwise judged by its features. */
export function xsaveVerdict(image: XsaveInfo, target: { features: readonly string[]; xsave?: XsaveInfo }): XsaveVerdict {
  const problems: string[] = [];
  const notes: string[] = [];
  const mask = BigInt(image.featuresMask);
  const has = new Set(target.features);
  const targetMask = target.xsave ? BigInt(target.xsave.featuresMask) : undefined;
  for (const c of XSAVE_COMPONENTS) {
    const inImage = c.bits.some((b) => (mask >> BigInt(b)) & 1n);
    if (!inImage) continue;
    const onHost = targetMask !== undefined ? c.bits.every((b) => (targetMask >> BigInt(b)) & 1n) : has.has(c.feature);
    if (!onHost) problems.push(`the checkpoint's XSAVE area holds ${c.name} state (XCR0 bit${c.bits.length > 1 ? 's' : ''} ${c.bits.join(', ')}), which this host cannot load (no ${c.feature})`);
  }
  if (target.xsave) {
    if (image.size > target.xsave.size) problems.push(`the checkpoint's XSAVE area (${image.size} bytes) is larger than this host's (${target.xsave.size} bytes)`);
    else if (image.size !== target.xsave.size) notes.push(`XSAVE sizes differ (checkpoint ${image.size}, this host ${target.xsave.size} bytes): CRIU's own check (--cpu-cap=fpu, its default) refuses any difference; OpenJ9, Liberty and CRaC restore with --cpu-cap=none.`);
  } else {
    notes.push(`This host's XSAVE size is not known from a CPU capture (give its CRIU cpuinfo.img with --from to compare sizes); the checkpoint's state components were compared with its features.`);
  }
  return { ok: problems.length === 0, problems, notes };
}
