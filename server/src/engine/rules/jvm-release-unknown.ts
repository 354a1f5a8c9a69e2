// A verdict must not rest silently on a favourable guess: without `jvm.release` the engine assumes the OpenJ9 releases
// whose JIT compiles for the checkpoint host (0.41 to 0.49), and says so here, with fixes that state the facts.
import type { Scalar } from 'yaml';
import type { ManifestRule } from './types';
import { jitTarget } from '../manifest/jit';
import { asSeq, nodeSpan, pairSpan } from '../yaml/nodes';
import { capitalised } from './describe';
import { compact, edit, fix, insertAtPath } from '../edit';
import { LATEST_OPENJ9_RELEASE } from '../catalog/runtimeReleases';

export const rule: ManifestRule = {
  meta: {
    id: 'jvm-release-unknown',
    defaultSeverity: 'warning',
    description: 'The manifest does not say which OpenJ9 release took the checkpoint, so the JIT is assumed to have compiled for the checkpoint host.',
    fileKind: 'manifest',
    fixable: true,
  },
  check(ctx, report) {
    const m = ctx.manifest;
    if (ctx.parseErrors || m.runtime === 'crac') return;
    const jit = jitTarget(m);
    if (jit.kind !== 'host' || !jit.assumed) return;
    const host = m.host?.features || m.host?.microarchitecture
      ? 'every restore target needs the checkpoint host\'s JIT features'
      : 'every restore target needs the checkpoint host\'s JIT features, which checkpoint.host does not list, so no target can be judged';
    const liberty = m.runtime === 'liberty' && (m.arch === 'ppc64le' || m.arch === 's390x')
      ? ' Open Liberty\'s container images add -XX:+JVMPortableRestoreMode on ppc64le and s390x (OpenLiberty/ci.docker checkpoint.sh, from 23.0.0.11): if yours did, list it in jvm.options.'
      : '';
    const at = m.jvm?.release?.node ?? m.runtimeValue?.node;
    const kindPair = m.root.items.find((p) => (p.key as { value?: unknown } | null)?.value === 'kind');
    report({
      message: `${capitalised(jit.assumed)}: assumed an OpenJ9 release from 0.41 to 0.49, whose JIT compiles for the checkpoint host unless -XX:+JVMPortableRestoreMode is in force (eclipse-openj9/openj9 runtime/compiler/control/rossa.cpp), so ${host}. State jvm.release (\`java -version\` prints it as openj9-0.x.y).${liberty}`,
      span: at ? nodeSpan(at) : kindPair ? pairSpan(kindPair) : nodeSpan(m.root.items[0]?.key),
      data: { runtime: m.runtime },
    });
  },
  fixes(ctx) {
    const m = ctx.manifest;
    const release = m.jvm?.release
      ? edit(ctx.yaml, m.jvm.release.node.range![0], m.jvm.release.node.range![1], LATEST_OPENJ9_RELEASE)
      : insertAtPath(ctx.yaml, m.root, ['jvm'], 'release', LATEST_OPENJ9_RELEASE);
    return compact([
      fix(`Set jvm.release: ${LATEST_OPENJ9_RELEASE} (then correct it to the image's release)`, [release], true),
      fix('Add -XX:+JVMPortableRestoreMode to jvm.options (when the checkpoint ran with it)', [addOption(ctx, '-XX:+JVMPortableRestoreMode')]),
    ]);
  },
};

/** Append an option to `jvm.options`: a new flow list when there is none, an item of a flow list; not into a block list. */
function addOption(ctx: Parameters<NonNullable<ManifestRule['fixes']>>[0], option: string) {
  const m = ctx.manifest;
  const seq = asSeq(m.jvm?.options?.pair.value);
  if (!m.jvm?.options || !seq) return insertAtPath(ctx.yaml, m.root, ['jvm'], 'options', `[${option}]`);
  if (!seq.flow || !seq.range) return undefined;
  const close = seq.range[1] - 1;
  const last = seq.items[seq.items.length - 1] as Scalar | undefined;
  return last?.range ? edit(ctx.yaml, last.range[1], last.range[1], `, ${option}`) : edit(ctx.yaml, close, close, option);
}
