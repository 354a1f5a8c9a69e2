import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../../server/src/lsp/analysisCache';

const doc = (name: string, version = 1, text = 'a: 1\n') => TextDocument.create(`file:///w/${name}.yaml`, 'yaml', version, text);

describe('AnalysisCache', () => {
  test('one analysis per (uri, version)', () => {
    const cache = new AnalysisCache();
    const a = cache.get(doc('a'));
    assert.equal(cache.get(doc('a')), a);
    assert.notEqual(cache.get(doc('a', 2)), a);
    assert.equal(cache.size, 1);
  });

  test('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new AnalysisCache({ maxEntries: 2, maxChars: 1e9 });
    const a = cache.get(doc('a'));
    cache.get(doc('b'));
    assert.equal(cache.get(doc('a')), a); // a is now the most recent
    cache.get(doc('c')); // drops b
    assert.equal(cache.size, 2);
    assert.equal(cache.get(doc('a')), a);
    const b = cache.get(doc('b')); // parsed again
    assert.equal(cache.get(doc('b')), b);
    assert.equal(cache.size, 2);
  });

  test('keeps at most maxChars of text, but always the newest entry', () => {
    const cache = new AnalysisCache({ maxEntries: 100, maxChars: 10 });
    const a = cache.get(doc('a', 1, 'a: 1\n'));
    cache.get(doc('b', 1, 'b: 1\n'));
    assert.equal(cache.size, 2);
    const big = cache.get(doc('big', 1, 'x: 12345678901234567890\n'));
    assert.equal(cache.size, 1);
    assert.equal(cache.get(doc('big', 1, 'x: 12345678901234567890\n')), big);
    assert.notEqual(cache.get(doc('a', 1, 'a: 1\n')), a);
  });

  test('evict forgets a closed document and its size', () => {
    const cache = new AnalysisCache({ maxEntries: 100, maxChars: 14 });
    cache.get(doc('a', 1, 'a: 12345\n'));
    cache.evict('file:///w/a.yaml');
    assert.equal(cache.size, 0);
    cache.get(doc('b', 1, 'b: 1234\n'));
    cache.get(doc('c', 1, 'c: 1\n'));
    assert.equal(cache.size, 2); // 8 + 5 <= 14 only if a's 9 chars are no longer counted
  });
});

describe('AnalysisCache and incremental parsing', () => {
  test('a new version reuses the unchanged documents of the version it replaces', () => {
    const cache = new AnalysisCache();
    const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
    const v1 = cache.get(TextDocument.create('file:///w/m.yaml', 'yaml', 1, text));
    const edited = text.replace('b: 2', 'b: 22');
    const v2 = cache.get(TextDocument.create('file:///w/m.yaml', 'yaml', 2, edited));
    assert.equal(v2.yaml.documents[0], v1.yaml.documents[0]);
    assert.notEqual(v2.yaml.documents[1], v1.yaml.documents[1]);
    assert.equal(v2.yaml.documents[2], v1.yaml.documents[2]);
    assert.equal((v2.yaml.documents[2].contents as { range: number[] }).range[0], edited.indexOf('c: 3'));
  });
});
