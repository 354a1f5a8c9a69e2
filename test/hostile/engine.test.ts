// The hostile-input suite (issue 15): generated huge and hostile files, each validated in a process of its own with
// the language server's heap flags. Alive (no crash, no stack overflow), ranges inside the document, fixes that
// still parse, peak RSS bounded. Scaled down to stay fast; `HOSTILE_SCALE=1` runs the sizes the issue names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from '../../server/src/protocol';
import { hostileCases } from './cases';

const SCALE = Number(process.env.HOSTILE_SCALE ?? 0.1);
/** The bench's budget for the server on hostile input (peakRssHostile5MBMB), here for the engine on its own. */
const RSS_BUDGET_MB = 400;

for (const c of hostileCases(SCALE)) {
  test(`hostile: ${c.name} (${(c.text.length / 1e6).toFixed(1)} MB)`, () => {
    const r = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, '--expose-gc', '--import', 'tsx', join(__dirname, 'child.ts'), c.name, String(SCALE)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      timeout: 120_000,
    });
    assert.equal(r.status, 0, `exit ${r.status} ${r.signal ?? ''}\n${r.stderr.slice(-2000)}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    assert.deepEqual(out.outside, [], 'ranges inside the document');
    assert.deepEqual(out.brokenFixes, [], 'fixes keep the YAML valid');
    assert.ok(out.peakRssMB <= RSS_BUDGET_MB, `peak RSS ${out.peakRssMB} MB`);
  });
}
