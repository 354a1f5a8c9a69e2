// Which open documents the server validates: YAML and manifests only (clients such as Neovim may attach the
// server to any buffer). Helm chart templates are not YAML until rendered (`{{ }}`), so they get nothing: the
// Helm extension's `helm` language, or any file under a chart's templates/ folder. Nor do kustomize inputs: a
// kustomization file, or a patch a kustomization in its folder or the two above names.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { KUSTOMIZATION_FILE, patchPaths } from '../engine/kube/kustomization';

export function isCandidate(doc: TextDocument): boolean {
  if (doc.languageId === 'helm' || isHelmTemplate(doc.uri) || isKustomizeInput(doc.uri)) return false;
  if (doc.languageId === 'criu-manifest' || doc.languageId === 'yaml') return true;
  return /\.ya?ml$/i.test(doc.uri);
}

/** Chart folders seen (a Chart.yaml beside templates/); a chart rarely appears or vanishes while editing. */
const chartDirs = new Map<string, boolean>();

export function isHelmTemplate(uri: string): boolean {
  if (!uri.startsWith('file:') || !/\/templates\//.test(uri)) return false;
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch {
    return false;
  }
  for (let dir = path.dirname(file); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'templates') continue;
    const chart = path.dirname(dir);
    let known = chartDirs.get(chart);
    if (known === undefined) {
      known = fs.existsSync(path.join(chart, 'Chart.yaml'));
      chartDirs.set(chart, known);
    }
    if (known) return true;
  }
  return false;
}

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** Patches named per kustomization file, kept while the file's mtime stays the same. */
const patchesOf = new Map<string, { mtimeMs: number; patches: Set<string> }>();

export function isKustomizeInput(uri: string): boolean {
  if (!uri.startsWith('file:')) return false;
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch {
    return false;
  }
  if (KUSTOMIZATION_FILE.test(path.basename(file))) return true;
  let dir = path.dirname(file);
  for (let up = 0; up < 3; up++, dir = path.dirname(dir)) {
    for (const name of KUSTOMIZATION_NAMES) {
      if (patchesNamedBy(path.join(dir, name))?.has(file)) return true;
    }
    if (path.dirname(dir) === dir) break;
  }
  return false;
}

function patchesNamedBy(kustomization: string): Set<string> | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(kustomization);
  } catch {
    return undefined;
  }
  const known = patchesOf.get(kustomization);
  if (known && known.mtimeMs === stat.mtimeMs) return known.patches;
  let patches = new Set<string>();
  try {
    const dir = path.dirname(kustomization);
    patches = new Set(patchPaths(fs.readFileSync(kustomization, 'utf8')).map((p) => path.resolve(dir, p)));
  } catch {
    // unreadable: names nothing
  }
  patchesOf.set(kustomization, { mtimeMs: stat.mtimeMs, patches });
  return patches;
}
