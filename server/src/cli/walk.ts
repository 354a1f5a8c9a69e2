// Which files `lint PATHS...` reads: YAML files under each directory, honouring .gitignore files (from the
// repository root down) and the project config's `ignore` patterns, through the `ignore` package (the
// .gitignore matcher ESLint and Prettier use). Files named explicitly are always read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

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
}

export function collectFiles(inputs: readonly string[], options: WalkOptions = {}): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = path.resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(file);
    }
  };
  const configScope: Scope[] = options.configIgnore?.patterns.length
    ? [{ base: path.resolve(options.configIgnore.base), rules: ignore().add([...options.configIgnore.patterns]) }]
    : [];
  for (const input of inputs) {
    if (fs.statSync(input).isFile()) {
      add(input);
      continue;
    }
    const scopes = [...configScope, ...gitignoresAbove(path.resolve(input))];
    walk(input, scopes, add, options.onProgress, () => out.length);
  }
  return out;
}

function walk(dir: string, scopes: Scope[], add: (f: string) => void, onProgress: WalkOptions['onProgress'], count: () => number): void {
  const own = readGitignore(path.resolve(dir));
  const here = own ? [...scopes, own] : scopes;
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    // Dot entries (.git, .github, the config file itself) and node_modules hold nothing to lint.
    if (entry.name.startsWith('.') || ALWAYS_SKIPPED.has(entry.name)) continue;
    const child = path.join(dir, entry.name);
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(child));
    if (ignored(here, path.resolve(child), isDir)) continue;
    if (isDir) walk(child, here, add, onProgress, count);
    else if (YAML_FILE.test(entry.name)) add(child);
  }
  onProgress?.(count());
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
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
