// The requirement set R ("the features the checkpoint needs", docs/manifest.md): what every restore target must have, and why each feature is in it.
import type { Node } from 'yaml';
import type { Manifest, Target } from './model';
import type { Microarchitecture } from '../catalog/types';
import { lookupFeature, lookupMicroarchitecture, trackedFor } from '../catalog';
import { jitTarget } from './jit';
import { glibcVerdict } from './glibcOf';
import { baselineFeatureIds, hostFeatureIds } from './hostFeatures';

export { baselineFeatureIds, hostFeatureIds };

export type ReasonKind = 'baseline' | 'jitFeatures' | 'requires' | 'glibc' | 'jit';

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
  const jit = jitTarget(m);
  // CRaC's JIT is HotSpot's: OpenJ9's portable set says nothing about it, so only a baseline the manifest names counts.
  if (b && !(m.runtime === 'crac' && !m.baselineValue)) {
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
  if (jit.kind === 'host') {
    const label = `the JIT code compiled for the checkpoint host (${jit.label})`;
    for (const f of checkpointHostFeatures(m)) {
      if (jit.allHostFeatures || f.jitUtilized) add(f.id, { kind: 'jit', node: jit.node ?? m.host?.pair.key as Node | undefined, label });
    }
  } else if (jit.kind === 'features' && m.arch) {
    for (const name of jit.names) {
      const f = lookupFeature(m.arch, name);
      if (f) add(f.id, { kind: 'jit', node: jit.node, label: jit.label });
    }
  }
  for (const ref of m.jitFeatures?.items ?? []) {
    if (ref.feature) add(ref.feature.id, { kind: 'jitFeatures', node: ref.node, label: 'checkpoint.jitFeatures' });
  }
  for (const ref of m.requires?.items ?? []) {
    if (ref.feature) add(ref.feature.id, { kind: 'requires', node: ref.node, label: 'requires' });
  }
  const glibc = glibcVerdict(m);
  for (const b of glibc?.unmasked ?? []) {
    const assumed = b.releases && b.why ? "; checkpoint.glibc is not set, so a release where this holds is assumed" : "";
    const label = `glibc on the checkpoint host (${b.what}${b.why ? `; ${b.why}${assumed}` : ', not masked by glibcTunables'})`;
    for (const id of b.outside) {
      if (r.get(id)?.some((x) => x.kind === 'glibc')) continue;
      add(id, { kind: 'glibc', node: m.glibcTunables?.node ?? (m.host?.features?.pair.key as Node | undefined), label });
    }
  }
  return r;
}

/**
 * The checkpoint host's features as catalogue entries: its `features` list, else its named microarchitecture's
 * features; empty when the manifest says neither.
 */
export function checkpointHostFeatures(m: Manifest): import('../catalog/types').FeatureInfo[] {
  if (!m.arch) return [];
  const listed = m.host?.features?.items;
  if (listed) return listed.flatMap((r) => (r.feature ? [r.feature] : []));
  const named = m.host?.microarchitecture ? lookupMicroarchitecture(m.host.microarchitecture.value) : undefined;
  if (!named || named.arch !== m.arch) return [];
  return [...named.features].flatMap((id) => lookupFeature(m.arch!, id) ?? []);
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
