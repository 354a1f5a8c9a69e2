// What the linked manifest's R needs from node labels, and what the workload's constraints already guarantee.
import { NFD_CPUID_LABEL_PREFIX, NFD_LEVELS, type NfdLevel } from '../catalog';
import { guaranteed, guaranteedFeatures, isCpuidLabel } from './constraints';
import { coverFor } from './nfdCover';
import { manifestPolicy, type Policy } from './link';
import type { WorkloadContext } from './types';
import { EditBuilder } from './edits';
import { addNodeAffinity } from './fixes';
import type { Fix } from '../types';

export interface Placement {
  /** R's features a node label can express. */
  required: string[];
  /** Those no required constraint guarantees. */
  missing: string[];
  /** NFD names that cover `missing` (none denylisted). */
  labels: string[];
}

export function placementOf(ctx: WorkloadContext): Placement | undefined {
  const arch = ctx.arch;
  const m = ctx.manifest;
  if (!arch || !m) return undefined;
  const all = [...m.context.requirements.keys()];
  const { inexpressible } = coverFor(arch, all);
  const required = all.filter((id) => !inexpressible.includes(id));
  const have = guaranteedFeatures(arch, guaranteed(ctx.constraints));
  const missing = required.filter((id) => !have.has(id));
  const present = new Set(guaranteed(ctx.constraints).filter((r) => isCpuidLabel(r.key)).map((r) => r.key.slice(NFD_CPUID_LABEL_PREFIX.length)));
  const labels = coverFor(arch, missing).labels.filter((l) => !present.has(l));
  return { required, missing, labels };
}

/**
 * The policy actually in force on an incompatible CPU: only a pre-restore guard (carrying out the linked manifest's
 * policy) or CRaC's own check (exit, or cold-start with -XX:+CRaCIgnoreRestoreIfUnavailable) makes one happen.
 * Without either the JVM is restored anyway and crash-loops with SIGILL (undefined here). Liberty's
 * CRIU_RESTORE_DISABLE_RECOVERY does not count: it covers a failing `criu restore`, which a CPU mismatch is not.
 */
export function policyInForce(ctx: WorkloadContext): Policy | undefined {
  for (const rc of ctx.restore) {
    if (!rc.runtimeKnown || !rc.guard) continue;
    if (rc.guard.kind === 'crac-check') return rc.recovery?.policy ?? 'exit';
    if (rc.guard.kind === 'init-check') return 'exit'; // a failing init container stops the pod
    const p = manifestPolicy(rc);
    if (p) return p;
  }
  return undefined;
}

/** What a pod on a node without the features does. */
export function consequence(ctx: WorkloadContext): string {
  const p = policyInForce(ctx);
  if (p === 'exit') return 'pods scheduled on nodes without them stop before the restore (exit 3 from the guard, or CRaC refusing it) and restart over and over';
  if (p === 'cold-start') return 'pods scheduled on nodes without them silently start cold and slow, without the checkpoint';
  return 'pods scheduled on nodes without them are restored anyway and crash-loop with SIGILL (illegal instruction), since nothing checks the CPU first';
}

/**
 * ` (X86_64_V* labels need NFD v0.19.0+)` when the labels include a level, else ''. NFD publishes the level labels
 * only since v0.19.0 (commit f9ab9a657, NFD source/cpu/cpuid_amd64.go `X64Level()`); on older NFD no node carries
 * them and every pod stays Pending, so a message or fix that suggests one says so.
 */
export function nfdLevelNote(labels: readonly string[]): string {
  return labels.some((l) => NFD_LEVELS.includes(l as NfdLevel)) ? ' (X86_64_V* labels need NFD v0.19.0+)' : '';
}

export function affinityFix(ctx: WorkloadContext, labels: string[]): Fix[] {
  if (!labels.length || !ctx.workload.podSpec) return [];
  const b = new EditBuilder(ctx.analysis.yaml);
  const c = ctx.constraints;
  const cpuInSelector = c.all.some((r) => r.source === 'nodeSelector' && isCpuidLabel(r.key));
  const cpuInTerms = c.all.some((r) => r.source === 'affinity' && isCpuidLabel(r.key));
  if (cpuInSelector && !cpuInTerms && c.nodeSelector) {
    b.addToMap(c.nodeSelector, Object.fromEntries(labels.map((l) => [NFD_CPUID_LABEL_PREFIX + l, 'true'])));
  } else addNodeAffinity(b, ctx, labels);
  const where = ctx.workload.isOla ? 'affinity.nodeAffinityLabels' : 'required node affinity';
  return [{ title: `Add ${where}: ${labels.map((l) => `cpu-cpuid.${l}`).join(', ')}${nfdLevelNote(labels)}`, edits: b.edits, isPreferred: true }];
}
