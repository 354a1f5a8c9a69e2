// The requirement set R ("the features the checkpoint needs", docs/manifest.md): what every restore target must have, and why each feature is in it.
import type { Node } from 'yaml';
import type { Manifest, Target } from './model';
import type { Microarchitecture } from '../catalog/types';
import { trackedFor } from '../catalog';
import { effectiveTunables, glibcFeatures, isMaskable, isMasked, parseHwcapsTunable, type GlibcFeature } from './glibc';

export type ReasonKind = 'baseline' | 'jitFeatures' | 'requires' | 'glibc';

export interface Reason {
  kind: ReasonKind;
  /** Where it became required (a list item, the baseline value), for relatedInformation. */
  node?: Node;
  /** In the user's words: "requires", "the baseline openj9-portable", ... */
  label: string;
}

export type Requirements = Map<string, Reason[]>;

export function requirementsOf(m: Manifest): Requirements {
  const r: Requirements = new Map();
  const add = (id: string, reason: Reason) => {
    const list = r.get(id);
    if (list) list.push(reason);
    else r.set(id, [reason]);
  };
  const hostFeatures = hostFeatureIds(m);
  const b = m.baseline;
  if (b) {
    const label = `the baseline ${b.name}`;
    const node = m.baselineValue?.node;
    if (b.hostDefined) {
      const jitLabel = `${label} (on aarch64 the checkpoint host's features the JIT uses)`;
      for (const id of baselineFeatureIds(m) ?? []) add(id, { kind: 'baseline', node, label: jitLabel });
    } else {
      // OpenJ9's portable JIT set is host ∩ baseline (J9CPU.cpp detectRelocatable); a named baseline is a promise.
      const intersect = b.kind === 'openj9-portable' && hostFeatures !== undefined;
      for (const id of b.features) if (!intersect || hostFeatures!.has(id)) add(id, { kind: 'baseline', node, label });
    }
  }
  for (const ref of m.jitFeatures?.items ?? []) {
    if (ref.feature) add(ref.feature.id, { kind: 'jitFeatures', node: ref.node, label: 'checkpoint.jitFeatures' });
  }
  for (const ref of m.requires?.items ?? []) {
    if (ref.feature) add(ref.feature.id, { kind: 'requires', node: ref.node, label: 'requires' });
  }
  for (const f of unmaskedGlibcFeatures(m)) {
    const label = isMaskable(f)
      ? 'glibc on the checkpoint host (not masked by glibcTunables)'
      : `glibc on the checkpoint host (no tunable can mask it on ${m.arch})`;
    add(f.id, { kind: 'glibc', node: m.glibcTunables?.node ?? (m.host?.features?.pair.key as Node | undefined), label });
  }
  return r;
}

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

/** glibc-relevant checkpoint-host features outside the baseline that glibcTunables does not mask. */
export function unmaskedGlibcFeatures(m: Manifest): GlibcFeature[] {
  const host = hostFeatureIds(m);
  const baseline = baselineFeatureIds(m);
  if (!m.arch || !host || !baseline) return [];
  const { disabled } = parseHwcapsTunable(effectiveTunables(m.runtime, m.glibcTunables?.value));
  return glibcFeatures(m.arch).filter((f) => host.has(f.id) && !baseline.has(f.id) && !isMasked(f, disabled));
}

/**
 * The features of R a target lacks, sorted; undefined when the target says nothing checkable. A named
 * microarchitecture is judged only on features its lineage tracks (trackedFor: archspec lists sha_ni for Intel
 * lines only, and rtm nowhere); an explicit feature list is judged on all of R.
 */
export function missingOnTarget(requirements: Requirements, t: Target): string[] | undefined {
  const has = targetFeatureIds(t);
  if (!has) return undefined;
  const judged = t.resolved ? trackedFor(t.resolved) : undefined;
  return [...requirements.keys()].filter((id) => !has.has(id) && (!judged || judged.has(id))).sort();
}

/** The features of R a microarchitecture lacks, among those its lineage tracks. */
export function missingOnMicroarchitecture(requirements: Requirements, u: Microarchitecture): string[] {
  const judged = trackedFor(u);
  return [...requirements.keys()].filter((id) => !u.features.has(id) && judged.has(id)).sort();
}

/**
 * The features a target has: its microarchitecture's, its explicit list, or both together (a machine the
 * microarchitecture names, plus what it has beyond it: "Add this host as a restore target" writes that).
 */
export function targetFeatureIds(t: Target): Set<string> | undefined {
  if (!t.resolved && !t.features) return undefined;
  const ids = new Set<string>(t.resolved?.features ?? []);
  for (const ref of t.features?.items ?? []) if (ref.feature) ids.add(ref.feature.id);
  return ids;
}
