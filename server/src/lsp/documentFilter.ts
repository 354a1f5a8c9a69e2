// Which open documents the server validates: YAML and manifests only (clients such as Neovim may attach the
// server to any buffer).
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function isCandidate(doc: TextDocument): boolean {
  if (doc.languageId === 'criu-manifest' || doc.languageId === 'yaml') return true;
  return /\.ya?ml$/i.test(doc.uri);
}
