// The Kubernetes model's entry point: the workloads of a file that have restore containers, with their node
// constraints and linked manifests (the rules in rules/kube/ check them). Workloads without restore containers get
// no context, so ordinary Kubernetes YAML stays silent.
import type { Analysis } from '../analyze';
import type { WorkspaceView } from '../workspace';
import { asMap, getIn, getValue, textOf } from '../yaml/nodes';
import { readConstraints } from './constraints';
import { candidateManifests, jvmOptions, MANIFEST_ANNOTATION, resolveAnnotation, restoreContainers, type ManifestCandidates, type RestoreContainer } from './link';
import { isCheckpointContainer } from './checkpoint';
import { parseImage } from './images';
import type { Container, Workload } from './model';
import { annotationsOf, readWorkloads } from './model';
import { IGNORE_ANNOTATION_PREFIX } from './annotations';
import type { WorkloadContext } from './types';

export { IGNORE_ANNOTATION_PREFIX };

const memo = new WeakMap<Analysis, { workspace: WorkspaceView | undefined; generation: number; contexts: WorkloadContext[] }>();

/**
 * Every workload of the file that has restore containers, with what rules need. Memoised per Analysis while the
 * workspace's manifests stay the same (WorkspaceView.generation); without a generation it is computed every time.
 */
export function workloadContexts(analysis: Analysis, workspace: WorkspaceView | undefined): WorkloadContext[] {
  if (analysis.otherDocuments.length === 0) return [];
  const generation = workspace?.generation;
  const hit = memo.get(analysis);
  if (hit && generation !== undefined && hit.workspace === workspace && hit.generation === generation) return hit.contexts;
  const contexts = computeWorkloadContexts(analysis, workspace);
  if (generation !== undefined) memo.set(analysis, { workspace, generation, contexts });
  return contexts;
}

function computeWorkloadContexts(analysis: Analysis, workspace: WorkspaceView | undefined): WorkloadContext[] {
  const workloads = readWorkloads(analysis.otherDocuments);
  if (workloads.length === 0) return [];
  const manifests = candidateManifests(analysis, workspace);
  const autoscaledTargets = hpaTargets(analysis);
  const out: WorkloadContext[] = [];
  for (const workload of workloads) {
    const restore = restoreOf(analysis, workload, manifests, workspace);
    if (restore.length === 0) continue;
    const manifest = restore.find((r) => r.manifest)?.manifest;
    out.push({
      analysis,
      workspace,
      workload,
      constraints: readConstraints(workload),
      restore,
      manifest,
      arch: manifest?.context.manifest.arch,
      autoscaledTargets,
    });
  }
  return out;
}

// Per workload node: an edit in one document of a multi-document file relinks that document's workloads only. The
// incremental parse hands an unchanged document over as the same objects; one that did not move (same offset) has
// the same JVM option spans, so its restore containers hold while the workspace's manifests are the same. A file
// holding manifests itself links to them too: not memoised.
const restoreMemo = new WeakMap<object, { workspace: WorkspaceView; generation: number; uri: string; offset: number; restore: RestoreContainer[] }>();

function restoreOf(analysis: Analysis, workload: Workload, manifests: ManifestCandidates, workspace: WorkspaceView | undefined): RestoreContainer[] {
  const generation = workspace?.generation;
  if (!workspace || generation === undefined || analysis.manifests.length > 0) return restoreContainers(analysis, workload, manifests);
  const offset = workload.doc.range[0];
  const hit = restoreMemo.get(workload.root);
  if (hit && hit.workspace === workspace && hit.generation === generation && hit.uri === analysis.uri && hit.offset === offset) return hit.restore;
  const restore = restoreContainers(analysis, workload, manifests);
  restoreMemo.set(workload.root, { workspace, generation, uri: analysis.uri, offset, restore });
  return restore;
}

/**
 * What a manifest must match for this file to link to it: the normalised image names of every container, and the
 * manifest uris the file's annotations name. The server indexes open files by them, so that a changed manifest
 * revalidates exactly the files it may now link to (instead of scanning every open file's text).
 */
export function linkKeys(analysis: Analysis): { images: string[]; annotated: string[] } {
  const images = new Set<string>();
  const annotated = new Set<string>();
  for (const w of readWorkloads(analysis.otherDocuments)) {
    const keys = workloadLinkKeys(analysis.uri, w);
    for (const name of keys.images) images.add(name);
    if (keys.annotated) annotated.add(keys.annotated);
  }
  return { images: [...images], annotated: [...annotated] };
}

// Per workload node (unchanged documents keep their nodes): an edit recomputes the keys of the edited document only.
const linkKeysMemo = new WeakMap<object, { uri: string; images: string[]; annotated?: string }>();

function workloadLinkKeys(uri: string, w: Workload): { images: string[]; annotated?: string } {
  const hit = linkKeysMemo.get(w.root);
  if (hit?.uri === uri) return hit;
  const images: string[] = [];
  for (const c of w.containers) {
    const ref = c.image ? parseImage(c.image) : undefined;
    if (ref) images.push(ref.name);
  }
  const value = textOf(annotationsOf(w).get(MANIFEST_ANNOTATION));
  const keys = { uri, images, annotated: value ? resolveAnnotation(uri, value) : undefined };
  linkKeysMemo.set(w.root, keys);
  return keys;
}

/** Uris of the manifests this file's workloads link to (the server revalidates the file when they change). */
export function linkedManifestUris(analysis: Analysis, workspace: WorkspaceView | undefined): string[] {
  const out = new Set<string>();
  for (const ctx of workloadContexts(analysis, workspace)) for (const r of ctx.restore) if (r.manifest) out.add(r.manifest.uri);
  return [...out];
}

function hpaTargets(analysis: Analysis): Set<string> {
  const out = new Set<string>();
  for (const doc of analysis.otherDocuments) {
    const root = asMap(doc.contents);
    if (textOf(getValue(root, 'kind')) !== 'HorizontalPodAutoscaler') continue;
    const kind = textOf(getIn(root, ['spec', 'scaleTargetRef', 'kind']));
    const name = textOf(getIn(root, ['spec', 'scaleTargetRef', 'name']));
    const max = Number(textOf(getIn(root, ['spec', 'maxReplicas'])) ?? '2');
    if (kind && name && max > 1) out.add(`${kind}/${name}`);
  }
  return out;
}

/** A workload that takes a checkpoint (the checkpoint side), with its checkpointing containers and node constraints. */
export interface CheckpointWorkload {
  workload: Workload;
  containers: Container[];
  constraints: ReturnType<typeof readConstraints>;
}

export function checkpointWorkloads(analysis: Analysis): CheckpointWorkload[] {
  if (analysis.otherDocuments.length === 0) return [];
  const out: CheckpointWorkload[] = [];
  for (const workload of readWorkloads(analysis.otherDocuments)) {
    const containers = checkpointContainers(analysis, workload);
    if (containers.length) out.push({ workload, containers, constraints: readConstraints(workload) });
  }
  return out;
}

// Per workload node, while its document is unchanged and unmoved (see restoreMemo): which containers checkpoint.
const checkpointMemo = new WeakMap<object, { offset: number; containers: Container[] }>();

function checkpointContainers(analysis: Analysis, workload: Workload): Container[] {
  const offset = workload.doc.range[0];
  const hit = checkpointMemo.get(workload.root);
  if (hit?.offset === offset) return hit.containers;
  const containers = workload.containers.filter((c) => isCheckpointContainer(workload, c, jvmOptions(analysis.text, c)));
  checkpointMemo.set(workload.root, { offset, containers });
  return containers;
}
