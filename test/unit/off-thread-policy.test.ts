// Which documents the server validates in its worker thread: past 256K characters or 16,000 YAML nodes. A 5,000-line
// Kubernetes file (150 KB) stays on the main thread, where an edit re-parses one document and hover shares the parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validatesOffThread } from '../../server/src/lsp/offThreadPolicy';
import { kubeFileOfLines } from '../../bench/generate';

const doc = (text: string, version = 1) => TextDocument.create('file:///w/x.yaml', 'yaml', version, text);

test('a 5,000-line Kubernetes file validates on the main thread', () => {
  const text = kubeFileOfLines(5000).text;
  assert.ok(text.length > 128 * 1024, 'larger than the old 128K limit');
  assert.equal(validatesOffThread(doc(text)), false);
});

test('past 256K characters, or a smaller file of many nodes, validates in the worker', () => {
  assert.equal(validatesOffThread(doc(kubeFileOfLines(9000).text)), true);
  const names = `requires: [${Array.from({ length: 20_000 }, (_, i) => `f${i}`).join(', ')}]\n`;
  assert.ok(names.length < 200_000);
  assert.equal(validatesOffThread(doc(names)), true);
});

test('the decision follows the document version', () => {
  const d = doc('a: 1\n'.repeat(5000));
  assert.equal(validatesOffThread(d), false);
  TextDocument.update(d, [{ text: `b: [${'x,'.repeat(20_000)}]\n` }], 2);
  assert.equal(validatesOffThread(d), true);
});
