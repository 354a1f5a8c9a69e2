// What glibc binds on ppc64le, s390x and aarch64 checkpoint hosts, per release. Read in bminor/glibc:
// - powerpc: glibc.cpu.hwcaps exists from glibc-2.39 (sysdeps/unix/sysv/linux/powerpc/cpu-features.c, names of
//   sysdeps/powerpc/dl-procinfo.c such as arch_3_00, arch_3_1); it edits the copy the IFUNC resolvers read
//   (sysdeps/powerpc/powerpc32/power4/multiarch/init-arch.h reads dl_powerpc_cpu_features.hwcap2). Before 2.39
//   powerpc has no such tunable (glibc-2.38 sysdeps/powerpc/dl-tunables.list lists only cached_memopt).
// - s390x: glibc.cpu.hwcaps exists from glibc-2.38 (sysdeps/s390/cpu-features.c): levels zEC12/arch10,
//   z13/arch11, z14/arch12 clear the vector facilities newer than them and MIE3; HWCAP_S390_VXRS,
//   HWCAP_S390_VXRS_EXT, HWCAP_S390_VXRS_EXT2, STFLE_MIE3 by name. IFUNCs test HWCAP_S390_VX, _VXE,
//   _VXRS_EXT2 and S390_IS_ARCH13_MIE3 (sysdeps/s390/ifunc-*.h).
// - glibc-hwcaps directories (from glibc-2.33): sysdeps/powerpc/powerpc64/le/dl-hwcaps-subdirs.c (power9: ISA 3.0
//   and IEEE128; power10: ISA 3.1 and MMA) and sysdeps/s390/s390-64/dl-hwcaps-subdirs.c (z13: VX; z14: VXD, VXE,
//   GS; z15: VXRS_EXT2, VXRS_PDE; z16: VXRS_PDE2) read GLRO(dl_hwcap)/GLRO(dl_hwcap2), the kernel's bits, which
//   the tunable does not change: nothing in GLIBC_TUNABLES keeps those libraries out.
// - aarch64: no glibc.cpu.hwcaps (sysdeps/aarch64/dl-tunables.list has glibc.cpu.name only). memcpy
//   (sysdeps/aarch64/multiarch/memcpy.c): glibc-2.35 SVE only on A64FX; glibc-2.36 SVE unless Neoverse N1/N2;
//   glibc-2.37 SVE when present; glibc-2.39 MOPS first; glibc-2.40 SVE only when prefer_sve_ifuncs
//   (sysdeps/unix/sysv/linux/aarch64/cpu-features.c: kernel 6.2 or later, assumed here).
import { atLeast, type GlibcRelease } from './release';
import type { Binding, GlibcHost } from './types';

const tag = (r: GlibcRelease) => `bminor/glibc glibc-${r.major}.${r.minor}`;

function hwcapsDir(key: string, dir: string, features: string[], path: string, r: GlibcRelease): Binding {
  return {
    key, family: 'glibc-hwcaps directory', kind: 'code',
    what: `libraries from glibc-hwcaps/${dir} (when the image has any)`,
    features, source: `${path} (${tag(r)})`, maskedBy: [],
    unmaskableWhy: `glibc picks glibc-hwcaps/${dir} from the kernel's HWCAP bits, which glibc.cpu.hwcaps does not change`,
  };
}

export function ppcBindings(host: GlibcHost, r: GlibcRelease): Binding[] {
  const has = (id: string) => host.features.has(id);
  const out: Binding[] = [];
  const tunable = atLeast(r, 39);
  const why = tunable ? undefined : `glibc ${r.major}.${r.minor} has no glibc.cpu.hwcaps on powerpc (it arrives in 2.39)`;
  const source = `sysdeps/powerpc/powerpc64/multiarch/memcpy.c, strcmp.c …; sysdeps/unix/sysv/linux/powerpc/cpu-features.c (${tag(r)})`;
  if (has('arch_3_00')) {
    out.push({ key: 'ppc-isa300', family: 'string/memory', kind: 'code', what: 'POWER9 (ISA 3.0) string routines', features: ['arch_3_00'], source, maskedBy: tunable ? [['-arch_3_00']] : [], unmaskableWhy: why });
  }
  if (has('arch_3_1')) {
    out.push({ key: 'ppc-isa31', family: 'string/memory', kind: 'code', what: 'POWER10 (ISA 3.1) memcpy/memmove/string routines', features: ['arch_3_1'], source, maskedBy: tunable ? [['-arch_3_1']] : [], unmaskableWhy: why });
  }
  if (atLeast(r, 33)) {
    const path = 'sysdeps/powerpc/powerpc64/le/dl-hwcaps-subdirs.c';
    if (has('arch_3_00') && has('ieee128')) out.push(hwcapsDir('ppc-dir-power9', 'power9', ['arch_3_00', 'ieee128'], path, r));
    if (has('arch_3_00') && has('ieee128') && has('arch_3_1') && has('mma')) out.push(hwcapsDir('ppc-dir-power10', 'power10', ['arch_3_1', 'mma'], path, r));
  }
  return out;
}

/** Each s390x level clears what is newer than it (sysdeps/s390/cpu-features.c, glibc-2.38). */
const UP_TO_Z12 = [['zEC12'], ['arch10']];
const UP_TO_Z13 = [...UP_TO_Z12, ['z13'], ['arch11']];
const UP_TO_Z14 = [...UP_TO_Z13, ['z14'], ['arch12']];

export function s390Bindings(host: GlibcHost, r: GlibcRelease): Binding[] {
  const has = (id: string) => host.features.has(id);
  const out: Binding[] = [];
  const tunable = atLeast(r, 38);
  const why = tunable ? undefined : `glibc ${r.major}.${r.minor} has no glibc.cpu.hwcaps on s390x (it arrives in 2.38)`;
  const source = `sysdeps/s390/ifunc-*.h; sysdeps/s390/cpu-features.c (${tag(r)})`;
  const ifunc = (key: string, what: string, id: string, masks: string[][]) => {
    if (has(id)) out.push({ key, family: 'string/memory', kind: 'code', what, features: [id], source, maskedBy: tunable ? masks : [], unmaskableWhy: why });
  };
  ifunc('s390-vx', 'z13 vector (VX) string/memory routines', 'vx', [...UP_TO_Z12, ['-HWCAP_S390_VXRS']]);
  ifunc('s390-vxe', 'z14 vector-enhancements (VXE) routines', 'vxe', [...UP_TO_Z13, ['-HWCAP_S390_VXRS'], ['-HWCAP_S390_VXRS_EXT']]);
  ifunc('s390-vxe2', 'z15 vector-enhancements-2 (VXRS_EXT2) routines', 'vxe2', [...UP_TO_Z14, ['-HWCAP_S390_VXRS'], ['-HWCAP_S390_VXRS_EXT'], ['-HWCAP_S390_VXRS_EXT2']]);
  ifunc('s390-mie3', 'z15 memmove (MIE3)', 'mi_e3', [...UP_TO_Z14, ['-STFLE_MIE3']]);
  if (atLeast(r, 33)) {
    const path = 'sysdeps/s390/s390-64/dl-hwcaps-subdirs.c';
    const z13 = ['vx'];
    const z14 = ['vxd', 'vxe', 'gs'];
    const z15 = ['vxe2', 'vxp'];
    const z16 = ['vxp2'];
    if (z13.every(has)) {
      out.push(hwcapsDir('s390-dir-z13', 'z13', z13, path, r));
      if (z14.every(has)) {
        out.push(hwcapsDir('s390-dir-z14', 'z14', z14, path, r));
        if (z15.every(has)) {
          out.push(hwcapsDir('s390-dir-z15', 'z15', z15, path, r));
          if (z16.every(has)) out.push(hwcapsDir('s390-dir-z16', 'z16', z16, path, r));
        }
      }
    }
  }
  return out;
}

export function aarch64Bindings(host: GlibcHost, r: GlibcRelease): Binding[] {
  const has = (id: string) => host.features.has(id);
  const out: Binding[] = [];
  const source = `sysdeps/aarch64/multiarch/memcpy.c, memmove.c, memset.c (${tag(r)})`;
  const why = 'glibc.cpu.hwcaps does not exist on aarch64';
  const mops = atLeast(r, 39) && has('mops');
  if (mops) out.push({ key: 'a64-mops', family: 'string/memory', kind: 'code', what: 'MOPS memcpy/memmove/memset', features: ['mops'], source, maskedBy: [], unmaskableWhy: why });
  const u = host.microarchitecture;
  const sve =
    has('sve') && !mops &&
    (atLeast(r, 37) || (atLeast(r, 36) ? u !== 'neoverse_n1' && u !== 'neoverse_n2' : u === undefined || u === 'a64fx'));
  if (sve) out.push({ key: 'a64-sve', family: 'string/memory', kind: 'code', what: 'SVE memcpy/memmove', features: ['sve'], source, maskedBy: [], unmaskableWhy: why });
  return out;
}
