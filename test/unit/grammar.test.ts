// The manifest TextMate grammar, checked with vscode-tmgrammar-test against the annotated samples in
// test/grammar/ (each `#   ^^^ scope` line asserts the scopes of the line above it).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const grammarPath = path.join(root, 'syntaxes/criu-manifest.tmLanguage.json');
const cli = path.join(root, 'node_modules/vscode-tmgrammar-test/dist/unit.js');

function runGrammarTests(pattern: string): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [cli, '--compact', '-g', grammarPath, pattern], { cwd: root, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('criu-manifest grammar', () => {
  test('annotated samples in test/grammar pass', () => {
    const r = runGrammarTests('test/grammar/*.criu.yaml');
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /manifest\.criu\.yaml/);
    assert.match(r.output, /yaml-basics\.criu\.yaml/);
  });

  test('a wrong scope assertion fails (the harness really checks)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'grammar-'));
    try {
      const file = path.join(dir, 'wrong.criu.yaml');
      writeFileSync(file, [
        '# SYNTAX TEST "source.criu-manifest" "deliberately wrong"',
        'arch: sparc',
        '#     ^^^^^ constant.language.arch.criu-manifest',
        '',
      ].join('\n'));
      const r = runGrammarTests(file);
      assert.notEqual(r.status, 0, r.output);
      assert.match(r.output, /constant\.language\.arch\.criu-manifest/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('package.json contributes this grammar for the criu-manifest language', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const grammar = JSON.parse(readFileSync(grammarPath, 'utf8'));
    const entry = pkg.contributes.grammars.find((g: { language?: string }) => g.language === 'criu-manifest');
    assert.ok(entry, 'no grammar contribution for criu-manifest');
    assert.equal(entry.scopeName, grammar.scopeName);
    assert.equal(path.resolve(root, entry.path), grammarPath);
  });
});

describe('language-configuration.json', () => {
  const config = JSON.parse(readFileSync(path.join(root, 'language-configuration.json'), 'utf8'));

  test('uses # line comments like YAML', () => {
    assert.equal(config.comments.lineComment, '#');
  });

  test('wordPattern keeps feature names, policies and NFD labels whole', () => {
    const words = (text: string) => text.match(new RegExp(config.wordPattern, 'g'));
    assert.deepEqual(words('requires: [avx2, sse4.1, "OMR_FEATURE_X86_SSE4_1"]  # x'),
      ['requires', 'avx2', 'sse4.1', 'OMR_FEATURE_X86_SSE4_1', 'x']);
    assert.deepEqual(words('onIncompatibleCpu: cold-start'), ['onIncompatibleCpu', 'cold-start']);
    assert.deepEqual(words('- feature.node.kubernetes.io/cpu-cpuid.AVX2'),
      ['-', 'feature.node.kubernetes.io/cpu-cpuid.AVX2']);
  });

  test('an item line continues the sequence on Enter', () => {
    const rule = config.onEnterRules.find((r: { action: { appendText?: string } }) => r.action.appendText === '- ');
    const before = new RegExp(rule.beforeText);
    assert.ok(before.test('  - avx2'));
    assert.ok(!before.test('  - name: pool-a'), 'a mapping inside an item is not continued as a sequence');
    assert.ok(!before.test('requires:'));
  });
});
