// Which checkpoint-host features glibc may have bound into the checkpointed process (IFUNC selection and
// glibc-hwcaps library directories happen once, at the checkpoint), and how GLIBC_TUNABLES masks them.
//
// Sources:
// - glibc manual, "Hardware Capability Tunables": glibc.cpu.hwcaps=-xxx,yyy names are case-sensitive and
//   match sysdeps/x86/include/cpu-features.h on x86; s390x takes the STFLE/HWCAP names of
//   sysdeps/s390/cpu-features.c or an arch level; powerpc the HWCAP/HWCAP2 names of sysdeps/powerpc/dl-procinfo.c.
// - glibc sysdeps/s390/cpu-features.c: level `zEC12` disables VXRS, VXRS_EXT, VXRS_EXT2 and MIE3; `z13`
//   disables VXRS_EXT, VXRS_EXT2, MIE3; `z14` disables VXRS_EXT2 and MIE3; s390 IFUNCs select on vx / vxe2.
// - The masks OpenJ9's CRIU tests and Open Liberty use (reference: domain-facts §1.6):
//   `-XSAVEC,-XSAVE,-AVX2,-ERMS,-AVX,-AVX_Fast_Unaligned_Load`, `-arch_3_00,-arch_3_1` on POWER, `z14` on s390x.
// ERMS and FSRM are left out: they only say `rep movsb` is fast; the instruction runs on every x86-64 CPU, so the
// *_erms routines cannot fault on restore (and FSRM has no glibc.cpu.hwcaps name, only Prefer_FSRM).
// SSE4.2 is left out: every CPU that meets the x86 OpenJ9 baseline (Sandy Bridge and later, Bulldozer and later,
// per archspec) has it, and the masks OpenJ9 and Liberty use leave it on.
// glibc's x86 IFUNC resolvers that use FMA, BMI1/2, MOVBE, LZCNT or RTM variants also require AVX2, so masking
// AVX2 covers them; AVX-512 (EVEX) variants are covered by masking AVX512F, or AVX2 together with
// AVX_Fast_Unaligned_Load (the gate of the EVEX memmove family).
import type { Arch } from '../catalog/types';

export interface GlibcFeature {
  /** Catalogue feature id. */
  id: string;
  /** The name in glibc.cpu.hwcaps. */
  tunable: string;
  /** Other tunable entries that also keep glibc from using it (all of one inner list must be present). */
  coveredBy?: string[][];
}

const AVX2_GATE = [['AVX2']];
const EVEX_GATE = [['AVX512F'], ['AVX2', 'AVX_Fast_Unaligned_Load']];

const X86: GlibcFeature[] = [
  { id: 'avx2', tunable: 'AVX2' },
  { id: 'avx512f', tunable: 'AVX512F', coveredBy: [['AVX2', 'AVX_Fast_Unaligned_Load']] },
  { id: 'avx512vl', tunable: 'AVX512VL', coveredBy: EVEX_GATE },
  { id: 'avx512bw', tunable: 'AVX512BW', coveredBy: EVEX_GATE },
  { id: 'avx512dq', tunable: 'AVX512DQ', coveredBy: EVEX_GATE },
  { id: 'avx512cd', tunable: 'AVX512CD', coveredBy: EVEX_GATE },
  { id: 'avx512er', tunable: 'AVX512ER', coveredBy: EVEX_GATE },
  { id: 'avx512pf', tunable: 'AVX512PF', coveredBy: EVEX_GATE },
  { id: 'xsavec', tunable: 'XSAVEC' },
  { id: 'xsave', tunable: 'XSAVE' },
  { id: 'fma', tunable: 'FMA', coveredBy: AVX2_GATE },
  { id: 'fma4', tunable: 'FMA4', coveredBy: AVX2_GATE },
  { id: 'bmi1', tunable: 'BMI1', coveredBy: AVX2_GATE },
  { id: 'bmi2', tunable: 'BMI2', coveredBy: AVX2_GATE },
  { id: 'movbe', tunable: 'MOVBE', coveredBy: AVX2_GATE },
  { id: 'abm', tunable: 'LZCNT', coveredBy: AVX2_GATE },
  { id: 'rtm', tunable: 'RTM', coveredBy: AVX2_GATE },
  { id: 'avx', tunable: 'AVX' },
];

const PPC: GlibcFeature[] = [
  { id: 'arch_3_00', tunable: 'arch_3_00' },
  { id: 'arch_3_1', tunable: 'arch_3_1' },
];

// s390x levels mask what is newer than them; any level at or below the one given covers the feature.
const S390: GlibcFeature[] = [
  { id: 'vx', tunable: 'HWCAP_S390_VXRS', coveredBy: [['zEC12'], ['arch10']] },
  { id: 'vxe', tunable: 'HWCAP_S390_VXRS_EXT', coveredBy: [['zEC12'], ['arch10'], ['z13'], ['arch11']] },
  { id: 'vxe2', tunable: 'HWCAP_S390_VXRS_EXT2', coveredBy: [['zEC12'], ['arch10'], ['z13'], ['arch11'], ['z14'], ['arch12']] },
];

// aarch64: glibc selects memcpy/memmove SVE variants when HWCAP_SVE is set (sysdeps/aarch64/multiarch/memcpy.c:
// `if (sve && HAVE_AARCH64_SVE_ASM) return __memcpy_sve`), and glibc.cpu.hwcaps does not exist there (manual:
// x86, s390x, powerpc and loongarch only), so nothing can mask it: an empty tunable says so.
const AARCH64: GlibcFeature[] = [{ id: 'sve', tunable: '' }];

/** Whether GLIBC_TUNABLES can keep glibc from using it. */
export function isMaskable(f: GlibcFeature): boolean {
  return f.tunable !== '';
}

/**
 * What Open Liberty's bin/server exports before every checkpoint and restore (criuEnvDefaults(), appended to a
 * GLIBC_TUNABLES already set; domain-facts §5.4). A `runtime: liberty` manifest has it whether or not it says so.
 */
export const LIBERTY_GLIBC_TUNABLES =
  'glibc.cpu.hwcaps=z14,-arch_3_00,-arch_3_1,-XSAVEC,-XSAVE,-AVX2,-ERMS,-AVX,-AVX_Fast_Unaligned_Load:glibc.pthread.rseq=0';

/** The GLIBC_TUNABLES in force at checkpoint: the manifest's value, plus Liberty's defaults for Liberty. */
export function effectiveTunables(runtime: string, value: string | undefined): string {
  if (runtime !== 'liberty') return value ?? '';
  return value ? `${value}:${LIBERTY_GLIBC_TUNABLES}` : LIBERTY_GLIBC_TUNABLES;
}

export function glibcFeatures(arch: Arch): readonly GlibcFeature[] {
  switch (arch) {
    case 'x86_64':
      return X86;
    case 'ppc64le':
      return PPC;
    case 's390x':
      return S390;
    case 'aarch64':
      return AARCH64;
    default:
      return [];
  }
}

/** The entries of `glibc.cpu.hwcaps` in a GLIBC_TUNABLES value (`a=b:c=d` pairs). */
export function parseHwcapsTunable(value: string): { disabled: Set<string>; present: boolean } {
  const disabled = new Set<string>();
  let present = false;
  for (const part of value.split(':')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== 'glibc.cpu.hwcaps') continue;
    present = true;
    for (const raw of part.slice(eq + 1).split(',')) {
      const entry = raw.trim();
      if (!entry) continue;
      if (entry.startsWith('-')) disabled.add(entry.slice(1));
      // s390x arch levels (`z14`) are written without '-' and still disable what is newer than them.
      else if (/^(zEC12|z1[3-9]|arch1\d)$/.test(entry)) disabled.add(entry);
    }
  }
  return { disabled, present };
}

export function isMasked(f: GlibcFeature, disabled: ReadonlySet<string>): boolean {
  if (!isMaskable(f)) return false;
  if (disabled.has(f.tunable)) return true;
  return (f.coveredBy ?? []).some((all) => all.every((t) => disabled.has(t)));
}

/**
 * A GLIBC_TUNABLES value that masks `features` too, keeping every other tunable and hwcaps entry of `existing`.
 * s390x uses the arch level that masks everything newer than the baseline, as Open Liberty does.
 */
export function mergeHwcapsMask(existing: string | undefined, arch: Arch, features: readonly GlibcFeature[]): string {
  const additions =
    arch === 's390x' ? [s390Level(features)] : features.map((f) => `-${f.tunable}`);
  const parts = (existing ?? '').split(':').filter((p) => p.trim() !== '');
  const index = parts.findIndex((p) => p.split('=')[0].trim() === 'glibc.cpu.hwcaps');
  if (index === -1) return [`glibc.cpu.hwcaps=${additions.join(',')}`, ...parts].join(':');
  const current = parts[index].slice(parts[index].indexOf('=') + 1).split(',').map((s) => s.trim()).filter(Boolean);
  const merged = [...current];
  for (const a of additions) if (!merged.includes(a)) merged.push(a);
  parts[index] = `glibc.cpu.hwcaps=${merged.join(',')}`;
  return parts.join(':');
}

function s390Level(features: readonly GlibcFeature[]): string {
  const ids = new Set(features.map((f) => f.id));
  if (ids.has('vx')) return 'zEC12';
  if (ids.has('vxe')) return 'z13';
  return 'z14';
}

/**
 * The fewest entries that mask `features`: a feature a gate already covers (FMA, BMI2... behind AVX2) is dropped
 * when its gate is part of the mask.
 */
export function minimalMask(features: readonly GlibcFeature[]): GlibcFeature[] {
  const tunables = new Set(features.map((f) => f.tunable));
  return features.filter((f) => !(f.coveredBy ?? []).some((all) => all.every((t) => tunables.has(t))));
}
