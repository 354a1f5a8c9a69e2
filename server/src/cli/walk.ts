// Which files `lint PATHS...` reads: YAML files under each directory, honouring .gitignore files (from the
// repository root down) and the project config's `ignore` patterns, through the `ignore` package (the
// .gitignore matcher ESLint and Prettier use). Files named explicitly are always read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { ioCode, kindOf } from './readInput';
import { UsageError } from './usage';

export const YAML_FILE = /\.ya?ml$/i;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

/** Patterns that apply below `base` (a .gitignore's directory, or the config file's). */
interface Scope {
  base: string;
  rules: Ignore;
}

export interface WalkOptions {
  /** The config file's `ignore` patterns and its directory. */
  configIgnore?: { base: string; patterns: readonly string[] };
  /** Called after each directory with the number of files found so far (progress). */
  onProgress?: (found: number) => void;
  /** A YAML-named entry that was not linted, and why (a FIFO, a device, a symbolic link loop): one note each. */
  onSkip?: (file: string, why: string) => void;
}

/**
 * The files to lint. Directories are walked without following a symbolic link into a directory already walked (a
 * `self -> .` link, a loop between two directories), a file reached twice (through links) is linted once, and only
 * regular files are taken: FIFOs would block, devices never end. An unreadable directory or a path that is neither
 * a file nor a directory is a UsageError (one line, exit 2).
 */
export function collectFiles(inputs: readonly string[], options: WalkOptions = {}): string[] {
  const out: string[] = [];
  const seenFiles = new Set<string>();
  const walkedDirs = new Set<string>();
  const add = (file: string) => {
    const key = realpath(file) ?? path.resolve(file);
    if (!seenFiles.has(key)) {
      seenFiles.add(key);
      out.push(file);
    }
  };
  const configScope: Scope[] = options.configIgnore?.patterns.length
    ? [{ base: path.resolve(options.configIgnore.base), rules: ignore().add([...options.configIgnore.patterns]) }]
    : [];
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (e) {
      throw new UsageError(`cannot read ${input}: ${ioCode(e)}`);
    }
    if (stat.isFile()) {
      add(input);
      continue;
    }
    if (!stat.isDirectory()) throw new UsageError(`cannot lint ${input}: ${kindOf(stat)}, not a regular file or directory`);
    const scopes = [...configScope, ...gitignoresAbove(path.resolve(input))];
    walk(input, scopes, { add, walkedDirs, options, count: () => out.length });
  }
  return out;
}

interface WalkState {
  add: (f: string) => void;
  walkedDirs: Set<string>;
  options: WalkOptions;
  count: () => number;
}

interface Frame {
  dir: string;
  scopes: Scope[];
  entries?: fs.Dirent[];
  here?: Scope[];
  next: number;
}

/** Depth first in name order, as a recursion would go, with an explicit stack (directory depth is the input's). */
function walk(root: string, rootScopes: Scope[], state: WalkState): void {
  const stack: Frame[] = [{ dir: root, scopes: rootScopes, next: 0 }];
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (!frame.entries) {
      let real: string;
      try {
        real = fs.realpathSync(frame.dir);
      } catch (e) {
        throw new UsageError(`cannot read directory ${frame.dir}: ${ioCode(e)}`);
      }
      if (state.walkedDirs.has(real)) {
        stack.pop();
        if (frame.dir !== root) state.options.onSkip?.(frame.dir, 'a symbolic link to a directory already walked (a loop, or a second path to it)');
        continue;
      }
      state.walkedDirs.add(real);
      const own = readGitignore(path.resolve(frame.dir));
      frame.here = own ? [...frame.scopes, own] : frame.scopes;
      try {
        frame.entries = fs.readdirSync(frame.dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
      } catch (e) {
        throw new UsageError(`cannot read directory ${frame.dir}: ${ioCode(e)}`);
      }
    }
    if (frame.next >= frame.entries.length) {
      stack.pop();
      state.options.onProgress?.(state.count());
      continue;
    }
    const entry = frame.entries[frame.next++];
    // Dot entries (.git, .github, the config file itself) and node_modules hold nothing to lint.
    if (entry.name.startsWith('.') || ALWAYS_SKIPPED.has(entry.name)) continue;
    const child = path.join(frame.dir, entry.name);
    const target = entry.isSymbolicLink() ? statOrUndefined(child) : undefined;
    const isDir = entry.isDirectory() || !!target?.isDirectory();
    if (ignored(frame.here!, path.resolve(child), isDir)) continue;
    if (isDir) {
      stack.push({ dir: child, scopes: frame.here!, next: 0 });
      continue;
    }
    if (!YAML_FILE.test(entry.name)) continue;
    const regular = entry.isSymbolicLink() ? target?.isFile() : entry.isFile();
    if (regular) state.add(child);
    else state.options.onSkip?.(child, entry.isSymbolicLink() && !target ? 'a broken symbolic link' : `${kindOf(target ?? fs.lstatSync(child))}, not a regular file`);
  }
}

function realpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

function ignored(scopes: readonly Scope[], absolute: string, isDir: boolean): boolean {
  for (const s of scopes) {
    const rel = path.relative(s.base, absolute);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const posix = rel.split(path.sep).join('/');
    if (s.rules.ignores(isDir ? `${posix}/` : posix)) return true;
  }
  return false;
}

function readGitignore(dir: string): Scope | undefined {
  try {
    return { base: dir, rules: ignore().add(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return undefined;
  }
}

/** .gitignore files of the directories above `dir` up to the repository root (the one holding .git). */
function gitignoresAbove(dir: string): Scope[] {
  if (fs.existsSync(path.join(dir, '.git'))) return [];
  const chain: string[] = [];
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    chain.push(d);
    if (fs.existsSync(path.join(d, '.git'))) break;
    if (path.dirname(d) === d) return []; // Not in a repository: only .gitignore files from `dir` down apply.
  }
  return chain.reverse().map(readGitignore).filter((s): s is Scope => s !== undefined);
}
