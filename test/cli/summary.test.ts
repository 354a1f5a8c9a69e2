// The summary line counts the files that had problems against the files checked.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { summaryLine, totalsOf } from '../../server/src/cli/results';
import type { Finding } from '../../server/src/engine/types';
import { cli, fixture, tempProject } from './helpers';

const temps: string[] = [];
after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const finding = (severity: Finding['severity']): Finding =>
  ({ ruleId: 'unknown-feature', severity, message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });

test('totals count the files that had problems', () => {
  const t = totalsOf([
    { path: 'a', findings: [finding('error'), finding('warning')] },
    { path: 'b', findings: [] },
    { path: 'c', findings: [finding('hint')] },
  ]);
  assert.equal(t.files, 3);
  assert.equal(t.filesWithProblems, 2);
});

test('summary says "in N of M files" when only some files had problems', () => {
  assert.equal(summaryLine({ files: 15, filesWithProblems: 6, errors: 5, warnings: 10, infos: 0, hints: 0 }), '15 problems (5 errors, 10 warnings) in 6 of 15 files.');
  assert.equal(summaryLine({ files: 2, filesWithProblems: 1, errors: 1, warnings: 0, infos: 0, hints: 0 }), '1 problem (1 error, 0 warnings) in 1 of 2 files.');
  // Every file had problems: no "of".
  assert.equal(summaryLine({ files: 3, filesWithProblems: 3, errors: 3, warnings: 0, infos: 0, hints: 0 }), '3 problems (3 errors, 0 warnings) in 3 files.');
  assert.equal(summaryLine({ files: 1, filesWithProblems: 1, errors: 1, warnings: 0, infos: 0, hints: 0 }), '1 problem (1 error, 0 warnings) in 1 file.');
  assert.equal(summaryLine({ files: 4, filesWithProblems: 0, errors: 0, warnings: 0, infos: 0, hints: 0 }), 'No problems in 4 files.');
});

test('lint on a tree where one of three files has problems says so, in text and on stderr for other formats', () => {
  const dir = tempProject({ 'a.criu.yaml': fixture('sample.criu.yaml'), 'b.criu.yaml': fixture('clean.criu.yaml'), 'c.criu.yaml': fixture('clean.criu.yaml') });
  temps.push(dir);
  const text = cli(['lint', '.'], { cwd: dir });
  assert.equal(text.stdout.trimEnd().split('\n').pop(), '3 problems (1 error, 2 warnings) in 1 of 3 files.');
  assert.match(cli(['lint', '-f', 'json', '.'], { cwd: dir }).stderr, /^3 problems \(1 error, 2 warnings\) in 1 of 3 files\.$/m);
});

test('a folder without YAML files says so rather than "No problems in 0 files", and is not an error', () => {
  assert.equal(summaryLine({ files: 0, filesWithProblems: 0, errors: 0, warnings: 0, infos: 0, hints: 0 }), 'No YAML files found to check (.yaml, .yml).');
  const dir = tempProject({ 'docs/page.md': '# Page\n', 'docs/img/x.png': '' });
  temps.push(dir);
  const r = cli(['lint', 'docs/'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'No YAML files found to check (.yaml, .yml).\n');
});
