// The server's workspace index of checkpoint manifests (docs/kubernetes.md: how containers link to manifests): open documents win over files on disk; a
// scan of the workspace folders finds manifests in unopened files (`*.criu.yaml`, or YAML with
// `kind: CheckpointManifest`). Editing, creating or deleting a manifest revalidates the open deployment files
// linked to it (or mentioning its image or file name, which a new link needs).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, type Connection, type InitializeParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis, type WorkspaceView } from '../engine';
import type { WorkspaceManifest } from '../engine/workspace';
import { linkedManifestUris } from '../engine/kube';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.tools', '.vscode-test', 'target', 'build']);
const MAX_FILES = 20000;
const MAX_BYTES = 1024 * 1024;

export function mayHoldManifest(uri: string, text: string): boolean {
  return /\.criu\.ya?ml$/i.test(uri) || text.includes('CheckpointManifest');
}

export class WorkspaceIndex implements WorkspaceView {
  private readonly open = new Map<string, WorkspaceManifest[]>();
  private readonly disk = new Map<string, WorkspaceManifest[]>();
  /** Deployment document uri -> manifest uris it linked at its last validation. */
  private readonly links = new Map<string, Set<string>>();
  folders: string[] = [];
  canWatch = false;
  /** Bumped whenever the set of manifests changes: memoised link results of an unchanged file stay valid until then. */
  generation = 0;

  /** From initialize params: workspace folders, and whether the client lets us register file watchers. */
  configure(params: InitializeParams): void {
    this.folders = foldersFrom(params);
    this.canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  }

  *manifests(): Iterable<WorkspaceManifest> {
    for (const list of this.open.values()) yield* list;
    for (const [uri, list] of this.disk) if (!this.open.has(uri)) yield* list;
  }

  /** Record an open document's manifests; true when the set of manifests it holds may have changed. */
  updateOpen(analysis: Analysis): boolean {
    const had = this.open.has(analysis.uri) || this.disk.has(analysis.uri);
    const has = analysis.manifests.length > 0;
    if (!had && !has) return false; // a file without manifests, before and after: the workspace is unchanged
    this.generation++;
    if (has) this.open.set(analysis.uri, analysis.manifests.map((context) => ({ uri: analysis.uri, context })));
    else this.open.delete(analysis.uri);
    return true;
  }

  holds(uri: string): boolean {
    return this.open.has(uri);
  }

  closed(uri: string): boolean {
    this.links.delete(uri);
    this.generation++;
    return this.open.delete(uri);
  }

  recordLinks(analysis: Analysis): void {
    const uris = linkedManifestUris(analysis, this);
    if (uris.length) this.links.set(analysis.uri, new Set(uris));
    else this.links.delete(analysis.uri);
  }

  /** Open documents to revalidate after the manifests of `manifestUri` changed. */
  dependents(manifestUri: string, docs: readonly TextDocument[]): string[] {
    const hints = this.hintsFor(manifestUri);
    return docs
      .filter((d) => d.uri !== manifestUri && (this.links.get(d.uri)?.has(manifestUri) || hints.some((h) => d.getText().includes(h))))
      .map((d) => d.uri);
  }

  private hintsFor(manifestUri: string): string[] {
    const list = this.open.get(manifestUri) ?? this.disk.get(manifestUri) ?? [];
    const hints = [path.posix.basename(safePath(manifestUri))];
    for (const m of list) {
      const image = m.context.manifest.image?.value;
      const repo = image?.split('@')[0].replace(/:[^/:]*$/, '').split('/').pop();
      if (repo) hints.push(repo);
    }
    return hints.filter((h) => h.length > 1);
  }

  /** Read one file from disk into the index (or drop it); true when it holds or held manifests. */
  async refreshFile(uri: string): Promise<boolean> {
    this.generation++;
    const had = this.disk.delete(uri);
    let text: string;
    try {
      const file = fileURLToPath(uri);
      const stat = await fs.stat(file);
      if (!stat.isFile() || stat.size > MAX_BYTES) return had;
      text = await fs.readFile(file, 'utf8');
    } catch {
      return had;
    }
    if (!mayHoldManifest(uri, text)) return had;
    const a = analyze(uri, text);
    if (a.manifests.length) {
      this.disk.set(uri, a.manifests.map((context) => ({ uri, context })));
      this.generation++;
    }
    return had || a.manifests.length > 0;
  }

  async scan(): Promise<void> {
    let budget = MAX_FILES;
    const walk = async (dir: string): Promise<void> => {
      let entries: import('node:fs').Dirent[];
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (budget-- <= 0) return;
        const full = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(full);
        } else if (e.isFile() && /\.ya?ml$/i.test(e.name)) await this.refreshFile(pathToFileURL(full).href);
      }
    };
    for (const folder of this.folders) await walk(folder);
  }
}

function safePath(uri: string): string {
  try {
    return fileURLToPath(uri).split(path.sep).join('/');
  } catch {
    return uri;
  }
}

/** Folder paths from initialize params (workspaceFolders, else rootUri). */
export function foldersFrom(params: { workspaceFolders?: { uri: string }[] | null; rootUri?: string | null }): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
}

/** Keep the index current from open documents and watched files; revalidate dependents through `schedule`. */
/**
 * Keeps the index current for closed and changed files on disk. Open documents are recorded by the server's
 * debounced validation (`updateOpen`), never per keystroke. Returns what to call when a manifest changed.
 */
export function wireWorkspaceIndex(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  index: WorkspaceIndex,
  schedule: (uri: string) => void,
): { manifestChanged(uri: string): void } {
  const manifestChanged = (manifestUri: string) => {
    for (const uri of index.dependents(manifestUri, documents.all())) schedule(uri);
  };
  documents.onDidClose((e) => {
    if (!index.closed(e.document.uri)) return;
    // The file on disk (saved or not) is the manifest again.
    void index.refreshFile(e.document.uri).then(() => manifestChanged(e.document.uri));
  });
  connection.onDidChangeWatchedFiles(async (params) => {
    for (const change of params.changes) {
      if (!/\.ya?ml$/i.test(change.uri) || documents.get(change.uri)) continue;
      // refreshFile drops a deleted file and re-reads a created or changed one.
      if (await index.refreshFile(change.uri)) manifestChanged(change.uri);
    }
  });
  return { manifestChanged };
}

/** After `initialized`: watch YAML files (when the client can) and scan the folders, then revalidate. */
export async function startWorkspaceIndex(connection: Connection, index: WorkspaceIndex, revalidateAll: () => void): Promise<void> {
  if (index.canWatch) {
    await connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] })
      .catch(() => undefined);
  }
  try {
    await index.scan();
  } catch (err) {
    connection.console.warn(`criu-portability: scanning the workspace for manifests failed: ${(err as Error).message}`);
  }
  revalidateAll();
}
