// The server's workspace index of checkpoint manifests (docs/kubernetes.md: how containers link to manifests): open documents win over files on disk; a
// scan of the workspace folders finds manifests in unopened files (`*.criu.yaml`, or YAML with
// `kind: CheckpointManifest`). Editing, creating or deleting a manifest revalidates the open deployment files
// linked to it, running its image or naming it in an annotation (all three indexed). Only files inside the
// workspace folders are indexed (workspaceBoundary.ts).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, type Connection, type InitializeParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis, type WorkspaceView } from '../engine';
import type { WorkspaceManifest } from '../engine/workspace';
import { linkedManifestUris, linkKeys } from '../engine/kube';
import { parseImage } from '../engine/kube/images';
import { WorkspaceBoundary } from './workspaceBoundary';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.tools', '.vscode-test', 'target', 'build']);
const MAX_FILES = 20000;
const MAX_BYTES = 1024 * 1024;

export function mayHoldManifest(uri: string, text: string): boolean {
  return /\.criu\.ya?ml$/i.test(uri) || text.includes('CheckpointManifest');
}

export class WorkspaceIndex implements WorkspaceView {
  private readonly open = new Map<string, WorkspaceManifest[]>();
  private readonly disk = new Map<string, WorkspaceManifest[]>();
  /** Deployment document uri -> manifest uris it linked at its last validation, and the reverse. */
  private readonly links = new Map<string, Set<string>>();
  private readonly linkedBy = new Multimap();
  /** Open Kubernetes documents by the image names of their containers and the manifest uris their annotations name. */
  private readonly keysOf = new Map<string, { images: string[]; annotated: string[] }>();
  private readonly byImage = new Multimap();
  private readonly byAnnotation = new Multimap();
  readonly boundary = new WorkspaceBoundary();
  folders: string[] = [];
  canWatch = false;
  /** Bumped whenever the set of manifests changes: memoised link results of an unchanged file stay valid until then. */
  generation = 0;

  /** From initialize params: workspace folders, and whether the client lets us register file watchers. */
  configure(params: InitializeParams): void {
    this.folders = foldersFrom(params);
    this.boundary.setFolders(this.folders);
    this.canWatch = params.capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  }

  *manifests(): Iterable<WorkspaceManifest> {
    for (const list of this.open.values()) yield* list;
    for (const [uri, list] of this.disk) if (!this.open.has(uri)) yield* list;
  }

  /** Record an open document's manifests; true when the set of manifests it holds may have changed. */
  updateOpen(analysis: Analysis): boolean {
    // The same version validated again (settings changed, the scan ended): the same contexts, nothing to revalidate.
    const old = this.open.get(analysis.uri);
    if (old?.length === analysis.manifests.length && old.every((m, i) => m.image === undefined && m.context === analysis.manifests[i])) return false;
    return this.recordOpen(analysis.uri, analysis.manifests.map((context) => ({ uri: analysis.uri, context })));
  }

  /**
   * Record the manifests of a large open document validated in the worker thread from what the worker said of them
   * (their images): each context is parsed on this thread only when something needs more than the image (the rules
   * of a workload linked to it, the probe report). Parsing such a file here as well doubled the server's peak
   * memory on a one-line 1 MB manifest. True when the set of manifests the document holds may have changed.
   */
  updateOpenFromSummary(uri: string, images: readonly (string | null)[], load: () => Analysis): boolean {
    let analysis: Analysis | undefined;
    const contextAt = (i: number) => {
      analysis ??= load();
      return analysis.manifests[Math.min(i, analysis.manifests.length - 1)];
    };
    return this.recordOpen(
      uri,
      images.map((image, i) => ({
        uri,
        image,
        get context() {
          return contextAt(i);
        },
      })),
    );
  }

  private recordOpen(uri: string, manifests: WorkspaceManifest[]): boolean {
    const had = this.open.has(uri) || this.disk.has(uri);
    // A document opened from outside the workspace folders is validated, but other files never link to it.
    const has = manifests.length > 0 && this.boundary.admitsOpen(uri);
    if (!had && !has) return false; // a file without manifests, before and after: the workspace is unchanged
    this.generation++;
    if (has) this.open.set(uri, manifests);
    else this.open.delete(uri);
    return true;
  }

  holds(uri: string): boolean {
    return this.open.has(uri);
  }

  closed(uri: string): boolean {
    this.setLinks(uri, []);
    this.setKeys(uri, undefined);
    this.boundary.forget(uri);
    this.generation++;
    return this.open.delete(uri);
  }

  /** After validating an open document: what it linked, and what a manifest must match for it to link. */
  recordLinks(analysis: Analysis): void {
    this.recordLinkResult(analysis.uri, linkedManifestUris(analysis, this), analysis.otherDocuments.length ? linkKeys(analysis) : undefined);
  }

  /** Open documents that linked to the manifests of `manifestUri` at their last validation. */
  linkedTo(manifestUri: string): string[] {
    return [...this.linkedBy.get(manifestUri)];
  }

  /** The same, from a validation done elsewhere (the worker thread). */
  recordLinkResult(uri: string, linked: readonly string[], keys: { images: string[]; annotated: string[] } | undefined): void {
    this.setLinks(uri, linked);
    this.setKeys(uri, keys);
  }

  /**
   * The texts of the files holding workspace manifests, but `except`: what the worker thread needs to link. `openText`
   * gives an open document's text, so that a manifest recorded from a summary is not parsed for it.
   */
  manifestTexts(except: string, openText: (uri: string) => string | undefined): { uri: string; text: string }[] {
    const out = new Map<string, string>();
    for (const m of this.manifests()) if (m.uri !== except && !out.has(m.uri)) out.set(m.uri, (m.image !== undefined && openText(m.uri)) || m.context.yaml.text);
    return [...out].map(([uri, text]) => ({ uri, text }));
  }

  /**
   * Open documents to revalidate after the manifests of `manifestUri` changed: those that linked to it, and those
   * whose containers run its image or whose annotation names it (looked up in indexes, never by reading texts).
   */
  dependents(manifestUri: string, isOpen: (uri: string) => boolean): string[] {
    const out = new Set<string>(this.linkedBy.get(manifestUri));
    for (const name of this.imageNames(manifestUri)) for (const uri of this.byImage.get(name)) out.add(uri);
    for (const uri of this.byAnnotation.get(decodeUri(manifestUri))) out.add(uri);
    out.delete(manifestUri);
    return [...out].filter(isOpen);
  }

  private imageNames(manifestUri: string): string[] {
    const list = this.open.get(manifestUri) ?? this.disk.get(manifestUri) ?? [];
    return list.flatMap((m) => {
      const image = m.image !== undefined ? m.image : m.context.manifest.image?.value;
      const ref = image ? parseImage(image) : undefined;
      return ref ? [ref.name] : [];
    });
  }

  private setLinks(uri: string, manifests: readonly string[]): void {
    for (const m of this.links.get(uri) ?? []) this.linkedBy.delete(m, uri);
    if (manifests.length === 0) {
      this.links.delete(uri);
      return;
    }
    this.links.set(uri, new Set(manifests));
    for (const m of manifests) this.linkedBy.add(m, uri);
  }

  private setKeys(uri: string, keys: { images: string[]; annotated: string[] } | undefined): void {
    const old = this.keysOf.get(uri);
    for (const name of old?.images ?? []) this.byImage.delete(name, uri);
    for (const target of old?.annotated ?? []) this.byAnnotation.delete(decodeUri(target), uri);
    if (!keys || (keys.images.length === 0 && keys.annotated.length === 0)) {
      this.keysOf.delete(uri);
      return;
    }
    this.keysOf.set(uri, keys);
    for (const name of keys.images) this.byImage.add(name, uri);
    for (const target of keys.annotated) this.byAnnotation.add(decodeUri(target), uri);
  }

  /**
   * Read one file from disk into the index (or drop it); true when it holds or held manifests. Only a regular file
   * whose real path lies inside the workspace folders is read.
   */
  async refreshFile(uri: string): Promise<boolean> {
    this.generation++;
    const had = this.disk.delete(uri);
    let text: string;
    try {
      const real = await this.boundary.realPathInside(uri);
      if (!real) return had;
      const stat = await fs.stat(real);
      if (!stat.isFile() || stat.size > MAX_BYTES) return had;
      text = await fs.readFile(real, 'utf8');
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

  /**
   * The initial scan: YAML files under the folders, symlinked files included when their target lies inside the
   * workspace (refreshFile decides, as for watcher events); symlinked directories are not followed (no loops).
   */
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
        } else if ((e.isFile() || e.isSymbolicLink()) && /\.ya?ml$/i.test(e.name)) await this.refreshFile(pathToFileURL(full).href);
      }
    };
    for (const folder of this.folders) await walk(folder);
  }
}

/** Sets of uris per key. */
class Multimap {
  private readonly map = new Map<string, Set<string>>();

  get(key: string): Iterable<string> {
    return this.map.get(key) ?? [];
  }

  add(key: string, value: string): void {
    const set = this.map.get(key);
    if (set) set.add(value);
    else this.map.set(key, new Set([value]));
  }

  delete(key: string, value: string): void {
    const set = this.map.get(key);
    if (!set) return;
    set.delete(value);
    if (set.size === 0) this.map.delete(key);
  }
}

function decodeUri(uri: string): string {
  try {
    return decodeURIComponent(uri);
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
    for (const uri of index.dependents(manifestUri, (u) => documents.get(u) !== undefined)) schedule(uri);
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
