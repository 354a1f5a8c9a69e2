// Node constraints of a workload: nodeSelector, required node affinity terms (ORed, so a label is guaranteed only
// when every term requires it), and OpenLibertyApplication `affinity.architecture` / `affinity.nodeAffinityLabels`.
import type { Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { NFD_CPUID_LABEL_PREFIX, lookupNfdName, type Arch } from '../catalog';
import { asMap, asScalar, asSeq, getIn, getValue, isPair, keyText, textOf } from '../yaml/nodes';
import type { Workload } from './model';
import { levelImplies } from './nfdCover';

export const ARCH_LABELS = ['kubernetes.io/arch', 'beta.kubernetes.io/arch'];

/** Go's runtime.GOARCH values the kubelet publishes in kubernetes.io/arch. */
export const GOARCH: Readonly<Record<Arch, string>> = { x86_64: 'amd64', aarch64: 'arm64', ppc64le: 'ppc64le', s390x: 's390x' };

export type ConstraintSource = 'nodeSelector' | 'affinity' | 'olaLabels' | 'olaArchitecture';

/** One label requirement as written: its key node, and value nodes it allows (`true` for selector labels). */
export interface LabelRequirement {
  key: string;
  keyNode: Scalar;
  values: { value: string; node: Scalar }[];
  /** `Exists` or a selector/In value that includes "true". */
  requiresTrue: boolean;
  source: ConstraintSource;
  /** Index of the affinity term, for affinity requirements. */
  term?: number;
}

export interface NodeConstraints {
  nodeSelector?: YAMLMap<unknown, unknown>;
  affinity?: YAMLMap<unknown, unknown>;
  nodeAffinity?: YAMLMap<unknown, unknown>;
  required?: YAMLMap<unknown, unknown>;
  terms: YAMLMap<unknown, unknown>[];
  olaArchitecture?: YAMLSeq<unknown>;
  olaLabels?: YAMLMap<unknown, unknown>;
  /** Every requirement written, in any term. */
  all: LabelRequirement[];
}

// Keyed by the workload's root node, which an unchanged document keeps across versions.
const memo = new WeakMap<object, NodeConstraints>();

export function readConstraints(w: Workload): NodeConstraints {
  let c = memo.get(w.root);
  if (!c) {
    c = computeConstraints(w);
    memo.set(w.root, c);
  }
  return c;
}

function computeConstraints(w: Workload): NodeConstraints {
  const spec = w.podSpec;
  const all: LabelRequirement[] = [];
  const nodeSelector = w.isOla ? undefined : asMap(getValue(spec, 'nodeSelector'));
  for (const p of nodeSelector?.items ?? []) {
    const key = isPair(p) ? keyText(p) : undefined;
    const keyNode = asScalar(p.key);
    const v = asScalar(p.value);
    const value = v ? textOf(v) : undefined;
    if (!key || !keyNode) continue;
    all.push({ key, keyNode, values: v && value !== undefined ? [{ value, node: v }] : [], requiresTrue: value === 'true', source: 'nodeSelector' });
  }
  const affinity = asMap(getValue(spec, 'affinity'));
  const nodeAffinity = asMap(getValue(affinity, 'nodeAffinity'));
  const required = asMap(getValue(nodeAffinity, 'requiredDuringSchedulingIgnoredDuringExecution'));
  const terms = (asSeq(getValue(required, 'nodeSelectorTerms'))?.items ?? []).map((t) => asMap(t)).filter((t): t is YAMLMap<unknown, unknown> => !!t);
  terms.forEach((term, index) => {
    for (const e of asSeq(getValue(term, 'matchExpressions'))?.items ?? []) {
      const expr = asMap(e);
      const keyNode = asScalar(getValue(expr, 'key'));
      const key = keyNode ? textOf(keyNode) : undefined;
      const op = textOf(getValue(expr, 'operator'));
      if (!keyNode || !key || (op !== 'In' && op !== 'Exists')) continue;
      const values = (asSeq(getValue(expr, 'values'))?.items ?? [])
        .map((n) => ({ node: asScalar(n), value: textOf(n) }))
        .filter((v): v is { node: Scalar; value: string } => !!v.node && v.value !== undefined);
      all.push({ key, keyNode, values, requiresTrue: op === 'Exists' || values.some((v) => v.value === 'true'), source: 'affinity', term: index });
    }
  });
  let olaArchitecture: YAMLSeq<unknown> | undefined;
  let olaLabels: YAMLMap<unknown, unknown> | undefined;
  if (w.isOla) {
    olaArchitecture = asSeq(getValue(affinity, 'architecture'));
    olaLabels = asMap(getValue(affinity, 'nodeAffinityLabels'));
    for (const p of olaLabels?.items ?? []) {
      const key = isPair(p) ? keyText(p) : undefined;
      const keyNode = asScalar(p.key);
      const v = asScalar(p.value);
      const value = v ? textOf(v) : undefined;
      if (!key || !keyNode) continue;
      all.push({ key, keyNode, values: v && value !== undefined ? [{ value, node: v }] : [], requiresTrue: value === 'true', source: 'olaLabels' });
    }
  }
  return { nodeSelector, affinity, nodeAffinity, required, terms, olaArchitecture, olaLabels, all };
}

/** Requirements that hold on every node the pod can land on: selector/labels always, affinity only when in every term. */
export function guaranteed(c: NodeConstraints): LabelRequirement[] {
  const out = c.all.filter((r) => r.source !== 'affinity');
  const byTerm = c.terms.map((_, i) => c.all.filter((r) => r.source === 'affinity' && r.term === i));
  if (byTerm.length) {
    for (const r of byTerm[0]) if (byTerm.every((reqs) => reqs.some((o) => o.key === r.key))) out.push(r);
  }
  return out;
}

/** Architecture pins: their values and nodes. Undefined when the pod can land on any architecture. */
export function archPins(c: NodeConstraints): { value: string; node: Scalar }[] | undefined {
  const pins: { value: string; node: Scalar }[] = [];
  let pinned = false;
  for (const r of guaranteed(c)) {
    if (!ARCH_LABELS.includes(r.key)) continue;
    pinned = true;
    for (const v of r.values) pins.push(v); // not push(...): values come from the input, in any number
  }
  if (c.olaArchitecture && c.olaArchitecture.items.length) {
    pinned = true;
    for (const n of c.olaArchitecture.items) {
      const node = asScalar(n);
      const value = node ? textOf(node) : undefined;
      if (node && value) pins.push({ value, node });
    }
  }
  return pinned ? pins : undefined;
}

export function isCpuidLabel(key: string): boolean {
  return key.startsWith(NFD_CPUID_LABEL_PREFIX);
}

/** Attributes NFD publishes under cpu-cpuid with a string value (not a flag). */
export const NFD_CPUID_ATTRIBUTES = new Set(['AVX10_VERSION']);

/** Canonical feature ids a set of requirements guarantees (NFD flag labels and X86_64_V* levels). */
export function guaranteedFeatures(arch: Arch, reqs: readonly LabelRequirement[]): Set<string> {
  const out = new Set<string>();
  for (const r of reqs) {
    if (!isCpuidLabel(r.key) || !r.requiresTrue) continue;
    const n = lookupNfdName(arch, r.key.slice(NFD_CPUID_LABEL_PREFIX.length));
    if (n?.kind === 'feature') out.add(n.feature.id);
    else if (n?.kind === 'level') for (const id of levelImplies(n.name)) out.add(id);
  }
  return out;
}

export function hasCpuConstraint(c: NodeConstraints): boolean {
  return c.all.some((r) => isCpuidLabel(r.key));
}

export { getIn };
