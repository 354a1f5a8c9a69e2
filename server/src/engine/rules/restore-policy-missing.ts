import type { ManifestRule } from './types';
import { nodeSpan, pairSpan } from '../yaml/nodes';
import { asMap } from '../yaml/nodes';
import { compact, fix, insertAtPath, insertPair } from '../edit';

export const rule: ManifestRule = {
  meta: {
    id: 'restore-policy-missing',
    defaultSeverity: 'warning',
    description: 'No restore.onIncompatibleCpu: nobody decided what a restore on an incompatible CPU does.',
    fileKind: 'manifest',
    fixable: true,
  },
  check(ctx, report) {
    const m = ctx.manifest;
    if (m.policy || ctx.parseErrors) return;
    // Without a pre-restore check OpenJ9 and Liberty restore anyway (Liberty: criu restore --cpu-cap=none) and the JVM
    // dies with SIGILL; CRaC's restoring JVM checks the CPU itself (-XX:CheckCPUFeatures). docs/guard.md.
    const runtimeDefault =
      m.runtime === 'crac'
        ? 'CRaC refuses to restore and the container exits'
        : `${m.runtime === 'liberty' ? 'Liberty' : 'OpenJ9'} restores anyway and the JVM crash-loops with SIGILL`;
    const restoreKey = m.restorePair ? nodeSpan(m.restorePair.key) : undefined;
    const kindPair = m.root.items.find((p) => (p.key as { value?: unknown } | null)?.value === 'kind');
    report({
      message: `No restore-failure policy (restore.onIncompatibleCpu): on an incompatible CPU ${runtimeDefault}. Choose exit (fail fast) or cold-start (keep serving, slowly)${m.runtime === 'crac' ? '' : '; `criu-portability guard` writes the pre-restore check that carries it out'}.`,
      span: restoreKey ?? (kindPair ? pairSpan(kindPair) : nodeSpan(m.root.items[0]?.key)),
      data: { runtime: m.runtime },
    });
  },
  fixes(ctx, _finding, env) {
    const m = ctx.manifest;
    const restore = asMap(m.restorePair?.value);
    // Inside an existing restore: map as its first key; else a new restore: block at the end of the document.
    const set = (value: string) =>
      restore && restore.items.length > 0
        ? insertPair(ctx.yaml, restore, 'onIncompatibleCpu', value, 'first')
        : insertAtPath(ctx.yaml, m.root, ['restore'], 'onIncompatibleCpu', value, 'last');
    // exit is preferred unless every workload linked to this manifest is a lone instance: a scaled deployment must
    // never let a slow cold start pass for healthy, a single instance may rather serve slowly than not at all.
    const linked = env?.linkedWorkloads ?? [];
    const scaled = linked.find((w) => w.scaled);
    const lone = linked.length > 0 && !scaled;
    const exitWhy = scaled ? `; ${scaled.name} has ${scaled.scaled}` : '';
    const coldWhy = lone ? `; ${linked.map((w) => w.name).join(', ')} ${linked.length > 1 ? 'are single instances' : 'is a single instance'}` : '';
    return compact([
      fix(`Set restore policy to exit (fail fast${exitWhy})`, [set('exit')], !lone),
      fix(`Set restore policy to cold-start (keep serving, slowly${coldWhy})`, [set('cold-start')], lone),
    ]);
  },
};
