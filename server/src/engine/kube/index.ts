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

/**
 * A memo per object (an Analysis, or a workload node that the incremental parse hands over unchanged): a value
 * holds while every part of its stamp is the same (===) as when it was computed.
 */
function stampedMemo<K extends object, V>(): (key: K, stamp: readonly unknown[], compute: () => V) => V {
  const cache = new WeakMap<K, { stamp: readonly unknown[]; value: V }>();
  return (key, stamp, compute) => {
    const hit = cache.get(key);
    if (hit && stamp.every((part, i) => part === hit.stamp[i])) return hit.value;
    const value = compute();
    cache.set(key, { stamp, value });
    return value;
  };
}

const contextsMemo = stampedMemo<Analysis, WorkloadContext[]>();

/**
 * Every workload of the file that has restore containers, with what rules need. Memoised per Analysis while the
 * workspace's manifests stay the same (WorkspaceView.generation); without a generation it is computed every time.
 */
export function workloadContexts(analysis: Analysis, workspace: WorkspaceView | undefined): WorkloadContext[] {
  if (analysis.otherDocuments.length === 0) return [];
  const generation = workspace?.generation;
  if (generation === undefined) return computeWorkloadContexts(analysis, workspace);
  return contextsMemo(analysis, [workspace, generation], () => computeWorkloadContexts(analysis, workspace));
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
const restoreMemo = stampedMemo<object, RestoreContainer[]>();

function restoreOf(analysis: Analysis, workload: Workload, manifests: ManifestCandidates, workspace: WorkspaceView | undefined): RestoreContainer[] {
  const generation = workspace?.generation;
  if (!workspace || generation === undefined || analysis.manifests.length > 0) return restoreContainers(analysis, workload, manifests);
  const stamp = [workspace, generation, analysis.uri, workload.doc.range[0]];
  return restoreMemo(workload.root, stamp, () => restoreContainers(analysis, workload, manifests));
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
const linkKeysMemo = stampedMemo<object, { images: string[]; annotated?: string }>();

function workloadLinkKeys(uri: string, w: Workload): { images: string[]; annotated?: string } {
  return linkKeysMemo(w.root, [uri], () => {
    const images: string[] = [];
    for (const c of w.containers) {
      const ref = c.image ? parseImage(c.image) : undefined;
      if (ref) images.push(ref.name);
    }
    const value = textOf(annotationsOf(w).get(MANIFEST_ANNOTATION));
    return { images, annotated: value ? resolveAnnotation(uri, value) : undefined };
  });
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
const checkpointMemo = stampedMemo<object, Container[]>();

function checkpointContainers(analysis: Analysis, workload: Workload): Container[] {
  return checkpointMemo(workload.root, [workload.doc.range[0]], () =>
    workload.containers.filter((c) => isCheckpointContainer(workload, c, jvmOptions(analysis.text, c))),
  );
}
