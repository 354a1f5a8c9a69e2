import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

test('the committed CRIU descriptors and capability table match what data/criu generates', () => {
  const script = join(__dirname, '..', '..', 'scripts', 'gen-criu.mjs');
  const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
