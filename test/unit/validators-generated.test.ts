import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

test('the committed standalone validators match the schemas (run node scripts/gen-validators.mjs)', () => {
  const r = spawnSync(process.execPath, ['scripts/gen-validators.mjs', '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
