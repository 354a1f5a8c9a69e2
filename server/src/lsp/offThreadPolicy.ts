// Which documents validate in the worker thread (offThread.ts) and which on the main thread. The main thread is
// better for what a person edits: the analysis it builds is the one hover, completion and code actions use, and an
// edit re-parses one document of a multi-document file (about 10 ms p50 for a 5,000-line file, against 13 ms and a
// longer tail through the worker, `npm run bench`). The worker is for what would hold requests up: a first parse
// costs about 350 ms per MB here, so past 256K characters, or past 16,000 YAML nodes (cost follows nodes: a one-line
// list of 50,000 names is small in bytes), the main thread would block for more than about 90 ms.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { estimateNodes } from '../engine/yaml/budget';

export const MAX_MAIN_THREAD_CHARS = 256 * 1024;
export const MAX_MAIN_THREAD_NODES = 16_000;

const decided = new WeakMap<TextDocument, { version: number; offThread: boolean }>();

export function validatesOffThread(doc: TextDocument): boolean {
  const text = doc.getText();
  if (text.length >= MAX_MAIN_THREAD_CHARS) return true;
  if (text.length < MAX_MAIN_THREAD_NODES) return false; // the estimate counts characters: it cannot reach the limit
  const hit = decided.get(doc);
  if (hit?.version === doc.version) return hit.offThread;
  const offThread = estimateNodes(text).total >= MAX_MAIN_THREAD_NODES;
  decided.set(doc, { version: doc.version, offThread });
  return offThread;
}
