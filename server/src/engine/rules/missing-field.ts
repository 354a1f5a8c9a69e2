import type { Pair } from 'yaml';
import type { ManifestRule } from './types';
import { nodeSpan, pairSpan } from '../yaml/nodes';
import type { YAMLMap } from 'yaml';
import type { Fix, TextEdit } from '../types';
import { lookupMicroarchitecture, normalizeArch } from '../catalog';
import { ARCHES } from '../catalog/types';
import { jitTarget } from '../manifest/jit';
import { asMap } from '../yaml/nodes';
import { atPointer, compact, fix, insertAtPath, insertPair, KEY_ORDER, nameFromUri } from '../edit';

const HOW: Record<string, string> = {
  apiVersion: 'a manifest starts with `apiVersion: criu-portability/v1`.',
  kind: 'add `kind: CheckpointManifest`.',
  metadata: 'add `metadata.name`, the service this checkpoint belongs to.',
  name: 'name it (the node pool or service it stands for).',
  arch: 'without it no CPU feature can be checked (x86_64, aarch64, ppc64le or s390x).',
};

export const rule: ManifestRule = {
  meta: {
    id: 'missing-field',
    defaultSeverity: 'error',
    description: 'A required field is absent (apiVersion, kind, metadata.name, arch).',
    fileKind: 'manifest',
    fixable: true,
  },
  check(ctx, report) {
    for (const issue of ctx.schema) {
      if (issue.keyword !== 'required') continue;
      const field = String(issue.params.missingProperty);
      const parent = issue.pointer === '' ? '' : issue.pointer.slice(1).replace(/\//g, '.');
      const path = parent ? `${parent}.${field}` : field;
      // Point at the parent's key (metadata:, a target's first key) or, at the top, at the first key of the document.
      const span = issue.pair ? pairKeySpan(issue.pair) : firstKeySpan(ctx);
      report({
        message: `${path.replace(/\.(\d+)\./, '[$1].')} is missing: ${HOW[field] ?? 'it is required.'}`,
        span,
        data: { field, parentPointer: issue.pointer },
      });
    }
    // aarch64 has no fixed OpenJ9 portable set: the JIT uses the checkpoint host's features (J9CPU.cpp).
    const m = ctx.manifest;
    // JIT code compiled for the checkpoint host (OpenJ9 0.41 to 0.49 without a portable option, CRaC by default):
    // the host's features are what every target needs. An assumed release is jvm-release-unknown's to report.
    const jit = jitTarget(m);
    if (jit.kind === 'host' && !jit.assumed && m.arch && !m.host?.features && !m.host?.microarchitecture) {
      report({
        message: `checkpoint.host.features is missing: ${jit.why}, so without the checkpoint host's features no restore target can be checked.`,
        span: jit.node ? nodeSpan(jit.node) : m.runtimeValue ? nodeSpan(m.runtimeValue.node) : firstKeySpan(ctx),
        data: { field: 'features', parentPointer: '/checkpoint/host' },
      });
      return;
    }
    if (m.arch === 'aarch64' && m.baseline?.hostDefined && !m.host?.features) {
      report({
        message:
          'checkpoint.host.features is missing: on aarch64 OpenJ9 has no fixed portable feature set, the JIT uses the checkpoint host\'s own features, so without them no restore target can be checked.',
        span: m.baselineValue ? nodeSpan(m.baselineValue.node) : m.archValue ? pairSpan(m.archValue.pair) : firstKeySpan(ctx),
        data: { field: 'features', parentPointer: '/checkpoint/host' },
      });
    }
  },
  fixes(ctx, finding, env) {
    const field = finding.data?.field;
    const parentPointer = finding.data?.parentPointer;
    if (typeof field !== 'string' || typeof parentPointer !== 'string') return [];
    const m = ctx.manifest;
    if (parentPointer === '/checkpoint/host' && field === 'features') {
      return compact([fix('Insert checkpoint.host.features (fill it from `criu-portability probe`)', [insertAtPath(ctx.yaml, m.root, ['checkpoint', 'host'], 'features', '[]')], true)]);
    }
    const map = parentPointer === '' ? m.root : asMap(atPointer(ctx, parentPointer)?.value);
    if (!map) return [];
    const target = /^\/restore\/targets\/(\d+)$/.exec(parentPointer);
    const order = KEY_ORDER[target ? 'target' : parentPointer.slice(1)] ?? [];
    const insert = (key: string, value: string | { name: string }): TextEdit | undefined =>
      map.items.length === 0 && !map.flow ? undefined : insertPair(ctx.yaml, map as YAMLMap<unknown, unknown>, key, value, order.indexOf(key) === 0 ? 'first' : { order });
    const one = (title: string, key: string, value: string | { name: string }): Fix[] => compact([fix(title, [insert(key, value)], true)]);
    switch (field) {
      case 'apiVersion':
        return one('Insert apiVersion: criu-portability/v1', 'apiVersion', 'criu-portability/v1');
      case 'kind':
        return one('Insert kind: CheckpointManifest', 'kind', 'CheckpointManifest');
      case 'metadata':
        return one(`Insert metadata.name: ${nameFromUri(ctx.uri)}`, 'metadata', { name: nameFromUri(ctx.uri) });
      case 'name': {
        const name = target ? `target-${Number(target[1]) + 1}` : nameFromUri(ctx.uri);
        return one(`Insert name: ${name}`, 'name', name);
      }
      case 'arch': {
        // A named microarchitecture (checkpoint host, baseline, a target) tells which arch is meant.
        const named = [m.host?.microarchitecture?.value, m.baselineValue?.value, ...m.targets.map((t) => t.microarchitecture?.value)];
        // Else the project's default (.criu-portability.yaml defaults.arch).
        const hostArch = named.map((n) => lookupMicroarchitecture(n ?? '')?.arch).find((a) => a) ?? env?.defaults?.arch;
        return compact(ARCHES.map((a) => fix(`Insert arch: ${a}`, [insert('arch', a)], a === normalizeArch(hostArch ?? ''))));
      }
      default:
        return [];
    }
  },
};

function pairKeySpan(pair: Pair<unknown, unknown>): [number, number] | undefined {
  return nodeSpan(pair.key) ?? pairSpan(pair);
}

function firstKeySpan(ctx: { manifest: { root: { items: Pair<unknown, unknown>[] } }; document: { range: [number, number, number] } }): [number, number] {
  const first = ctx.manifest.root.items[0];
  return (first && pairKeySpan(first)) ?? [ctx.document.range[0], ctx.document.range[0]];
}
