// The project speaks for itself: no file points readers at a design document that is not in the repository
// (a "DESIGN" section sign), and no user-facing text uses the internal shorthand "R" for the features the checkpoint needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter((f) => f && !/\.(png|ico|gz|tgz|zst)$/.test(f));
const marker = ['DESIGN', '§'].join(' ');

test('no file cites the design document', () => {
  const hits = files.filter((f) => readFileSync(join(root, f), 'utf8').includes(marker));
  assert.deepEqual(hits, []);
});

test('docs and README never say "R" for the features the checkpoint needs', () => {
  const prose = files.filter((f) => /^(docs\/.*|README)\.md$/.test(f) || f === 'README.md');
  const hits = prose.flatMap((f) =>
    readFileSync(join(root, f), 'utf8').split('\n').map((line, i) => [f, i + 1, line] as const)
      .filter(([, , line]) => /(^|[\s(])R([\s).,;:]|$)/.test(line.replace(/\(R\)/g, ''))),
  );
  assert.deepEqual(hits, []);
});
