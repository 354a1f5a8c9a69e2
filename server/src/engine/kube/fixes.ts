// Edits the Kubernetes quick fixes share: capabilities, env, arch pin, NFD node affinity, the manifest's policy.
import type { YAMLMap } from 'yaml';
import { NFD_CPUID_LABEL_PREFIX } from '../catalog';
import { RESTORE_CAPABILITIES } from '../catalog/capabilities';
import type { Fix } from '../types';
import { asMap, asSeq, getValue, nodeSpan } from '../yaml/nodes';
import { EditBuilder, type Value } from './edits';
import type { LinkedManifest, Policy } from './link';
import type { Container } from './model';
import type { WorkloadContext } from './types';

export const AFFINITY_REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';

/** Where a container-level finding points: its name, else its image, else the map. */
export function containerSpan(c: Container): [number, number] {
  return nodeSpan(c.nameNode) ?? nodeSpan(c.imageNode) ?? nodeSpan(c.node) ?? [0, 0];
}

export function containerLabel(c: Container): string {
  return c.role === 'ola' ? 'the application container' : `container "${c.name ?? c.index}"`;
}

/** Add capabilities to `securityContext.capabilities.add`, creating what is missing. */
export function addCapabilities(b: EditBuilder, c: Container, caps: string[]): void {
  const sc = c.securityContext;
  if (!sc) {
    b.addToMap(c.node, { securityContext: { capabilities: { add: caps } } });
    return;
  }
  const capsMap = asMap(getValue(sc, 'capabilities'));
  if (!capsMap) {
    b.addToMap(sc, { capabilities: { add: caps } });
    return;
  }
  const add = asSeq(getValue(capsMap, 'add'));
  if (!add) b.addToMap(capsMap, { add: caps });
  else b.addToSeq(add, caps);
}

export function missingRestoreCapabilities(added: readonly string[]): string[] {
  return RESTORE_CAPABILITIES.filter((c) => !added.includes(c));
}

/** Set an env var's value, or add the variable. */
export function setEnv(b: EditBuilder, c: Container, name: string, value: string): void {
  const existing = c.env.find((e) => e.name === name);
  if (existing?.valueNode) b.replaceScalar(existing.valueNode, value);
  else if (existing) b.addToMap(existing.item, { value });
  else if (c.envSeq) b.addToSeq(c.envSeq, [{ name, value }]);
  else b.addToMap(c.node, { env: [{ name, value }] });
}

/** Node affinity requiring NFD labels, merged into every existing required term (terms are ORed). */
export function addNodeAffinity(b: EditBuilder, ctx: WorkloadContext, labels: string[]): void {
  const keys = labels.map((l) => NFD_CPUID_LABEL_PREFIX + l);
  const spec = ctx.workload.podSpec!;
  const c = ctx.constraints;
  if (ctx.workload.isOla) {
    const entries = Object.fromEntries(keys.map((k) => [k, 'true']));
    if (c.olaLabels) b.addToMap(c.olaLabels, entries);
    else if (c.affinity) b.addToMap(c.affinity, { nodeAffinityLabels: entries });
    else b.addToMap(spec, { affinity: { nodeAffinityLabels: entries } });
    return;
  }
  const exprs: Value[] = keys.map((key) => ({ key, operator: 'In', values: ['true'] }));
  const required = { nodeSelectorTerms: [{ matchExpressions: exprs }] };
  if (!c.affinity) b.addToMap(spec, { affinity: { nodeAffinity: { [AFFINITY_REQUIRED]: required } } });
  else if (!c.nodeAffinity) b.addToMap(c.affinity, { nodeAffinity: { [AFFINITY_REQUIRED]: required } });
  else if (!c.required) b.addToMap(c.nodeAffinity, { [AFFINITY_REQUIRED]: required });
  else if (c.terms.length === 0) {
    const seq = asSeq(getValue(c.required, 'nodeSelectorTerms'));
    if (seq) b.addToSeq(seq, [{ matchExpressions: exprs }]);
    else b.addToMap(c.required, required);
  } else {
    for (const term of c.terms) {
      const seq = asSeq(getValue(term, 'matchExpressions'));
      if (seq) b.addToSeq(seq, exprs);
      else b.addToMap(term, { matchExpressions: exprs });
    }
  }
}

/** Pin kubernetes.io/arch: nodeSelector for pods, affinity.architecture for an OpenLibertyApplication. */
export function pinArch(b: EditBuilder, ctx: WorkloadContext, goarch: string): void {
  const spec = ctx.workload.podSpec!;
  const c = ctx.constraints;
  if (ctx.workload.isOla) {
    if (c.olaArchitecture) b.addToSeq(c.olaArchitecture, [goarch]);
    else if (c.affinity) b.addToMap(c.affinity, { architecture: [goarch] });
    else b.addToMap(spec, { affinity: { architecture: [goarch] } });
    return;
  }
  if (c.nodeSelector) b.addToMap(c.nodeSelector, { 'kubernetes.io/arch': goarch });
  else b.addToMap(spec, { nodeSelector: { 'kubernetes.io/arch': goarch } });
}

/** A fix that sets the linked manifest's restore.onIncompatibleCpu (same file or another file). */
export function manifestPolicyFix(ctx: WorkloadContext, manifest: LinkedManifest, policy: Policy, title: string, extra?: (b: EditBuilder) => void): Fix {
  const mb = new EditBuilder(manifest.context.yaml);
  const m = manifest.context.manifest;
  if (m.policy) mb.replaceScalar(m.policy.node, policy);
  else {
    const restore = asMap(m.restorePair?.value);
    if (restore) mb.addToMap(restore, { onIncompatibleCpu: policy });
    else mb.addToMap(m.root as YAMLMap<unknown, unknown>, { restore: { onIncompatibleCpu: policy } });
  }
  const here = new EditBuilder(ctx.analysis.yaml);
  extra?.(here);
  if (manifest.uri === ctx.analysis.uri) return { title, edits: [...here.edits, ...mb.edits] };
  return { title, edits: here.edits, otherFiles: [{ uri: manifest.uri, edits: mb.edits }] };
}
