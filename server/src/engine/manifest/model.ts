// The checkpoint manifest (docs/manifest.md) read from parsed YAML nodes, keeping each value's source node so rules
// can point at it. Resolution against the catalogue happens here once; rules only read the model.
import type { Document, Pair, Scalar, YAMLMap } from 'yaml';
import type { Arch, Baseline, FeatureInfo, Microarchitecture } from '../catalog/types';
import { lookupFeature, lookupMicroarchitecture, normalizeArch, resolveBaseline } from '../catalog';
import { asMap, asScalar, asSeq, getPair, scalarToString } from '../yaml/nodes';

export const MANIFEST_API_VERSION = 'criu-portability/v1';
export const MANIFEST_KIND = 'CheckpointManifest';

export type FeatureListName = 'requires' | 'jitFeatures' | 'host' | 'target';

export interface TextValue {
  value: string;
  node: Scalar;
  pair: Pair<unknown, unknown>;
}

export interface FeatureRef {
  raw: string;
  node: Scalar;
  list: FeatureListName;
  /** Resolved in the manifest's arch; undefined when unknown (or when the arch is unknown). */
  feature?: FeatureInfo;
}

export interface FeatureList {
  pair: Pair<unknown, unknown>;
  items: FeatureRef[];
}

/** `jvm`: the checkpointing JVM's release and the options in force at checkpoint. */
export interface JvmFacts {
  pair: Pair<unknown, unknown>;
  release?: TextValue;
  options?: { pair: Pair<unknown, unknown>; items: { value: string; node: Scalar }[] };
}

export interface Target {
  index: number;
  node: YAMLMap<unknown, unknown>;
  name?: TextValue;
  microarchitecture?: TextValue;
  /** Resolved in any arch: target-arch-mismatch compares its arch. */
  resolved?: Microarchitecture;
  features?: FeatureList;
}

export interface Manifest {
  doc: Document.Parsed;
  root: YAMLMap<unknown, unknown>;
  runtime: Runtime;
  /** The `runtime` value as written, when present. */
  runtimeValue?: TextValue;
  jvm?: JvmFacts;
  arch?: Arch;
  archValue?: TextValue;
  baselineValue?: TextValue;
  /** The baseline in force (default openj9-portable); undefined when the name does not resolve. */
  baseline?: Baseline;
  host?: { pair: Pair<unknown, unknown>; microarchitecture?: TextValue; model?: TextValue; features?: FeatureList };
  jitFeatures?: FeatureList;
  glibcTunables?: TextValue;
  /** `checkpoint.glibc`: the image's glibc release (`"2.34"`). */
  glibc?: TextValue;
  /** `checkpoint.image`: the checkpoint image this manifest was read from (a path relative to the manifest). */
  checkpointImage?: TextValue;
  requires?: FeatureList;
  restorePair?: Pair<unknown, unknown>;
  policy?: TextValue;
  targetsPair?: Pair<unknown, unknown>;
  targets: Target[];
  image?: TextValue;
  name?: TextValue;
}

export type Runtime = 'openj9' | 'liberty' | 'crac';

export function isManifestUri(uri: string): boolean {
  return /\.criu\.ya?ml$/i.test(uri);
}

/** A document is a manifest when its file is a `*.criu.yaml`, or it declares the manifest apiVersion and kind. */
export function looksLikeManifest(doc: Document.Parsed, inManifestFile: boolean): boolean {
  const root = asMap(doc.contents);
  if (inManifestFile) return doc.contents !== null;
  if (!root) return false;
  const api = text(root, 'apiVersion')?.value;
  const kind = text(root, 'kind')?.value;
  return api === MANIFEST_API_VERSION && kind === MANIFEST_KIND;
}

export function readManifest(doc: Document.Parsed): Manifest | undefined {
  const root = asMap(doc.contents);
  if (!root) return undefined;
  const archValue = text(root, 'arch');
  const arch = archValue ? normalizeArch(archValue.value) : undefined;
  const runtimeValue = text(root, 'runtime');
  const runtimeText = runtimeValue?.value;
  const runtime: Runtime = runtimeText === 'liberty' || runtimeText === 'crac' ? runtimeText : 'openj9';
  const baselineValue = text(root, 'baseline');
  const baseline = arch ? resolveBaseline(arch, baselineValue?.value ?? 'openj9-portable') : undefined;

  const checkpoint = asMap(getPair(root, 'checkpoint')?.value);
  const hostPair = getPair(checkpoint, 'host');
  const hostMap = asMap(hostPair?.value);
  const restorePair = getPair(root, 'restore');
  const restore = asMap(restorePair?.value);
  const targetsPair = getPair(restore, 'targets');

  const metadata = asMap(getPair(root, 'metadata')?.value);
  return {
    doc,
    root,
    runtime,
    runtimeValue,
    jvm: readJvm(root),
    arch,
    archValue,
    baselineValue,
    baseline,
    host: hostPair
      ? { pair: hostPair, microarchitecture: text(hostMap, 'microarchitecture'), model: text(hostMap, 'model'), features: featureList(hostMap, 'features', 'host', arch) }
      : undefined,
    jitFeatures: featureList(checkpoint, 'jitFeatures', 'jitFeatures', arch),
    glibcTunables: text(checkpoint, 'glibcTunables'),
    glibc: text(checkpoint, 'glibc'),
    checkpointImage: text(checkpoint, 'image'),
    requires: featureList(root, 'requires', 'requires', arch),
    restorePair,
    policy: text(restore, 'onIncompatibleCpu'),
    targetsPair,
    targets: readTargets(targetsPair, arch),
    image: text(root, 'image'),
    name: text(metadata, 'name'),
  };
}

function readJvm(root: YAMLMap<unknown, unknown>): JvmFacts | undefined {
  const pair = getPair(root, 'jvm');
  if (!pair) return undefined;
  const map = asMap(pair.value);
  const optionsPair = getPair(map, 'options');
  const seq = asSeq(optionsPair?.value);
  const items: { value: string; node: Scalar }[] = [];
  for (const item of seq?.items ?? []) {
    const node = asScalar(item);
    const value = node ? scalarToString(node) : undefined;
    if (node && value !== undefined && value.trim() !== '') items.push({ value: value.trim(), node });
  }
  return { pair, release: text(map, 'release'), options: optionsPair && seq ? { pair: optionsPair, items } : undefined };
}

function readTargets(pair: Pair<unknown, unknown> | undefined, arch: Arch | undefined): Target[] {
  const seq = asSeq(pair?.value);
  if (!seq) return [];
  const targets: Target[] = [];
  seq.items.forEach((item, index) => {
    const node = asMap(item);
    if (!node) return;
    const microarchitecture = text(node, 'microarchitecture');
    targets.push({
      index,
      node,
      name: text(node, 'name'),
      microarchitecture,
      resolved: microarchitecture ? lookupMicroarchitecture(microarchitecture.value) : undefined,
      features: featureList(node, 'features', 'target', arch),
    });
  });
  return targets;
}

function text(map: YAMLMap<unknown, unknown> | undefined, key: string): TextValue | undefined {
  const pair = getPair(map, key);
  const node = asScalar(pair?.value);
  if (!pair || !node) return undefined;
  // An unquoted `0.50` or `2.40` is a YAML number; its source keeps the digits a release number needs.
  const value = typeof node.value === 'number' && typeof node.source === 'string' ? node.source : scalarToString(node);
  return value === undefined ? undefined : { value, node, pair };
}

function featureList(
  map: YAMLMap<unknown, unknown> | undefined,
  key: string,
  list: FeatureListName,
  arch: Arch | undefined,
): FeatureList | undefined {
  const pair = getPair(map, key);
  const seq = asSeq(pair?.value);
  if (!pair || !seq) return undefined;
  const items: FeatureRef[] = [];
  for (const item of seq.items) {
    const node = asScalar(item);
    const raw = node ? scalarToString(node) : undefined;
    if (!node || raw === undefined) continue;
    items.push({ raw, node, list, feature: arch ? lookupFeature(arch, raw) : undefined });
  }
  return { pair, items };
}
