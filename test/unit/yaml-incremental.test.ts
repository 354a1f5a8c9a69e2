// The incremental re-parse (engine/yaml/incremental.ts) must be indistinguishable from parsing the whole text:
// same documents, node types, ranges, values, comments, errors and line starts, after random edits and chains
// of edits, on real files and on inputs built to cross document boundaries.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments, visit, isScalar, isAlias, isMap, isSeq, type Document } from 'yaml';
import { parseYaml, reusingParse, type ParsedYaml } from '../../server/src/engine/yaml/parse';

function dumpDocs(docs: Document.Parsed[]): unknown[] {
  return docs.map((doc) => {
    const nodes: unknown[] = [];
    visit(doc, (key, node) => {
      const n = (node ?? {}) as { range?: number[]; commentBefore?: string; comment?: string; anchor?: string };
      const type = isScalar(node) ? 'scalar' : isAlias(node) ? 'alias' : isMap(node) ? 'map' : isSeq(node) ? 'seq' : node ? 'pair' : 'null';
      const value = isScalar(node) ? String(node.value) : isAlias(node) ? node.source : undefined;
      nodes.push([String(key), type, n.range, value, n.commentBefore, n.comment, n.anchor]);
    });
    return {
      range: doc.range,
      comment: doc.comment,
      commentBefore: doc.commentBefore,
      errors: doc.errors.map((e) => [e.code, e.pos, e.message]),
      warnings: doc.warnings.map((e) => [e.code, e.pos]),
      nodes,
    };
  });
}

const dump = (p: ParsedYaml) => ({ docs: dumpDocs(p.documents), errors: p.errors, lines: p.lineCounter.lineStarts });

/**
 * What parseYaml computed before incremental parsing: one parseAllDocuments with the parser's line counter
 * (duplicate keys are found apart, in linear time: yaml-duplicate-keys.test.ts).
 */
function wholeParse(text: string) {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, keepSourceTokens: false, prettyErrors: false, uniqueKeys: false });
  return { docs: dumpDocs(Array.isArray(parsed) ? (parsed as Document.Parsed[]) : []), lines: lineCounter.lineStarts };
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

const TRICKY = [
  'a: |\n  text\n---\nb: 1\n',
  'a: [1, 2\n---\nb: {c: 1\n---\nd: 3\n',
  'a: "quoted\n---\nstill"\n---\nb: 1\n',
  '---\n&x a: 1\n---\nb: *x\n',
  'k: 1\r\n---\r\nk: 2\r\n',
  '\uFEFF# bom\n---\na: 1\n--- # c\nb: 2\n...\n---\nc: 3\n',
  '%YAML 1.2\n---\na: 1\n---\nb: 2\n',
  'a: 1\na: 2\n---\n- x\n- y\n---\n',
  '--- >\n  folded\n---\n---\n',
  '# only a comment\n',
  '',
];

const repoFiles = [...yamlFiles('examples'), ...yamlFiles('test/fixtures/kube')].map((p) => readFileSync(p, 'utf8'));
const bases = [...TRICKY, ...repoFiles];
const SNIPPETS = ['', 'a', ' ', '\n', '---\n', '\n---\n', '- ', ': ', '[', ']', '{', '}', '"', "'", '#', '&x ', '*x', '|\n', '\r\n', '...\n', '%Y\n', '\t', 'key: v\n'];

/** Deterministic PRNG (mulberry32): every run tests the same edits. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomEdit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const del = Math.min(text.length - at, Math.floor(r() * 6));
  return text.slice(0, at) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + text.slice(at + del);
}

describe('incremental YAML parse', () => {
  test('a fresh parse equals one parseAllDocuments of the whole text', () => {
    assert.ok(repoFiles.length > 5, 'the examples and fixtures are there');
    for (const text of bases) {
      const p = dump(parseYaml(text));
      assert.deepEqual({ docs: p.docs, lines: p.lines }, wholeParse(text), JSON.stringify(text.slice(0, 80)));
    }
  });

  test('after chains of random edits, reusing the previous parse equals parsing from scratch', () => {
    const r = rng(8);
    let checked = 0;
    for (const base of bases) {
      for (let chain = 0; chain < 6; chain++) {
        let text = base;
        let previous = parseYaml(text);
        for (let step = 0; step < 5; step++) {
          const next = randomEdit(text, r);
          const reused = reusingParse(previous, () => parseYaml(next));
          assert.deepEqual(dump(reused), dump(parseYaml(next)), `edit of ${JSON.stringify(text.slice(0, 60))} -> ${JSON.stringify(next.slice(0, 60))}`);
          text = next;
          previous = reused;
          checked++;
        }
      }
    }
    assert.ok(checked > 300);
  });

  test('reuses the unchanged documents: before the edit as they are, after it shifted', () => {
    const docs = Array.from({ length: 6 }, (_, i) => `# doc ${i}\nname: d${i}\nitems: [a, b]\n`);
    const text = docs.join('---\n');
    const first = parseYaml(text);
    const edited = text.replace('name: d2', 'name: d2-renamed');
    const second = reusingParse(first, () => parseYaml(edited));
    assert.equal(second.documents.length, 6);
    assert.equal(second.documents[0], first.documents[0]);
    assert.equal(second.documents[1], first.documents[1]);
    assert.notEqual(second.documents[2], first.documents[2]);
    assert.equal(second.documents[5], first.documents[5]);
    const d5 = second.documents[5].contents as { range: number[] };
    assert.equal(d5.range[0], edited.indexOf('name: d5'));
    assert.equal(first.chunks, undefined, 'the previous parse is consumed');
  });
});
