// Restore containers (docs/kubernetes.md) and the manifests they link to: by image, by the annotation
// `criu-portability.io/manifest`, by the CHECKPOINT_RESTORE capability, by JVM options that enable CRIU/CRaC.
import type { Analysis } from '../analyze';
import type { ManifestContext } from '../manifest/context';
import type { WorkspaceView } from '../workspace';
import { JVM_OPTION_VARS, LIBERTY_RECOVERY_VAR } from '../catalog/envVars';
import { KNOWN_MISSPELLINGS, caseInsensitiveMatch, lookupJvmOption, optionName } from '../catalog/jvmOptions';
import { asMap, asScalar, asSeq, getValue, textOf } from '../yaml/nodes';
import { guardOf, type GuardEvidence } from './guard';
import { imageMatches, parseImage, refMatches, type ImageRef } from './images';
import { isCheckpointContainer } from './checkpoint';
import { scalarTokens, type JvmToken } from './jvmTokens';
import { annotationsOf, type Container, type EnvEntry, type Workload } from './model';

export const MANIFEST_ANNOTATION = 'criu-portability.io/manifest';

export type RestoreReason = 'image' | 'annotation' | 'capability' | 'jvm-options';
export type Runtime = 'openj9' | 'liberty' | 'crac';
export type Policy = 'exit' | 'cold-start';

export interface LinkedManifest {
  uri: string;
  context: ManifestContext;
  /** See WorkspaceManifest.image: the image without reading the context. */
  image?: string | null;
}

export interface JvmOption extends JvmToken {
  variable: string;
  env: EnvEntry;
}

export interface RestoreContainer {
  container: Container;
  reasons: RestoreReason[];
  manifest?: LinkedManifest;
  /** The runtime (OpenJ9 when nothing says otherwise); see runtimeKnown. */
  runtime: Runtime;
  /**
   * A linked manifest, JVM options, Liberty settings or a JVM image say which runtime restores: only then do the
   * policy rules, which describe what that runtime does on an incompatible CPU, apply.
   */
  runtimeKnown: boolean;
  options: JvmOption[];
  /**
   * What the container's own settings make a failed restore do, and the setting that says so. For Liberty this
   * covers a failing `criu restore` only: on an incompatible CPU the restore succeeds and the JVM dies later.
   */
  recovery?: { policy: Policy; explicit: boolean; env?: EnvEntry; option?: JvmOption };
  /** What checks the CPU before the restore (kube/guard.ts); undefined: nothing, so a mismatch is a SIGILL crash loop. */
  guard?: GuardEvidence;
}

/**
 * Catalogue options that turn checkpoint/restore on. Anything else merely mentioning criu/crac/checkpoint
 * (Flink's `-Dstate.checkpoints.dir`, `-XX:-EnableCRIUSupport`, tuning options) is no evidence.
 */
export const ENABLING_OPTIONS: readonly string[] = ['-XX:+EnableCRIUSupport', '-XX:CRaCCheckpointTo', '-XX:CRaCRestoreFrom'];

/** Does this token turn checkpoint/restore on? `+` forms only; case slips and known misspellings show the intent. */
export function enablesRestore(token: string): boolean {
  const misspeltAs = KNOWN_MISSPELLINGS[token.toLowerCase()];
  if (misspeltAs) return ENABLING_OPTIONS.includes(lookupJvmOption(optionName(misspeltAs))?.name ?? '');
  const doc = caseInsensitiveMatch(token);
  if (!doc || !ENABLING_OPTIONS.includes(doc.name)) return false;
  return doc.boolean ? /^-XX:\+/i.test(token) : !/^-XX:[+-]/i.test(token);
}

export function candidateManifests(analysis: Analysis, workspace: WorkspaceView | undefined): ManifestCandidates {
  const out: LinkedManifest[] = analysis.manifests.map((context) => ({ uri: analysis.uri, context }));
  // The index's own objects: a context parsed on demand (WorkspaceManifest.image) stays unread until a rule needs it.
  for (const m of workspace?.manifests() ?? []) if (!sameUri(m.uri, analysis.uri)) out.push(m);
  return new ManifestCandidates(out);
}

// A manifest's image, parsed once per manifest document (the index hands the same ManifestContext to every file).
const parsedImages = new WeakMap<ManifestContext, ImageRef | null>();

function manifestImage(linked: LinkedManifest): ImageRef | undefined {
  if (linked.image !== undefined) return (linked.image && parseImage(linked.image)) || undefined;
  const ctx = linked.context;
  let ref = parsedImages.get(ctx);
  if (ref === undefined) {
    const raw = ctx.manifest.image?.value;
    ref = (raw ? parseImage(raw) : undefined) ?? null;
    parsedImages.set(ctx, ref);
  }
  return ref ?? undefined;
}

/**
 * The manifests a file may link to, indexed by normalised image name: each container looks up its own image
 * instead of being compared with every manifest (150 Kubernetes files against 150 manifests took 13 s so).
 * Among several manifests of the same image the first in workspace order wins, as before.
 */
export class ManifestCandidates {
  private index?: Map<string, { ref: ImageRef; linked: LinkedManifest }[]>;

  constructor(readonly list: readonly LinkedManifest[]) {}

  byUri(uri: string): LinkedManifest | undefined {
    return this.list.find((m) => sameUri(m.uri, uri));
  }

  byImage(containerImage: string): LinkedManifest | undefined {
    const c = parseImage(containerImage);
    if (!c) return undefined;
    return this.byName().get(c.name)?.find((m) => refMatches(m.ref, c))?.linked;
  }

  private byName(): Map<string, { ref: ImageRef; linked: LinkedManifest }[]> {
    if (!this.index) {
      this.index = new Map();
      for (const linked of this.list) {
        const ref = manifestImage(linked);
        if (!ref) continue;
        const list = this.index.get(ref.name);
        if (list) list.push({ ref, linked });
        else this.index.set(ref.name, [{ ref, linked }]);
      }
    }
    return this.index;
  }
}

export function sameUri(a: string, b: string): boolean {
  return a === b || safeDecode(a) === safeDecode(b);
}

function safeDecode(u: string): string {
  try {
    return decodeURIComponent(u);
  } catch {
    return u;
  }
}

/** A relative annotation path resolved against the YAML file's uri (never another scheme or an absolute URL). */
export function resolveAnnotation(fileUri: string, value: string): string | undefined {
  if (!value || /^[a-z][a-z0-9+.-]*:/i.test(value)) return undefined;
  try {
    return new URL(value, fileUri).href;
  } catch {
    return undefined;
  }
}

export function restoreContainers(analysis: Analysis, w: Workload, manifests: ManifestCandidates): RestoreContainer[] {
  const annotation = annotationsOf(w).get(MANIFEST_ANNOTATION);
  const annotationValue = annotation ? textOf(annotation) : undefined;
  const resolved = annotationValue ? resolveAnnotation(analysis.uri, annotationValue) : undefined;
  // Confined to the workspace: only manifests the workspace index (or this file) holds can be linked.
  const annotated = resolved ? manifests.byUri(resolved) : undefined;
  const mainContainers = w.containers.filter((c) => c.role !== 'init');
  const annotatedTargets = annotated ? annotationTargets(annotated, mainContainers) : [];
  const out: RestoreContainer[] = [];
  for (const c of w.containers) {
    const reasons: RestoreReason[] = [];
    let manifest: LinkedManifest | undefined;
    const capability = addedCapabilities(c).includes('CHECKPOINT_RESTORE');
    const options = jvmOptions(analysis.text, c);
    // The checkpoint side (a Job running -XX:CRaCCheckpointTo or Liberty's checkpoint.sh) restores nothing.
    if (isCheckpointContainer(w, c, options)) continue;
    const enabling = options.some((o) => enablesRestore(o.text));
    // Init containers often run the app's image with another command (a migration) and start cold: only their
    // own evidence makes them restore containers. (Ephemeral containers are not read at all: see model.ts.)
    if (c.role === 'init' && !capability && !enabling) continue;
    const byImage = c.image ? manifests.byImage(c.image) : undefined;
    if (byImage) {
      reasons.push('image');
      manifest = byImage;
    }
    if (annotated && annotatedTargets.includes(c)) {
      reasons.push('annotation');
      manifest ??= annotated;
    } else if (annotationValue && !annotated && c === mainContainers[0]) reasons.push('annotation');
    // CHECKPOINT_RESTORE is evidence of a JVM restore only beside a sign of a JVM: eBPF agents (Grafana Beyla) and
    // other tools add it too, and a Java linter has nothing to say about them.
    // CHECKPOINT_RESTORE with SETPCAP is Open Liberty InstantOn's documented restore set (OpenLiberty/docs
    // instanton.adoc), itself a sign of a JVM restore.
    const instantOnPair = capability && addedCapabilities(c).includes('SETPCAP');
    if (capability && (reasons.length > 0 || enabling || instantOnPair || looksLikeJvm(w, c, options))) reasons.push('capability');
    if (enabling) reasons.push('jvm-options');
    if (reasons.length === 0) continue;
    const { runtime, known } = runtimeOf(w, c, manifest, options);
    // CHECKPOINT_RESTORE alone makes a restore container (docs/kubernetes.md): an InstantOn image usually carries its JVM
    // options inside, so its Deployment shows nothing else. Its runtime stays unknown, which keeps the policy rules
    // (whose wording depends on the runtime) quiet.
    out.push({ container: c, reasons, manifest, runtime, runtimeKnown: known, options, recovery: recoveryOf(runtime, c, options), guard: guardOf(w, c, runtime, options) });
  }
  return out;
}

/** A JVM runs here: JVM option variables, an OpenLibertyApplication or Liberty settings, or a Java image name. */
function looksLikeJvm(w: Workload, c: Container, options: readonly JvmOption[]): boolean {
  if (options.length > 0 || w.isOla) return true;
  if (c.env.some((e) => e.name === LIBERTY_RECOVERY_VAR || e.name.startsWith('WLP_') || JVM_OPTION_VARS.includes(e.name))) return true;
  return !!c.image && /liberty|instanton|semeru|openj9|crac|jdk|jre|java|zulu|temurin|websphere/i.test(c.image);
}

function annotationTargets(m: LinkedManifest, main: Container[]): Container[] {
  const image = m.context.manifest.image?.value;
  const byImage = image ? main.filter((c) => c.image && imageMatches(image, c.image)) : [];
  return byImage.length ? byImage : main.slice(0, 1);
}

export function addedCapabilities(c: Container): string[] {
  const add = asSeq(getValue(asMap(getValue(c.securityContext, 'capabilities')), 'add'));
  return (add?.items ?? []).map((i) => textOf(i)?.replace(/^CAP_/i, '').toUpperCase()).filter((s): s is string => !!s);
}

export function isPrivileged(c: Container): boolean {
  return textOf(getValue(c.securityContext, 'privileged')) === 'true';
}

export function jvmOptions(source: string, c: Container): JvmOption[] {
  const out: JvmOption[] = [];
  for (const env of c.env) {
    if (!JVM_OPTION_VARS.includes(env.name) || !env.valueNode) continue;
    for (const t of scalarTokens(env.valueNode, source)) out.push({ ...t, variable: env.name, env });
  }
  return out;
}

function runtimeOf(w: Workload, c: Container, m: LinkedManifest | undefined, options: JvmOption[]): { runtime: Runtime; known: boolean } {
  const declared = m?.context.manifest.runtime;
  if (declared && declared !== 'openj9') return { runtime: declared, known: true };
  if (options.some((o) => /^-XX:[+-]?CRaC/.test(o.text))) return { runtime: 'crac', known: true };
  if (w.isOla || c.env.some((e) => e.name === LIBERTY_RECOVERY_VAR || e.name.startsWith('WLP_'))) return { runtime: 'liberty', known: true };
  if (c.image && /liberty|instanton/i.test(c.image)) return { runtime: 'liberty', known: true };
  if (declared) return { runtime: declared, known: true };
  if (c.image && /crac/i.test(c.image)) return { runtime: 'crac', known: true };
  // Any option in a JVM option variable means a JVM; without a runtime hint the default is OpenJ9 CRIU.
  return { runtime: 'openj9', known: options.length > 0 || (!!c.image && /semeru|openj9/i.test(c.image)) };
}

function recoveryOf(runtime: Runtime, c: Container, options: JvmOption[]): RestoreContainer['recovery'] {
  if (runtime === 'liberty') {
    const env = c.env.find((e) => e.name === LIBERTY_RECOVERY_VAR);
    if (!env) return { policy: 'cold-start', explicit: false };
    // bin/server: `if [ "${CRIU_RESTORE_DISABLE_RECOVERY}" = "true" ]`: exactly `true`; TRUE, True, " true" recover.
    return { policy: env.value === 'true' ? 'exit' : 'cold-start', explicit: true, env };
  }
  if (runtime === 'crac') {
    const option = options.find((o) => /^-XX:[+-]CRaCIgnoreRestoreIfUnavailable$/.test(o.text));
    if (!option) return { policy: 'exit', explicit: false };
    return { policy: option.text.startsWith('-XX:+') ? 'cold-start' : 'exit', explicit: true, option };
  }
  return undefined;
}

/** The policy recorded in the linked manifest. */
export function manifestPolicy(rc: RestoreContainer): Policy | undefined {
  const v = rc.manifest?.context.manifest.policy?.value;
  return v === 'exit' || v === 'cold-start' ? v : undefined;
}

export { asScalar };
