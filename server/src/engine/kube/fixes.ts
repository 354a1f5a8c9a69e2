// Edits the Kubernetes quick fixes share: capabilities, env, arch pin, NFD node affinity, the manifest's policy.
import type { YAMLMap } from 'yaml';
import { NFD_CPUID_LABEL_PREFIX } from '../catalog';
import { restoreCapabilitiesFor } from '../catalog/capabilities';
import { LIBERTY_RECOVERY_VAR } from '../catalog/envVars';
import type { Fix } from '../types';
import { asMap, asSeq, getValue, nodeSpan } from '../yaml/nodes';
import { EditBuilder, type Value } from './edits';
import { GUARD_MOUNT_DIR, GUARD_SCRIPT_NAME, hasCommand } from './guard';
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

export function missingRestoreCapabilities(added: readonly string[], runtime = 'openj9'): string[] {
  return restoreCapabilitiesFor(runtime).filter((c) => !added.includes(c));
}

/** Set an env var's value, or add the variable. */
export function setEnv(b: EditBuilder, c: Container, name: string, value: string): void {
  const existing = c.env.find((e) => e.name === name);
  // `value:` left empty or null is a pair to fill, not a scalar to retype.
  if (existing?.valueNode && existing.valueNode.value !== null) b.replaceScalar(existing.valueNode, value);
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

/**
 * Run the pre-restore guard in front of a Liberty container that uses its image's own command: command
 * `/bin/sh /opt/criu-guard/criu-guard.sh` (the guard's built-in restore command is the Liberty image's), the
 * script mounted from the ConfigMap `<workload>-criu-guard` (docs/guard.md says how to create it), and
 * optionally CRIU_RESTORE_DISABLE_RECOVERY. Edits are pushed in text order where two land at one offset.
 */
export function addGuard(b: EditBuilder, ctx: WorkloadContext, c: Container, recoveryValue?: string): void {
  const path = `${GUARD_MOUNT_DIR}/${GUARD_SCRIPT_NAME}`;
  const entries: Record<string, Value> = { command: ['/bin/sh', path] };
  const mount = { name: 'criu-guard', mountPath: GUARD_MOUNT_DIR, readOnly: true };
  if (recoveryValue !== undefined) {
    if (c.envSeq || c.env.some((e) => e.name === LIBERTY_RECOVERY_VAR)) setEnv(b, c, LIBERTY_RECOVERY_VAR, recoveryValue);
    else entries.env = [{ name: LIBERTY_RECOVERY_VAR, value: recoveryValue }];
  }
  const mounts = asSeq(getValue(c.node, 'volumeMounts'));
  if (mounts) b.addToSeq(mounts, [mount]);
  else entries.volumeMounts = [mount];
  b.addAfterFirstEntry(c.node, entries);
  const spec = ctx.workload.podSpec!;
  const volume = { name: 'criu-guard', configMap: { name: guardConfigMap(ctx) } };
  const volumes = asSeq(getValue(spec, 'volumes'));
  if (volumes) b.addToSeq(volumes, [volume]);
  else b.addToMap(spec, { volumes: [volume] });
}

export function guardConfigMap(ctx: WorkloadContext): string {
  return `${ctx.workload.name ?? 'app'}-criu-guard`;
}

/** A guard can be added by a fix: a Liberty pod-template container that runs its image's own command. */
export function canAddGuard(ctx: WorkloadContext, c: Container, runtime: string): boolean {
  return runtime === 'liberty' && c.role === 'container' && !!ctx.workload.podSpec && !hasCommand(c);
}
