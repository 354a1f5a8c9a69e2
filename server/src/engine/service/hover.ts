// Hover: what the name under the cursor means, in the manifest's context. Non-manifest documents go to the
// Kubernetes hover.
import type { Analysis } from '../analyze';
import type { Position, Range } from '../types';
import type { WorkspaceView } from '../workspace';
import { kubeHover } from '../kube/hover';
import { linkHover } from './navigation';
import { lookupFeature, lookupFeatureAnyArch, lookupMicroarchitecture } from '../catalog';
import { scalarToString } from '../yaml/nodes';
import { jvmOptionDoc, lookupJvmOption } from '../catalog/jvmOptions';
import { FEATURE_LISTS, locate, MICRO_KEYS, pattern } from './locate';
import { archDoc, baselineDoc, featureDoc, keyDoc, microDoc, policyDoc, POLICY_NOT_OFFERED, type ManifestFacts } from './docs';

export interface HoverOptions {
  /** This machine's canonical feature ids (from the host probe), to say whether it has a feature. */
  hostFeatures?: ReadonlySet<string>;
  workspace?: WorkspaceView;
}

export interface Hover {
  /** Markdown. */
  contents: string;
  range?: Range;
}

export function hover(analysis: Analysis, pos: Position, options: HoverOptions = {}): Hover | undefined {
  const at = locate(analysis, pos);
  if (!at) {
    if (analysis.manifests.length && analysis.isManifestFile) return undefined;
    return linkHover(analysis, pos, options.workspace) ?? kubeHover(analysis, pos, options.workspace);
  }
  const { ctx, path, onKey, node, range } = at;
  const facts: ManifestFacts = { manifest: ctx.manifest, requirements: ctx.requirements, yaml: ctx.yaml };
  const arch = ctx.manifest.arch;
  const where = pattern(path);
  const done = (contents: string | undefined) => (contents ? { contents, range } : undefined);
  if (onKey) {
    const doc = keyDoc(path);
    if (where === 'restore.onIncompatibleCpu') return done(`${doc ?? ''}\n\n${POLICY_NOT_OFFERED}`);
    return done(doc);
  }
  const value = scalarToString(node);
  if (value === undefined) return undefined;
  if (FEATURE_LISTS.has(where)) {
    const f = arch ? lookupFeature(arch, value) : lookupFeatureAnyArch(value)[0];
    if (f) return done(featureDoc(f, arch ? facts : undefined, options.hostFeatures));
    const other = lookupFeatureAnyArch(value)[0];
    return done(other ? `${featureDoc(other, undefined, options.hostFeatures)}\n\n**Not ${arch ?? 'this'} feature**: \`${value}\` is ${other.arch}.` : undefined);
  }
  if (MICRO_KEYS.has(where)) {
    const u = lookupMicroarchitecture(value);
    return done(u ? microDoc(u, facts, options.hostFeatures, value) : undefined);
  }
  if (where === 'baseline') return done(arch ? baselineDoc(arch, value, facts, options.hostFeatures) : undefined);
  if (where === 'restore.onIncompatibleCpu') return done(policyDoc(value, ctx.manifest.runtime));
  if (where === 'jvm.options.*') {
    const o = lookupJvmOption(value.trim());
    return done(o ? jvmOptionDoc(o) : keyDoc(path.slice(0, -1)));
  }
  if (where === 'arch') return done(archDoc(value) ? `**${value}**\n\n${archDoc(value)}` : undefined);
  return done(keyDoc(path));
}
