// A decoded cpuinfo.img as a HostCpu, the shape every verdict of this project works on.
import { featuresOf, lookupFeature } from '../catalog/index';
import { hwcapFeatureIds, toHostCpu } from '../probe/canonicalize';
import type { HostCpu } from '../probe/types';
import type { CriuCpuinfo } from './cpuinfo';
import { x86CapabilityNames, x86RecordableNames, x86Xsave, type XsaveInfo } from './cpuinfo';
import { CriuImageError } from './imageFile';

export interface CheckpointCpu {
  host: HostCpu;
  /** x86_64 only. */
  xsave?: XsaveInfo;
  stepping?: number;
  capabilityVer?: number;
}

/** cpuinfo_x86_entry.vendor: CRIU records Intel or AMD (criu/arch/x86/cpu.c), as CPUID's vendor strings. */
const X86_VENDORS: Record<string, string> = { INTEL: 'GenuineIntel', AMD: 'AuthenticAMD' };

export function checkpointCpu(info: CriuCpuinfo, what: string): CheckpointCpu {
  if (info.x86_entry.length) return x86Cpu(info, what);
  if (info.ppc64_entry.length) return hwcapCpu('ppc64le', info.ppc64_entry[0]!.hwcap, what, info.ppc64_entry[0]!.endian);
  return hwcapCpu('s390x', info.s390_entry[0]!.hwcap, what);
}

function x86Cpu(info: CriuCpuinfo, what: string): CheckpointCpu {
  const x = info.x86_entry[0]!;
  const names = x86CapabilityNames(x, what);
  const notes = [
    `Read from CRIU's cpuinfo.img (capability_ver ${x.capability_ver}); features are the capability bits CRIU recorded, named by CRIU's own table.`,
  ];
  const unrecordable = unrecordableX86(x.capability_ver);
  if (unrecordable.length) {
    notes.push(
      `CRIU's capability words (capability_ver ${x.capability_ver}) cannot record ${unrecordable.length} features of the catalogue (${unrecordable.slice(0, 8).join(', ')}${unrecordable.length > 8 ? ', ...' : ''}): the checkpoint host may have had them; the microarchitecture is the best match of what was recorded.`,
    );
  }
  if (info.x86_entry.length > 1) notes.push(`The image lists ${info.x86_entry.length} CPUs; the first is shown.`);
  const host = toHostCpu({
    arch: 'x86_64',
    vendor: X86_VENDORS[x.vendor_id] ?? x.vendor_id,
    model: x.model_id ?? '',
    family: String(x.cpu_family),
    modelNumber: String(x.model),
    tokens: names,
    source: 'criu-image',
    notes,
  });
  const cpu: CheckpointCpu = { host, stepping: x.stepping, capabilityVer: x.capability_ver };
  const xsave = x86Xsave(x);
  if (xsave) cpu.xsave = xsave;
  return cpu;
}

/** Catalogue features of x86_64 with a Linux name CRIU's table for this capability_ver has no bit for. */
function unrecordableX86(capabilityVer: number): string[] {
  const recordable = x86RecordableNames(capabilityVer);
  const known = new Set([...recordable].map((n) => lookupFeature('x86_64', n)?.id).filter((id): id is string => !!id));
  return featuresOf('x86_64').filter((f) => f.linux && !known.has(f.id) && (f.jitUtilized || f.openj9Portable || f.nfd)).map((f) => f.id);
}

/** ppc64 AT_HWCAP/AT_HWCAP2 (criu/arch/ppc64/cpu.c) or s390 AT_HWCAP/AT_HWCAP2 (criu/arch/s390/cpu.c). */
function hwcapCpu(arch: 'ppc64le' | 's390x', hwcap: string[], what: string, endian?: string): CheckpointCpu {
  if (arch === 'ppc64le' && endian !== 'LITTLEENDIAN') throw new CriuImageError(`${what}: a big-endian ppc64 checkpoint; this tool knows ppc64le only`);
  if (hwcap.length !== 2) throw new CriuImageError(`${what}: CRIU records 2 hwcap words on ${arch}, the image carries ${hwcap.length}`);
  const [h1, h2] = hwcap.map((v) => BigInt(v));
  const ids = hwcapFeatureIds(arch, h1, h2);
  const notes = [`Read from CRIU's cpuinfo.img: AT_HWCAP 0x${h1!.toString(16)}, AT_HWCAP2 0x${h2!.toString(16)}.`];
  if (arch === 's390x') notes.push('CRIU records only the s390x HWCAP words: facilities without a HWCAP bit (STFLE only) are unknown, and the machine type is not recorded.');
  const host: HostCpu = { arch, vendor: arch === 's390x' ? 'IBM/S390' : 'IBM', model: '', features: ids.sort(), unknownFeatures: [], source: 'criu-image', notes };
  if (arch === 'ppc64le') {
    const platform = powerFromIsa(ids);
    notes.push(
      `CRIU records only the HWCAP words, not the processor name (AT_PLATFORM)${platform ? `: ${platform.toUpperCase()} is inferred from the highest ISA level bit (arch_3_1 is ISA 3.1, POWER10; arch_3_00 ISA 3.0, POWER9; arch_2_07 ISA 2.07, POWER8; kernel arch/powerpc/include/uapi/asm/cputable.h PPC_FEATURE2_ARCH_*)` : ''}.`,
    );
    if (platform) host.platform = platform;
  }
  return { host };
}

/** The POWER generation a set of ISA-level HWCAP2 bits implies: the processors that first set each bit. */
function powerFromIsa(ids: readonly string[]): string | undefined {
  if (ids.includes('arch_3_1')) return 'power10';
  if (ids.includes('arch_3_00')) return 'power9';
  if (ids.includes('arch_2_07')) return 'power8';
  return undefined;
}
