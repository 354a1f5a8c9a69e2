// What the validation worker (validationWorker.ts) does, apart from its messages: the engine over jobs, holding the
// last analysis per uri, so an edit re-parses only the changed documents of a multi-document file, as the main
// thread's cache does. Workspace manifests arrive as texts and are analysed once per (uri, text).
import { analyze, validate, type Analysis, type WorkspaceView } from '../engine';
import { linkedManifestUris, linkKeys } from '../engine/kube';
import { reusingParse } from '../engine/yaml/parse';
import type { WorkspaceManifest } from '../engine/workspace';
import type { OffThreadJob, OffThreadResult } from './offThreadTypes';
import { mostSevere } from './mostSevere';

export class OffThreadEngine {
  private readonly documents = new Map<string, Analysis>();
  private readonly manifestFiles = new Map<string, Analysis>();
  private list: WorkspaceManifest[] = [];
  private order = '';
  // One workspace view, its generation bumped only when the manifests change: the engine's memos (each workload's
  // links and findings) hold while it stays the same, so an edit runs the Kubernetes rules on the edited document
  // only. A new view per job had made every edit of a large file run every rule on every workload.
  readonly workspace = { manifests: () => this.list, generation: 0 } satisfies WorkspaceView;

  run(job: OffThreadJob): OffThreadResult {
    const previous = this.documents.get(job.uri);
    this.documents.delete(job.uri); // its documents move to the new parse
    const analysis = reusingParse(previous?.yaml, () => analyze(job.uri, job.text));
    this.documents.set(job.uri, analysis);
    this.updateManifests(job.manifests);
    const workspace = this.workspace;
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

  /** The document closed. */
  forget(uri: string): void {
    this.documents.delete(uri);
  }

  /** Brings the workspace view up to date with the job's manifest files, kept in the job's (the index's) order. */
  private updateManifests(files: OffThreadJob['manifests']): void {
    const order = files.map((f) => f.uri).join('\n');
    let changed = order !== this.order;
    this.order = order;
    for (const f of files) {
      const a = this.manifestFiles.get(f.uri);
      if (a && a.text === f.text) continue;
      this.manifestFiles.set(f.uri, analyze(f.uri, f.text));
      changed = true;
    }
    if (!changed) return;
    const seen = new Set(files.map((f) => f.uri));
    for (const uri of this.manifestFiles.keys()) if (!seen.has(uri)) this.manifestFiles.delete(uri);
    this.list = files.flatMap((f) => this.manifestFiles.get(f.uri)!.manifests.map((context) => ({ uri: f.uri, context })));
    this.workspace.generation++;
  }
}
