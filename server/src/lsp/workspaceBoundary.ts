// One workspace boundary for the initial scan, the file watcher and documents closing: a file is indexed only if
// its real path (symlinks resolved) lies inside a workspace folder's real path. A symlink inside the workspace
// pointing outside, a watcher event for any other file: URI, or a manifest opened from elsewhere and closed again
// are never read from disk. Non-file schemes have no path, hence nothing on disk to read either.
import { promises as fs, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export class WorkspaceBoundary {
  private roots: string[] = [];
  /** Open documents, checked synchronously when validated: uri → inside. Forgotten when the document closes. */
  private readonly openMemo = new Map<string, boolean>();

  constructor(folders: readonly string[] = []) {
    this.setFolders(folders);
  }

  setFolders(folders: readonly string[]): void {
    this.roots = folders.map((f) => {
      try {
        return realpathSync(f);
      } catch {
        return path.resolve(f);
      }
    });
    this.openMemo.clear();
  }

  get hasFolders(): boolean {
    return this.roots.length > 0;
  }

  /** The real path of a file: URI when it lies inside a workspace folder; undefined otherwise (or when it does not exist). */
  async realPathInside(uri: string): Promise<string | undefined> {
    const file = filePath(uri);
    if (!file) return undefined;
    try {
      const real = await fs.realpath(file);
      return this.contains(real) ? real : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * For open documents: file: URIs must resolve inside the folders; other schemes (untitled:) are in-memory
   * buffers. Without workspace folders (a single file opened) the open documents are the whole workspace.
   */
  admitsOpen(uri: string): boolean {
    if (!uri.startsWith('file:') || !this.hasFolders) return true;
    let inside = this.openMemo.get(uri);
    if (inside === undefined) {
      const file = filePath(uri);
      let real: string | undefined;
      try {
        real = file ? realpathSync(file) : undefined;
      } catch {
        real = file; // not on disk (yet): judge the path as given
      }
      inside = !!real && this.contains(real);
      this.openMemo.set(uri, inside);
    }
    return inside;
  }

  forget(uri: string): void {
    this.openMemo.delete(uri);
  }

  private contains(real: string): boolean {
    return this.roots.some((root) => real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
  }
}

function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
