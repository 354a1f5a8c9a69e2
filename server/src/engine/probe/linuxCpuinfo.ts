// Linux /proc/cpuinfo for x86_64, aarch64, ppc64le and s390x, optionally followed by the output of
// `LD_SHOW_AUXV=1 /bin/true` (needed on ppc64le, whose cpuinfo lists no feature flags).
import type { Arch } from '../catalog/types';
import { armPartName, armVendorName } from './armParts';
import { ppcHwcapNames, readAuxvText, type AuxvText } from './auxv';
import { hwcapFeatureIds } from './canonicalize';
import { lookupMicroarchitecture } from '../catalog';
import { readKeyValues, words } from './keyValues';
import { s390Machine } from './s390Machines';
import { ProbeParseError, type RawProbe } from './types';

type Values = ReadonlyMap<string, string>;

/** Which architecture printed this cpuinfo; undefined when it is not a cpuinfo we know. */
export function sniffCpuinfoArch(values: Values): Arch | undefined {
  if (values.get('vendor_id') === 'IBM/S390' || (values.has('facilities') && values.has('features'))) return 's390x';
  if (values.has('CPU implementer') || (values.has('Features') && values.has('CPU part'))) return 'aarch64';
  if (/POWER\d/i.test(values.get('cpu') ?? '') || /^power\d/i.test(values.get('AT_PLATFORM') ?? '')) return 'ppc64le';
  if (values.has('flags') && values.has('vendor_id')) return 'x86_64';
  return undefined;
}

export function readLinuxCpuinfo(text: string): RawProbe {
  const values = readKeyValues(text);
  const arch = sniffCpuinfoArch(values);
  if (!arch) {
    throw new ProbeParseError(
      'not a Linux /proc/cpuinfo: found none of `flags` + `vendor_id` (x86_64), `Features` + `CPU implementer` (aarch64), a `cpu : POWERn` line (ppc64le) or `vendor_id : IBM/S390` (s390x)',
    );
  }
  const auxv = readAuxvText(values);
  switch (arch) {
    case 'x86_64':
      return readX86(values);
    case 'aarch64':
      return readAarch64(values, auxv);
    case 'ppc64le':
      return readPower(values, auxv);
    case 's390x':
      return readS390(text, values);
  }
}

function readX86(values: Values): RawProbe {
  const model = values.get('model name') ?? '';
  return {
    arch: 'x86_64',
    vendor: values.get('vendor_id') ?? '',
    model,
    family: values.get('cpu family'),
    modelNumber: values.get('model'),
    tokens: words(values.get('flags')),
    source: 'linux-cpuinfo',
    notes: [],
  };
}

function readAarch64(values: Values, auxv: AuxvText | undefined): RawProbe {
  const implementer = values.get('CPU implementer') ?? '';
  const part = values.get('CPU part') ?? '';
  const vendor = armVendorName(implementer) ?? (implementer || 'unknown');
  const partName = armPartName(implementer, part);
  const notes: string[] = [];
  const tokens = words(values.get('Features'));
  if (auxv) {
    tokens.push(...auxv.hwcap, ...auxv.hwcap2);
    tokens.push(...hwcapFeatureIds('aarch64', auxv.hwcapValue, auxv.hwcap2Value));
  }
  if (tokens.length === 0) notes.push('No `Features` line: the feature list is empty.');
  return {
    arch: 'aarch64',
    vendor,
    model: partName ? `${vendor === 'ARM' ? 'ARM ' : ''}${partName}` : part ? `${vendor} part ${part}` : vendor,
    family: values.get('CPU architecture'),
    modelNumber: part || undefined,
    cpuPart: part || undefined,
    tokens,
    source: 'linux-cpuinfo',
    notes,
  };
}

function readPower(values: Values, auxv: AuxvText | undefined): RawProbe {
  const cpu = values.get('cpu') ?? '';
  const tokens: string[] = [];
  // The kernel appends ", altivec supported" when the CPU has VMX (arch/powerpc/kernel/setup-common.c
  // show_cpuinfo), the only feature the powerpc cpuinfo names.
  if (/altivec supported/i.test(cpu)) tokens.push('altivec');
  const notes: string[] = [];
  if (auxv) {
    tokens.push(...auxv.hwcap, ...auxv.hwcap2);
    if (auxv.hwcapValue !== undefined) tokens.push(...ppcHwcapNames(auxv.hwcapValue, 0));
    if (auxv.hwcap2Value !== undefined) tokens.push(...ppcHwcapNames(auxv.hwcap2Value, 1));
  }
  const generation = /POWER(\d+)/i.exec(cpu)?.[1] ?? /^power(\d+)/i.exec(auxv?.platform ?? '')?.[1];
  if (!auxv) {
    // Without AT_HWCAP the host's features are those every processor of its generation has: a restore check must
    // not fail a POWER9 for "lacking" what its capture merely did not list.
    const known = generation ? lookupMicroarchitecture(`power${generation}le`) : undefined;
    if (known) tokens.push(...known.features);
    notes.push(
      known
        ? `ppc64le /proc/cpuinfo names no features: these are the features every ${known.displayName ?? known.name} has. Append the output of \`LD_SHOW_AUXV=1 /bin/true\` for the host's own AT_HWCAP/AT_HWCAP2.`
        : 'ppc64le /proc/cpuinfo names no features; append the output of `LD_SHOW_AUXV=1 /bin/true` for the AT_HWCAP/AT_HWCAP2 features. The generation comes from the `cpu` line.',
    );
  }
  return {
    arch: 'ppc64le',
    vendor: 'IBM',
    model: cpu.split(',')[0]?.trim() || (generation ? `POWER${generation}` : 'POWER'),
    modelNumber: values.get('revision'),
    tokens,
    source: 'linux-cpuinfo',
    notes,
    platform: auxv?.platform ?? (generation ? `power${generation}` : undefined),
  };
}

function readS390(text: string, values: Values): RawProbe {
  // `processor 0: version = 00,  identification = 0C1E48,  machine = 8561` (arch/s390/kernel/
  // processor.c show_cpu_summary) or the per-CPU `machine : 8561` line (show_cpu_ids).
  const machineType = /machine\s*=\s*([0-9A-Fa-f]{4})/.exec(text)?.[1] ?? values.get('machine')?.trim();
  const machine = s390Machine(machineType);
  const facilities = words(values.get('facilities'))
    .map((w) => Number.parseInt(w, 10))
    .filter((n) => Number.isInteger(n) && n >= 0);
  const notes: string[] = [];
  if (!machine) notes.push(`Unknown IBM Z machine type ${machineType ?? '(none)'}: generation taken from the facilities.`);
  if (facilities.length === 0) notes.push('No `facilities` line (kernels before 4.x omit it): facilities the kernel does not name as HWCAP are unknown.');
  return {
    arch: 's390x',
    vendor: 'IBM',
    model: machine ? machine.displayName : `IBM Z ${machineType ?? ''}`.trim(),
    family: /identification\s*=\s*([0-9A-Fa-f]+)/.exec(text)?.[1] ?? values.get('identification'),
    modelNumber: machineType,
    tokens: words(values.get('features')),
    facilities,
    source: 'linux-cpuinfo',
    notes,
    machineType,
  };
}
