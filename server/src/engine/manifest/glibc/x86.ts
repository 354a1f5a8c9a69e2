// What glibc binds on an x86_64 checkpoint host, per release and vendor. Read in bminor/glibc at the tags named:
// - sysdeps/x86_64/multiarch/ifunc-memmove.h, ifunc-memset.h (glibc-2.26 … glibc-2.40): the AVX-512 (ZMM)
//   variants are chosen when AVX512F is usable and Prefer_No_AVX512 is not set; EVEX (256-bit, AVX512VL) variants
//   (the *-evex.S files, from glibc-2.34) behind AVX_Fast_Unaligned_Load (memmove) or AVX2 (string routines,
//   ifunc-avx2.h / ifunc-evex.h); the AVX (YMM) memmove behind AVX_Fast_Unaligned_Load alone.
// - sysdeps/x86/cpu-features.c: Prefer_No_AVX512 is set only in the Intel branch, for CPUs without AVX512ER,
//   and from glibc-2.35 only when AVX-VNNI is absent ("Processors with AVX512 and AVX-VNNI won't lower CPU
//   frequency"); never for AMD. The hwcaps tunable is applied after the usable bits are computed
//   (TUNABLE_GET (hwcaps, …) after update_active), so masking AVX2 leaves AVX512F and FMA usable.
// - sysdeps/x86_64/fpu/multiarch/s_fma.c, s_fmaf.c: fma()/fmaf() pick FMA3 on FMA alone, then FMA4; ifunc-fma4.h
//   and ifunc-avx-fma4.h (exp, log, pow, sin, cos, tan, atan, atan2 …): FMA with AVX2, else FMA4 alone, else AVX.
// - sysdeps/x86/cpu-tunables.c: names by release. glibc-2.26 … glibc-2.31 selectors test the `*_Usable` bits
//   (AVX2_Usable, AVX512F_Usable, AVX_Usable, FMA_Usable, FMA4_Usable, XSAVEC_Usable from glibc-2.27), so `-AVX2`
//   there clears only the CPUID bit and changes no selection; from glibc-2.32 the plain names. `-XSAVE` exists
//   from glibc-2.34. `Prefer_No_AVX512` can be set by name in every release.
// - sysdeps/x86_64/dl-hwcaps-subdirs.c (from glibc-2.33): x86-64-v3/v4 directories follow get_isa_level() over
//   the usable bits, so the tunable masks them.
import { atLeast, type GlibcRelease } from './release';
import type { Binding, GlibcHost } from './types';

const TAG = (r: GlibcRelease) => `bminor/glibc glibc-${r.major}.${r.minor}`;

/** The entry that clears a feature for IFUNC selection in release r. */
function off(name: 'AVX2' | 'AVX512F' | 'AVX512VL' | 'AVX' | 'FMA' | 'FMA4' | 'XSAVEC', r: GlibcRelease): string {
  return atLeast(r, 32) ? `-${name}` : `-${name}_Usable`;
}

/** sysdeps/x86/cpu-features.c: Intel without AVX512ER, and (from 2.35) without AVX-VNNI. Unknown vendor: not Intel. */
export function prefersNoAvx512(host: GlibcHost, r: GlibcRelease): boolean {
  if (host.vendor !== 'GenuineIntel' || host.features.has('avx512er')) return false;
  return !atLeast(r, 35) || !host.features.has('avx_vnni');
}

const V3 = ['avx', 'avx2', 'bmi1', 'bmi2', 'f16c', 'fma', 'abm', 'movbe'];
const V4 = ['avx512f', 'avx512bw', 'avx512cd', 'avx512dq', 'avx512vl'];

/** libm variants each chosen on one feature alone, in the order they are reported. */
const LIBM: { key: string; feature: string; name: 'FMA' | 'FMA4' | 'AVX'; what: string; files: string }[] = [
  { key: 'x86-fma', feature: 'fma', name: 'FMA', what: 'libm fma()/fmaf() FMA3 variants (chosen on FMA alone)', files: 'sysdeps/x86_64/fpu/multiarch/s_fma.c, s_fmaf.c' },
  { key: 'x86-fma4', feature: 'fma4', name: 'FMA4', what: 'libm FMA4 variants (exp, log, pow, sin, cos, tan, atan, fma; chosen on FMA4 alone)', files: 'sysdeps/x86_64/fpu/multiarch/ifunc-fma4.h, ifunc-avx-fma4.h, s_fma.c' },
  { key: 'x86-avx-libm', feature: 'avx', name: 'AVX', what: 'libm AVX variants (atan, atan2, exp, log, sin, cos, tan)', files: 'sysdeps/x86_64/fpu/multiarch/ifunc-avx-fma4.h' },
];

export function x86Bindings(host: GlibcHost, r: GlibcRelease): Binding[] {
  const has = (id: string) => host.features.has(id);
  const present = (...ids: string[]) => ids.filter(has);
  const src = (path: string) => `${path} (${TAG(r)})`;
  const out: Binding[] = [];

  if (has('avx512f') && !prefersNoAvx512(host, r)) {
    out.push({
      key: 'x86-zmm', family: 'string/memory', kind: 'code',
      what: 'AVX-512 (ZMM) memmove/memcpy/memset',
      features: present('avx512f', 'avx512vl', 'avx512bw'),
      source: src('sysdeps/x86_64/multiarch/ifunc-memmove.h, ifunc-memset.h; Prefer_No_AVX512 in sysdeps/x86/cpu-features.c'),
      maskedBy: [[off('AVX512F', r)], ['Prefer_No_AVX512']],
    });
  }
  if (atLeast(r, 34) && has('avx512vl') && has('avx2')) {
    out.push({
      key: 'x86-evex', family: 'string/memory', kind: 'code',
      what: 'EVEX (AVX512VL) string and memmove routines',
      features: present('avx512vl', 'avx512bw'),
      source: src('sysdeps/x86_64/multiarch/ifunc-evex.h, ifunc-avx2.h, ifunc-memmove.h'),
      maskedBy: [[off('AVX512VL', r)], [off('AVX2', r), '-AVX_Fast_Unaligned_Load']],
    });
  }
  if (has('avx2')) {
    out.push({
      key: 'x86-avx2', family: 'string/memory', kind: 'code',
      what: 'AVX2 string routines (with BMI1/BMI2/LZCNT/MOVBE/RTM where present)',
      features: present('avx2', 'bmi1', 'bmi2', 'abm', 'movbe', 'rtm'),
      source: src('sysdeps/x86_64/multiarch/ifunc-avx2.h, ifunc-memcmp.h, strchr.c'),
      maskedBy: [[off('AVX2', r)]],
    });
    // cpu-features.c sets AVX_Fast_Unaligned_Load when AVX2 is usable; the tunable clears it only by name.
    out.push({
      key: 'x86-avx-memmove', family: 'string/memory', kind: 'code',
      what: 'AVX (YMM) memmove/memcpy',
      features: present('avx'),
      source: src('sysdeps/x86_64/multiarch/ifunc-memmove.h'),
      maskedBy: [['-AVX_Fast_Unaligned_Load']],
    });
  }
  for (const m of LIBM) {
    if (!has(m.feature)) continue;
    out.push({ key: m.key, family: 'libm', kind: 'code', what: m.what, features: [m.feature], source: src(m.files), maskedBy: [[off(m.name, r)]] });
  }
  if (has('xsavec')) {
    const maskable = atLeast(r, 27);
    out.push({
      key: 'x86-xsavec', family: 'dynamic linker', kind: 'state',
      what: 'lazy-binding trampoline _dl_runtime_resolve_xsavec',
      features: ['xsavec'],
      source: src('sysdeps/x86/cpu-tunables.c, sysdeps/x86_64/dl-machine.h'),
      maskedBy: maskable ? [[off('XSAVEC', r)]] : [],
      unmaskableWhy: maskable ? undefined : `glibc ${r.major}.${r.minor} has no XSAVEC entry in glibc.cpu.hwcaps (XSAVEC_Usable arrives in 2.27)`,
    });
  }
  if (has('xsave')) {
    const maskable = atLeast(r, 34);
    out.push({
      key: 'x86-xsave', family: 'dynamic linker', kind: 'state',
      what: 'lazy-binding trampoline _dl_runtime_resolve_xsave',
      features: ['xsave'],
      source: src('sysdeps/x86/cpu-tunables.c, sysdeps/x86_64/dl-machine.h'),
      maskedBy: maskable ? [['-XSAVE']] : [],
      unmaskableWhy: maskable ? undefined : `glibc ${r.major}.${r.minor} has no XSAVE entry in glibc.cpu.hwcaps (it arrives in 2.34)`,
    });
  }
  if (atLeast(r, 33) && V3.every(has)) {
    const v3Masks = [['-AVX'], [off('AVX2', r)], ['-BMI1'], ['-BMI2'], [off('FMA', r)], ['-LZCNT'], ['-MOVBE']];
    out.push({
      key: 'x86-hwcaps-v3', family: 'glibc-hwcaps directory', kind: 'code',
      what: 'libraries from glibc-hwcaps/x86-64-v3',
      features: V3,
      source: src('sysdeps/x86_64/dl-hwcaps-subdirs.c, sysdeps/x86/get-isa-level.h'),
      maskedBy: v3Masks,
    });
    if (V4.every(has)) {
      out.push({
        key: 'x86-hwcaps-v4', family: 'glibc-hwcaps directory', kind: 'code',
        what: 'libraries from glibc-hwcaps/x86-64-v4',
        features: V4,
        source: src('sysdeps/x86_64/dl-hwcaps-subdirs.c, sysdeps/x86/get-isa-level.h'),
        maskedBy: [...v3Masks, ...['AVX512F', 'AVX512BW', 'AVX512CD', 'AVX512DQ', 'AVX512VL'].map((n) => [`-${n}`])],
      });
    }
  }
  return out;
}
