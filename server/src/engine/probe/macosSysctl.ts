// macOS `sysctl -a` output (`name: value` lines), Intel and Apple silicon.
import { lookupMicroarchitecture } from '../catalog';
import { readKeyValues, words } from './keyValues';
import { ProbeParseError, type RawProbe } from './types';

/**
 * macOS spells CPUID flags its own way (xnu osfmk/i386/cpuid.c feature names). Most become the Linux
 * name by lower-casing; these do not. The first entries are archspec's own conversions
 * (microarchitectures.json `conversions.darwin_flags`); the rest map xnu's names to the Linux
 * arch/x86/include/asm/cpufeatures.h names for the same CPUID bit.
 */
const DARWIN_X86_TO_LINUX: Readonly<Record<string, readonly string[]>> = {
  'sse4.1': ['sse4_1'],
  'sse4.2': ['sse4_2'],
  'avx1.0': ['avx'],
  lahf: ['lahf_lm'],
  sha: ['sha_ni'],
  clfsopt: ['clflushopt'],
  sse3: ['pni'],
  clfsh: ['clflush'],
  ds: ['dts'],
  htt: ['ht'],
  mon: ['monitor'],
  dscpl: ['ds_cpl'],
  tpr: ['xtpr'],
  tsctmr: ['tsc_deadline_timer'],
  rdwrfsgs: ['fsgsbase'],
  em64t: ['lm'],
  xd: ['nx'],
  lzcnt: ['abm'],
  prefetchw: ['3dnowprefetch'],
  '1gbpage': ['pdpe1gb'],
  ipt: ['intel_pt'],
  mdclear: ['md_clear'],
  l1df: ['flush_l1d'],
  fsrepmov: ['fsrm'],
  avx512vnni: ['avx512_vnni'],
  avx512vbmi2: ['avx512_vbmi2'],
  avx512bitalg: ['avx512_bitalg'],
  avx512vpopcntdq: ['avx512_vpopcntdq'],
};

/**
 * Apple silicon `hw.optional.arm.FEAT_*` (Arm architecture feature names) and the older
 * `hw.optional.*` keys, to Linux aarch64 HWCAP names (kernel Documentation/arch/arm64/elf_hwcaps.rst
 * says which FEAT_* each HWCAP reports).
 */
const APPLE_TO_LINUX: Readonly<Record<string, readonly string[]>> = {
  FEAT_FlagM: ['flagm'],
  FEAT_FlagM2: ['flagm2'],
  FEAT_FHM: ['asimdfhm'],
  FEAT_DotProd: ['asimddp'],
  FEAT_SHA3: ['sha3'],
  FEAT_RDM: ['asimdrdm'],
  FEAT_LSE: ['atomics'],
  FEAT_LSE2: ['uscat'],
  FEAT_SHA256: ['sha2'],
  FEAT_SHA512: ['sha512'],
  FEAT_SHA1: ['sha1'],
  FEAT_AES: ['aes'],
  FEAT_PMULL: ['pmull'],
  FEAT_SB: ['sb'],
  FEAT_FRINTTS: ['frint'],
  FEAT_LRCPC: ['lrcpc'],
  FEAT_LRCPC2: ['ilrcpc'],
  FEAT_FCMA: ['fcma'],
  FEAT_JSCVT: ['jscvt'],
  FEAT_PAuth: ['paca', 'pacg'],
  FEAT_DPB: ['dcpop'],
  FEAT_DPB2: ['dcpodp'],
  FEAT_BF16: ['bf16'],
  FEAT_I8MM: ['i8mm'],
  FEAT_ECV: ['ecv'],
  FEAT_FP16: ['fphp', 'asimdhp'],
  FEAT_SSBS: ['ssbs'],
  FEAT_BTI: ['bti'],
  FEAT_DIT: ['dit'],
  FEAT_SME: ['sme'],
  FEAT_SME2: ['sme2'],
  FEAT_AFP: ['afp'],
  FEAT_RPRES: ['rpres'],
  FEAT_WFxT: ['wfxt'],
  FEAT_CSSC: ['cssc'],
  floatingpoint: ['fp'],
  AdvSIMD: ['asimd'],
  neon: ['asimd'],
  armv8_crc32: ['crc32'],
  armv8_1_atomics: ['atomics'],
};

/**
 * Apple model from the brand string, exactly as archspec's `_sysctl_info_apple` (archspec/archspec
 * archspec/cpu/detect.py): `apple\s+m(\d+)` in the lower-cased brand, counting down to the newest model the
 * catalogue knows (an M5 is judged as the newest known M); the bare "Apple processor" of macOS Big Sur on an
 * M1 (archspec-json tests/targets/darwin-bigsur-m1) is m1; anything else is the generic aarch64.
 */
function appleModel(brand: string): string {
  const lower = brand.toLowerCase();
  const m = /apple\s+m(\d+)/.exec(lower);
  if (m) {
    for (let n = Number(m[1]); n > 0; n--) if (lookupMicroarchitecture(`m${n}`)) return `m${n}`;
    return 'm1';
  }
  return lower === 'apple processor' ? 'm1' : 'aarch64';
}

export function isSysctlText(values: ReadonlyMap<string, string>): boolean {
  for (const key of values.keys()) if (key.startsWith('machdep.cpu.') || key.startsWith('hw.optional.')) return true;
  return false;
}

export function readMacosSysctl(text: string): RawProbe {
  const values = readKeyValues(text);
  if (!isSysctlText(values)) throw new ProbeParseError('not macOS `sysctl -a` output: no `machdep.cpu.*` or `hw.optional.*` keys');
  const brand = values.get('machdep.cpu.brand_string') ?? '';
  const appleSilicon = values.get('hw.optional.arm64') === '1' || /^Apple\b/.test(brand) || [...values.keys()].some((k) => k.startsWith('hw.optional.arm.'));
  return appleSilicon ? readAppleSilicon(values, brand) : readIntelMac(values, brand);
}

function readIntelMac(values: ReadonlyMap<string, string>, brand: string): RawProbe {
  const raw = [
    ...words(values.get('machdep.cpu.features')),
    ...words(values.get('machdep.cpu.leaf7_features')),
    ...words(values.get('machdep.cpu.extfeatures')),
  ];
  const tokens: string[] = [];
  for (const word of raw) {
    const lower = word.toLowerCase();
    tokens.push(...(DARWIN_X86_TO_LINUX[lower] ?? [lower]));
  }
  // archspec's conversion "popcnt lzcnt" -> abm and "xsave" -> "xsavec xsaveopt": macOS lists no
  // XSAVEC/XSAVEOPT flags, archspec treats XSAVE as implying them.
  if (raw.some((w) => w.toUpperCase() === 'XSAVE')) tokens.push('xsavec', 'xsaveopt');
  return {
    arch: 'x86_64',
    vendor: values.get('machdep.cpu.vendor') ?? '',
    model: brand,
    family: values.get('machdep.cpu.family'),
    modelNumber: values.get('machdep.cpu.model'),
    tokens,
    source: 'macos-sysctl',
    notes: [],
  };
}

function readAppleSilicon(values: ReadonlyMap<string, string>, brand: string): RawProbe {
  const tokens: string[] = [];
  const unmapped: string[] = [];
  for (const [key, value] of values) {
    if (!key.startsWith('hw.optional.') || value.trim() !== '1') continue;
    const name = key.startsWith('hw.optional.arm.') ? key.slice('hw.optional.arm.'.length) : key.slice('hw.optional.'.length);
    const mapped = APPLE_TO_LINUX[name];
    if (mapped) tokens.push(...mapped);
    else if (key.startsWith('hw.optional.arm.FEAT_')) unmapped.push(name);
  }
  const model = appleModel(brand);
  return {
    arch: 'aarch64',
    vendor: 'Apple',
    model: brand || 'Apple silicon',
    modelNumber: values.get('hw.cpufamily'),
    tokens: [...tokens, ...unmapped],
    source: 'macos-sysctl',
    notes: [
      'macOS does not report every Linux HWCAP (for example evtstrm, cpuid); the microarchitecture comes from the brand string, as archspec does.',
    ],
    platform: model,
  };
}
