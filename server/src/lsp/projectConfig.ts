// `.criu-portability.yaml` at each workspace folder root, for the language server: the same file the CLI
// reads, so the editor and CI agree. VS Code settings override it per rule. Each folder is watched
// (fs.watch on the folder, since editors replace files on save), and `didChangeWatchedFiles` events for
// the file are honoured too; a change reloads it and revalidates open documents.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ignore, { type Ignore } from 'ignore';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, formatConfigErrors, mergeSeverities, parseProjectConfig, type ProjectConfig } from '../engine/config/index';
import type { SeveritySetting } from '../engine/types';

interface FolderConfig {
  dir: string;
  config: ProjectConfig;
  ignore: Ignore;
  watcher?: fs.FSWatcher;
}

const RELOAD_DELAY_MS = 50;

export class ProjectConfigStore {
  private folders: FolderConfig[] = [];
  private reloadTimer: NodeJS.Timeout | undefined;

  /** `onChange` runs after a reload that changed something; `log` receives invalid-config reports. */
  constructor(
    private readonly log: (message: string) => void,
    private readonly onChange: () => void,
    private readonly watch = true,
  ) {}

  /** Workspace folder URIs (file: only; other schemes have no config on disk). */
  setFolders(folderUris: readonly string[]): void {
    this.dispose();
    const dirs = folderUris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    // Longest first, so nested folders win for the documents inside them.
    this.folders = dirs.sort((a, b) => b.length - a.length).map((dir) => this.load(dir));
    if (this.watch) for (const f of this.folders) f.watcher = this.watchFolder(f.dir);
  }

  /** For `workspace/didChangeWatchedFiles`: true when the event concerned a config file. */
  handleWatchedFile(uri: string): boolean {
    if (!uri.startsWith('file:') || path.basename(fileURLToPath(uri)) !== CONFIG_FILE_NAME) return false;
    this.scheduleReload();
    return true;
  }

  /** The config that applies to a document (its workspace folder's), or the empty config. */
  configFor(uri: string): ProjectConfig {
    return this.folderOf(uri)?.config ?? EMPTY_CONFIG;
  }

  /** Project config severities with the editor's settings on top (settings win per rule). */
  severitiesFor(uri: string, settingsRules?: Readonly<Record<string, SeveritySetting | undefined>>): Record<string, SeveritySetting> {
    return mergeSeverities(this.configFor(uri).rules, settingsRules);
  }

  /** Whether the config's `ignore` patterns exclude the document. */
  isIgnored(uri: string): boolean {
    const folder = this.folderOf(uri);
    if (!folder || !uri.startsWith('file:')) return false;
    const rel = path.relative(folder.dir, fileURLToPath(uri));
    return !!rel && !rel.startsWith('..') && folder.ignore.ignores(rel.split(path.sep).join('/'));
  }

  dispose(): void {
    for (const f of this.folders) f.watcher?.close();
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = undefined;
  }

  private folderOf(uri: string): FolderConfig | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const file = fileURLToPath(uri);
    return this.folders.find((f) => file === f.dir || file.startsWith(f.dir.endsWith(path.sep) ? f.dir : f.dir + path.sep));
  }

  private load(dir: string): FolderConfig {
    const file = path.join(dir, CONFIG_FILE_NAME);
    let config = EMPTY_CONFIG;
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      // No config file: defaults.
    }
    if (text !== undefined) {
      const parsed = parseProjectConfig(text);
      config = parsed.config;
      if (parsed.errors.length) {
        this.log(`criu-portability: ${pathToFileURL(file).href} is invalid; ignoring what is invalid in it:\n${formatConfigErrors(file, parsed.errors)}`);
      }
    }
    return { dir, config, ignore: ignore().add([...config.ignore]) };
  }

  private watchFolder(dir: string): fs.FSWatcher | undefined {
    try {
      const watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (name === null || name.toString() === CONFIG_FILE_NAME) this.scheduleReload();
      });
      watcher.on('error', () => watcher.close());
      return watcher;
    } catch {
      return undefined; // Watching is best effort (didChangeWatchedFiles still works).
    }
  }

  private scheduleReload(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      let changed = false;
      this.folders = this.folders.map((old) => {
        const next = this.load(old.dir);
        next.watcher = old.watcher;
        if (JSON.stringify(next.config) !== JSON.stringify(old.config)) changed = true;
        return next;
      });
      if (changed) this.onChange();
    }, RELOAD_DELAY_MS);
  }
}
