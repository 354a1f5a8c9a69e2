// Which open documents the server validates: YAML and manifests only (clients such as Neovim may attach the
// server to any buffer). Helm chart templates are not YAML until rendered (`{{ }}`), so they get nothing: the
// Helm extension's `helm` language, or any file under a chart's templates/ folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function isCandidate(doc: TextDocument): boolean {
  if (doc.languageId === 'helm' || isHelmTemplate(doc.uri)) return false;
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
