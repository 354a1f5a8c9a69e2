// CRIU's cpuinfo.img (images/cpuinfo.proto, written by criu/arch/*/cpu.c cpu_dump_cpuinfo): the checkpoint
// host's CPU as CRIU recorded it, and the same CPU in this project's terms (canonical feature ids).
import { CAPABILITY_WORDS, X86_CAPABILITY_ROWS } from './generated/criuImages';
import { CPUINFO_MAGIC, CriuImageError, readImageEntries } from './imageFile';
import { decodeMessage } from './proto';

/** cpuinfo_x86_entry, field names as in the .proto (and `crit decode`); uint64 as a decimal string. */
export interface CriuX86Entry {
  vendor_id: string;
  cpu_family: number;
  model: number;
  stepping: number;
  capability_ver: number;
  capability: number[];
  model_id?: string;
  xfeatures_mask?: string;
  xsave_size?: number;
  xsave_size_max?: number;
}

export interface CriuPpc64Entry {
  endian: string;
  hwcap: string[];
}

export interface CriuS390Entry {
  hwcap: string[];
}

/** cpuinfo_entry. */
export interface CriuCpuinfo {
  x86_entry: CriuX86Entry[];
  ppc64_entry: CriuPpc64Entry[];
  s390_entry: CriuS390Entry[];
}

/** Decodes cpuinfo.img; `what` names the file in errors. */
export function decodeCpuinfo(bytes: Uint8Array, what: string): CriuCpuinfo {
  const { entries } = readImageEntries(bytes, CPUINFO_MAGIC, 'cpuinfo', what);
  if (entries.length !== 1) throw new CriuImageError(`${what}: a CRIU cpuinfo image holds one entry, this one ${entries.length}`);
  const m = decodeMessage('cpuinfo_entry', entries[0]!, what) as unknown as CriuCpuinfo;
  m.x86_entry ??= [];
  m.ppc64_entry ??= [];
  m.s390_entry ??= [];
  if (m.x86_entry.length + m.ppc64_entry.length + m.s390_entry.length === 0) throw new CriuImageError(`${what}: the CRIU cpuinfo entry describes no CPU`);
  for (const x of m.x86_entry) x.capability ??= [];
  return m;
}

/**
 * The /proc/cpuinfo names of the set capability bits, per CRIU's own table for the entry's capability_ver
 * (criu/arch/x86/cpu.c: version 1 has 12 words, version 2 has 19; CRIU refuses other versions and other
 * word counts, and so does this).
 */
export function x86CapabilityNames(x: CriuX86Entry, what: string): string[] {
  const words = CAPABILITY_WORDS[x.capability_ver];
  if (words === undefined) {
    throw new CriuImageError(
      `${what}: unknown capability_ver ${x.capability_ver} (CRIU knows ${Object.keys(CAPABILITY_WORDS).join(' and ')}); this checkpoint was written by a CRIU this tool does not know`,
    );
  }
  if (x.capability.length !== words) {
    throw new CriuImageError(`${what}: capability_ver ${x.capability_ver} has ${words} capability words, the image carries ${x.capability.length}`);
  }
  const names: string[] = [];
  for (const [word, bit, name] of X86_CAPABILITY_ROWS) {
    if (word < words && name && (x.capability[word]! >>> bit) & 1) names.push(name);
  }
  return names;
}

/** Canonical /proc/cpuinfo names CRIU's table can record for a capability_ver (what an image can tell at all). */
export function x86RecordableNames(capabilityVer: number): Set<string> {
  const words = CAPABILITY_WORDS[capabilityVer] ?? 0;
  return new Set(X86_CAPABILITY_ROWS.filter(([w, , n]) => w < words && n).map(([, , n]) => n));
}

/** XSAVE facts: CRIU refuses to restore when the restore host's sizes differ (criu/arch/x86/cpu.c cpu_validate_features). */
export interface XsaveInfo {
  /** XCR0 feature mask, hex (`0x2e7`). */
  featuresMask: string;
  size: number;
  sizeMax: number;
}

export function x86Xsave(x: CriuX86Entry): XsaveInfo | undefined {
  if (x.xfeatures_mask === undefined && x.xsave_size === undefined) return undefined;
  return { featuresMask: `0x${BigInt(x.xfeatures_mask ?? '0').toString(16)}`, size: x.xsave_size ?? 0, sizeMax: x.xsave_size_max ?? 0 };
}
