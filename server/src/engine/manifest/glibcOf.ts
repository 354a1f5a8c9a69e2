// The glibc verdict for a manifest: its checkpoint host, glibc release, runtime and tunables, judged once.
import { lookupMicroarchitecture } from '../catalog';
import { judgeGlibc, parseGlibcRelease, type GlibcVerdict } from './glibc';
import type { Manifest } from './model';
import { baselineFeatureIds, hostFeatureIds } from './hostFeatures';

const cache = new WeakMap<Manifest, GlibcVerdict | undefined>();

/** CPUID vendor from the host's microarchitecture, its model string, or a vendor-only feature. */
export function hostVendor(m: Manifest, host: ReadonlySet<string>): string | undefined {
  const u = m.host?.microarchitecture ? lookupMicroarchitecture(m.host.microarchitecture.value) : undefined;
  if (u && u.vendor !== 'generic') return u.vendor;
  const model = m.host?.model?.value ?? '';
  if (/\bintel\b/i.test(model)) return 'GenuineIntel';
  if (/\bamd\b|\bepyc\b|\bryzen\b/i.test(model)) return 'AuthenticAMD';
  // AMD-only CPUID bits (archspec lists them for AMD lines only).
  if (['sse4a', 'fma4', 'xop', 'clzero', 'tbm'].some((f) => host.has(f))) return 'AuthenticAMD';
  return undefined;
}

export function glibcVerdict(m: Manifest): GlibcVerdict | undefined {
  if (cache.has(m)) return cache.get(m);
  const host = hostFeatureIds(m);
  const baseline = baselineFeatureIds(m);
  const verdict = !m.arch || !host || !baseline ? undefined : judgeGlibc({
    host: { arch: m.arch, vendor: m.arch === 'x86_64' ? hostVendor(m, host) : undefined, microarchitecture: m.host?.microarchitecture?.value, features: host },
    release: parseGlibcRelease(m.glibc?.value),
    runtime: m.runtime,
    tunables: m.glibcTunables?.value,
    jvmOptions: m.jvm?.options?.items.map((i) => i.value) ?? [],
    baseline,
  });
  cache.set(m, verdict);
  return verdict;
}
