// The worker thread that validates large documents off the server's request path (offThread.ts). It holds the
// last analysis per uri, so an edit re-parses only the changed documents of a multi-document file, as the main
// thread's cache does. Workspace manifests arrive as texts and are analysed once per (uri, text).
import { parentPort } from 'node:worker_threads';
import { analyze, validate, type Analysis, type WorkspaceView } from '../engine';
import { linkedManifestUris, linkKeys } from '../engine/kube';
import { reusingParse } from '../engine/yaml/parse';
import type { WorkspaceManifest } from '../engine/workspace';
import type { OffThreadJob, OffThreadResult } from './offThreadTypes';
import { mostSevere } from './mostSevere';

const documents = new Map<string, Analysis>();
const manifestFiles = new Map<string, Analysis>();
let generation = 0;

function manifestsOf(files: OffThreadJob['manifests']): WorkspaceManifest[] {
  const out: WorkspaceManifest[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    seen.add(f.uri);
    let a = manifestFiles.get(f.uri);
    if (!a || a.text !== f.text) manifestFiles.set(f.uri, (a = analyze(f.uri, f.text)));
    for (const context of a.manifests) out.push({ uri: f.uri, context });
  }
  for (const uri of manifestFiles.keys()) if (!seen.has(uri)) manifestFiles.delete(uri);
  return out;
}

function run(job: OffThreadJob): OffThreadResult {
  const previous = documents.get(job.uri);
  documents.delete(job.uri); // its documents move to the new parse
  const analysis = reusingParse(previous?.yaml, () => analyze(job.uri, job.text));
  documents.set(job.uri, analysis);
  const list = manifestsOf(job.manifests);
  const workspace: WorkspaceView = { manifests: () => list, generation: ++generation };
  const { shown, hidden } = mostSevere(validate(analysis, { severities: job.severities, workspace, reportUnusedSuppressions: 'hint' }), job.maxFindings);
  return {
    id: job.id,
    findings: shown,
    hidden,
    linked: linkedManifestUris(analysis, workspace),
    keys: analysis.otherDocuments.length ? linkKeys(analysis) : undefined,
    manifestImages: analysis.manifests.map((m) => m.manifest.image?.value ?? null),
  };
}

parentPort!.on('message', (msg: OffThreadJob | { forget: string }) => {
  if ('forget' in msg) {
    documents.delete(msg.forget);
    return;
  }
  try {
    parentPort!.postMessage(run(msg));
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: (err as Error).stack ?? String(err) });
  }
});
