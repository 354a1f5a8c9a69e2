// `-Xjit:disableAVX2` and the other OMR CPU-feature disable options (domain-facts §1.4: OMR
// compiler/control/OMROptions.cpp, "disable … and newer", cascaded by OMR::Options::disableCPUFeatures).

/** The x86 options in OMR's order: each one also disables every option after it ("and newer"). */
const X86_ORDER: readonly { option: string; features: string }[] = [
  { option: 'disableSSE3', features: 'SSE3 (pni)' },
  { option: 'disableSSE4_1', features: 'SSE4.1' },
  { option: 'disableSSE4_2', features: 'SSE4.2' },
  { option: 'disableAVX', features: 'AVX' },
  { option: 'disableAVX2', features: 'AVX2' },
  { option: 'disableAVX512', features: 'AVX-512' },
];

/** The IBM Z options, oldest machine level first: each also disables every later level ("and newer"). */
const Z_ORDER: readonly string[] = [
  'disableZ10', 'disableZ196', 'disableZEC12', 'disableZ13', 'disableZ14', 'disableZ15', 'disableZ16', 'disableZ17', 'disableZNext',
];

const SOURCE = 'OMR compiler/control/OMROptions.cpp, OMR::Options::disableCPUFeatures (domain-facts §1.4)';

/** `-Xjit:disableAVX2`, `-Xaot:disableAVX2` or bare `disableAVX2` (case-insensitive), else undefined. */
export function explainJitDisableOption(name: string): string | undefined {
  const sub = name.replace(/^-X(jit|aot):/i, '').toLowerCase();
  const x86 = X86_ORDER.findIndex((o) => o.option.toLowerCase() === sub);
  if (x86 !== -1) {
    const { option, features } = X86_ORDER[x86];
    const newer = X86_ORDER.slice(x86 + 1).map((o) => o.features);
    return page(option, 'x86_64', [
      `Stops the OpenJ9 JIT from generating ${features} instructions${newer.length ? `, and every newer feature OMR orders after it (${newer.join(', ')})` : ''}, even when the CPU has them.`,
      'Lowering the JIT feature set keeps JIT-compiled code runnable on CPUs without those features.',
    ]);
  }
  const z = Z_ORDER.findIndex((o) => o.toLowerCase() === sub);
  if (z !== -1) {
    const option = Z_ORDER[z];
    const later = Z_ORDER.slice(z + 1);
    return page(option, 's390x', [
      `Stops the OpenJ9 JIT from using the facilities of the ${option.slice('disable'.length)} machine level${later.length ? ` and every later one (${later.map((o) => o.slice('disable'.length)).join(', ')})` : ''}, even when the CPU has them.`,
    ]);
  }
  return undefined;
}

function page(option: string, arch: string, body: string[]): string {
  return [
    `-Xjit:${option} (OpenJ9 JIT option, ${arch})`, '',
    ...body,
    'An -Xjit sub-option: OpenJ9 also accepts it at restore, in OPENJ9_RESTORE_JAVA_OPTIONS (openj9-docs criusupport.md).', '',
    `Source: ${SOURCE}`,
  ].join('\n') + '\n';
}

/** Every option name, for suggestions. */
export const JIT_DISABLE_OPTIONS: readonly string[] = [...X86_ORDER.map((o) => `-Xjit:${o.option}`), ...Z_ORDER.map((o) => `-Xjit:${o}`)];
