// IBM Z machine types (the `machine = ....` field of s390x /proc/cpuinfo) to generations.
// Source: QEMU target/s390x/cpu_models.c `s390_cpu_defs` (CPUDEF_INIT(type, gen, ...)), e.g.
// 0x8561 gen 15 "IBM z15 T01", 0x3931 gen 16 "IBM 3931" (z16), 0x9175 gen 17 (z17).

export interface S390Machine {
  generation: string;
  displayName: string;
}

export const S390_MACHINE_TYPES: Readonly<Record<string, S390Machine>> = {
  '2097': { generation: 'z10', displayName: 'IBM System z10 EC' },
  '2098': { generation: 'z10', displayName: 'IBM System z10 BC' },
  '2817': { generation: 'z196', displayName: 'IBM zEnterprise 196' },
  '2818': { generation: 'z196', displayName: 'IBM zEnterprise 114' },
  '2827': { generation: 'zEC12', displayName: 'IBM zEnterprise EC12' },
  '2828': { generation: 'zEC12', displayName: 'IBM zEnterprise BC12' },
  '2964': { generation: 'z13', displayName: 'IBM z13' },
  '2965': { generation: 'z13', displayName: 'IBM z13s' },
  '3906': { generation: 'z14', displayName: 'IBM z14' },
  '3907': { generation: 'z14', displayName: 'IBM z14 Model ZR1' },
  '8561': { generation: 'z15', displayName: 'IBM z15 T01' },
  '8562': { generation: 'z15', displayName: 'IBM z15 T02' },
  '3931': { generation: 'z16', displayName: 'IBM z16 (3931)' },
  '3932': { generation: 'z16', displayName: 'IBM z16 (3932)' },
  '9175': { generation: 'z17', displayName: 'IBM z17 (9175)' },
  '9176': { generation: 'z17', displayName: 'IBM z17 (9176)' },
};

export function s390Machine(machineType: string | undefined): S390Machine | undefined {
  return machineType ? S390_MACHINE_TYPES[machineType.trim().toUpperCase()] : undefined;
}
