// The checkpoint host's features and the baseline's, as canonical ids: what R and the glibc model start from.
import type { Manifest } from './model';

/** Canonical ids of the checkpoint host's features; undefined when the manifest lists none. */
export function hostFeatureIds(m: Manifest): Set<string> | undefined {
  const items = m.host?.features?.items;
  if (!items) return undefined;
  const ids = new Set<string>();
  for (const ref of items) if (ref.feature) ids.add(ref.feature.id);
  return ids;
}

/**
 * The features the baseline stands for. On aarch64 OpenJ9 has no fixed set: detectRelocatable() returns the
 * host's description, and the JIT only uses fp, asimd, crc32 and atomics of it (J9::ARM64::CPU feature mask).
 */
export function baselineFeatureIds(m: Manifest): ReadonlySet<string> | undefined {
  const b = m.baseline;
  if (!b) return undefined;
  if (!b.hostDefined) return b.features;
  const items = m.host?.features?.items;
  if (!items) return undefined;
  const ids = new Set<string>();
  for (const ref of items) if (ref.feature?.jitUtilized) ids.add(ref.feature.id);
  return ids;
}

