// The CLI on hostile input (issue 15): output for every finding of a huge file, and Helm output with 130,000
// `# Source:` sections, without a stack overflow or an internal error.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, tempProject } from '../cli/helpers';
import { hostileCases } from './cases';

const dir = tempProject({});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('130,000 `# Source:` sections: one result per rendered template, no stack overflow', () => {
  const c = hostileCases(1).find((x) => x.name.includes('# Source:'))!;
  const file = path.join(dir, 'rendered.yaml');
  fs.writeFileSync(file, c.text);
  // The report goes to a file: tens of megabytes are past what a test reads from a pipe.
  const out = path.join(dir, 'source.json');
  const r = cli(['lint', '--format', 'json', '-o', out, file]);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr.slice(0, 500)}`);
  assert.doesNotMatch(r.stderr, /internal error|Maximum call stack/);
  assert.equal((JSON.parse(fs.readFileSync(out, 'utf8')) as { files: unknown[] }).files.length, 130_001);
});

test('a one-line 1 MB manifest: all of its ~150,000 findings printed', () => {
  const c = hostileCases(1).find((x) => x.name.includes('one-line'))!;
  const file = path.join(dir, 'oneline.criu.yaml');
  fs.writeFileSync(file, c.text);
  const out = path.join(dir, 'oneline.txt');
  const r = cli(['lint', '-o', out, file]);
  assert.equal(r.code, 1, r.stderr.slice(0, 500));
  const errors = fs.readFileSync(out, 'utf8').split('\n').filter((l) => / error /.test(l)).length;
  assert.ok(errors > 140_000, String(errors));
});
