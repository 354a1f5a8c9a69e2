// The workload model (docs/kubernetes.md): every object with a pod template (or an OpenLibertyApplication), its
// containers, env, security context, node constraints, replicas and annotations, read from parsed nodes.
import type { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { asMap, asScalar, asSeq, getIn, getPair, getValue, isPair, keyText, textOf } from '../yaml/nodes';

export type ContainerRole = 'container' | 'init' | 'ola';

export interface EnvEntry {
  name: string;
  nameNode: Scalar;
  item: YAMLMap<unknown, unknown>;
  valuePair?: Pair<unknown, unknown>;
  valueNode?: Scalar;
  value?: string;
}

export interface Container {
  /** Position among the workload's containers (init containers included), stable for fixes. */
  index: number;
  role: ContainerRole;
  /** The container map (for an OpenLibertyApplication: its spec). */
  node: YAMLMap<unknown, unknown>;
  name?: string;
  nameNode?: Scalar;
  image?: string;
  imageNode?: Scalar;
  securityContext?: YAMLMap<unknown, unknown>;
  envSeq?: YAMLSeq<unknown>;
  env: EnvEntry[];
}

export interface Workload {
  /** Position among the file's workloads (List items flattened), stable for fixes. */
  index: number;
  doc: Document.Parsed;
  root: YAMLMap<unknown, unknown>;
  apiVersion?: string;
  kind: string;
  name?: string;
  isOla: boolean;
  objectMetadata?: YAMLMap<unknown, unknown>;
  templateMetadata?: YAMLMap<unknown, unknown>;
  /** The pod spec; for an OpenLibertyApplication its spec (where env, securityContext and affinity live). */
  podSpec?: YAMLMap<unknown, unknown>;
  containers: Container[];
  /** Explicit replicas (undefined when absent). */
  replicas?: number;
  /** Knative services and OpenLibertyApplications with autoscaling scale on their own. */
  selfAutoscaled: boolean;
}

const POD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController']);

// A document's workloads, memoised per parsed Document: the incremental parse hands unchanged documents of a
// new version over as the same objects, so an edit rebuilds the model of the one document it touched.
const perDocument = new WeakMap<Document.Parsed, Workload[]>();

export function readWorkloads(documents: readonly Document.Parsed[]): Workload[] {
  const out: Workload[] = [];
  for (const doc of documents) {
    let mine = perDocument.get(doc);
    if (!mine) {
      mine = [];
      const root = asMap(doc.contents);
      if (root) collect(doc, root, mine, 0);
      perDocument.set(doc, mine);
    }
    // `index` counts across the file: copy, so that a cached workload is never changed under another analysis.
    for (const w of mine) out.push(w.index === out.length ? w : { ...w, index: out.length });
  }
  return out;
}

function collect(doc: Document.Parsed, root: YAMLMap<unknown, unknown>, out: Workload[], depth: number): void {
  const kind = textOf(getValue(root, 'kind'));
  if (!kind) return;
  if (kind.endsWith('List') && depth < 3) {
    for (const item of asSeq(getValue(root, 'items'))?.items ?? []) {
      const m = asMap(item);
      if (m) collect(doc, m, out, depth + 1);
    }
    return;
  }
  const w = readWorkload(doc, root, kind, out.length);
  if (w) out.push(w);
}

function readWorkload(doc: Document.Parsed, root: YAMLMap<unknown, unknown>, kind: string, index: number): Workload | undefined {
  const apiVersion = textOf(getValue(root, 'apiVersion'));
  const objectMetadata = asMap(getValue(root, 'metadata'));
  const spec = asMap(getValue(root, 'spec'));
  const base = { index, doc, root, apiVersion, kind, name: textOf(getValue(objectMetadata, 'name')), objectMetadata };
  if (kind === 'OpenLibertyApplication' && apiVersion?.startsWith('apps.openliberty.io/')) {
    if (!spec) return undefined;
    const autoscaling = asMap(getValue(spec, 'autoscaling'));
    return {
      ...base,
      isOla: true,
      podSpec: spec,
      containers: [olaContainer(spec)],
      replicas: numberOf(getValue(spec, 'replicas')),
      selfAutoscaled: !!autoscaling && (numberOf(getValue(autoscaling, 'maxReplicas')) ?? 2) > 1,
    };
  }
  let template: YAMLMap<unknown, unknown> | undefined;
  let selfAutoscaled = false;
  if (kind === 'Pod') {
    return spec ? { ...base, isOla: false, podSpec: spec, containers: containersOf(spec), selfAutoscaled: false } : undefined;
  } else if (POD_TEMPLATE_KINDS.has(kind)) {
    template = asMap(getValue(spec, 'template'));
  } else if (kind === 'CronJob') {
    template = asMap(getIn(spec, ['jobTemplate', 'spec', 'template']));
  } else if (kind === 'Service' && apiVersion?.startsWith('serving.knative.dev/')) {
    template = asMap(getValue(spec, 'template'));
    const maxScale = textOf(getIn(template, ['metadata', 'annotations', 'autoscaling.knative.dev/max-scale']))
      ?? textOf(getIn(template, ['metadata', 'annotations', 'autoscaling.knative.dev/maxScale']));
    selfAutoscaled = maxScale === undefined || Number(maxScale) !== 1;
  } else return undefined;
  const podSpec = asMap(getValue(template, 'spec'));
  if (!podSpec) return undefined;
  return {
    ...base,
    isOla: false,
    templateMetadata: asMap(getValue(template, 'metadata')),
    podSpec,
    containers: containersOf(podSpec),
    replicas: kind === 'Deployment' || kind === 'StatefulSet' || kind === 'ReplicaSet' ? numberOf(getValue(spec, 'replicas')) : undefined,
    selfAutoscaled,
  };
}

// Ephemeral containers are debugging sidecars added to running pods: they are never restored, so they are skipped.
function containersOf(podSpec: YAMLMap<unknown, unknown>): Container[] {
  const out: Container[] = [];
  for (const [key, role] of [['containers', 'container'], ['initContainers', 'init']] as const) {
    for (const item of asSeq(getValue(podSpec, key))?.items ?? []) {
      const node = asMap(item);
      if (node) out.push(readContainer(node, role, out.length, 'image'));
    }
  }
  return out;
}

function olaContainer(spec: YAMLMap<unknown, unknown>): Container {
  return readContainer(spec, 'ola', 0, 'applicationImage');
}

function readContainer(node: YAMLMap<unknown, unknown>, role: ContainerRole, index: number, imageKey: string): Container {
  const imageNode = asScalar(getValue(node, imageKey));
  const nameNode = role === 'ola' ? undefined : asScalar(getValue(node, 'name'));
  const envSeq = asSeq(getValue(node, 'env'));
  return {
    index,
    role,
    node,
    name: nameNode ? textOf(nameNode) : undefined,
    nameNode,
    image: imageNode ? textOf(imageNode) : undefined,
    imageNode,
    securityContext: asMap(getValue(node, 'securityContext')),
    envSeq,
    env: readEnv(envSeq),
  };
}

function readEnv(seq: YAMLSeq<unknown> | undefined): EnvEntry[] {
  const out: EnvEntry[] = [];
  for (const item of seq?.items ?? []) {
    const map = asMap(item);
    const nameNode = asScalar(getValue(map, 'name'));
    const name = nameNode ? textOf(nameNode) : undefined;
    if (!map || !nameNode || !name) continue;
    const valuePair = getPair(map, 'value');
    const valueNode = asScalar(valuePair?.value);
    out.push({ name, nameNode, item: map, valuePair, valueNode, value: valueNode ? textOf(valueNode) : undefined });
  }
  return out;
}

function numberOf(node: unknown): number | undefined {
  const t = textOf(node);
  const n = t === undefined ? NaN : Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Annotations of the object and of its pod template, template last. */
export function annotationsOf(w: Workload): Map<string, Scalar> {
  const out = new Map<string, Scalar>();
  for (const md of [w.objectMetadata, w.templateMetadata]) {
    const ann = asMap(getValue(md, 'annotations'));
    for (const p of ann?.items ?? []) {
      const k = isPair(p) ? keyText(p) : undefined;
      const v = asScalar(p.value);
      if (k && v) out.set(k, v);
    }
  }
  return out;
}

/** Start and end offsets of the workload object (for suppression annotations and fix lookup). */
export function workloadSpan(w: Workload): [number, number] {
  const r = w.root.range;
  return r ? [r[0], r[1]] : [0, 0];
}
