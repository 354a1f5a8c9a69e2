// The progress line: stderr only, only on a terminal, only for large trees, cleared at the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Progress, PROGRESS_THRESHOLD } from '../../server/src/cli/progress';
import { summaryLine } from '../../server/src/cli/results';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream, written };
}

test('on a terminal, a large tree shows a progress line that is cleared at the end', () => {
  const { stream, written } = fakeStream(true);
  const p = new Progress(stream);
  p.update('Linting', 1, PROGRESS_THRESHOLD + 1);
  p.update('Linting', PROGRESS_THRESHOLD + 1, PROGRESS_THRESHOLD + 1);
  assert.match(written[0], /Linting 1\/201 files/);
  assert.match(written[written.length - 1], /201\/201/);
  p.clear();
  assert.equal(written[written.length - 1], '\r\u001b[2K');
});

test('small trees and non-terminals show nothing', () => {
  const small = fakeStream(true);
  new Progress(small.stream).update('Linting', 3, 10);
  assert.deepEqual(small.written, []);
  const pipe = fakeStream(false);
  const p = new Progress(pipe.stream);
  p.update('Linting', 1, 5000);
  p.clear();
  assert.deepEqual(pipe.written, []);
});

test('summary line', () => {
  assert.equal(summaryLine({ files: 1, filesWithProblems: 0, errors: 0, warnings: 0, infos: 0, hints: 0 }), 'No problems in 1 file.');
  assert.equal(summaryLine({ files: 3, filesWithProblems: 3, errors: 1, warnings: 2, infos: 1, hints: 0 }), '4 problems (1 error, 2 warnings, 1 info) in 3 files.');
});
