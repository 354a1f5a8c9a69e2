// The size budget of docs/benchmarks.md#budgets: `dist/server.js` under 600 KB minified (the bench's verdict counts
// 600,000 B). `npm test` builds dist/ first; the editor loads this file on every start of the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers';

const SERVER_BUNDLE_BUDGET_BYTES = 600_000;

test(`dist/server.js stays under ${SERVER_BUNDLE_BUDGET_BYTES} B (run npm run build first)`, () => {
  const bytes = statSync(join(ROOT, 'dist', 'server.js')).size;
  assert.ok(bytes < SERVER_BUNDLE_BUDGET_BYTES, `dist/server.js is ${bytes} B; budget < ${SERVER_BUNDLE_BUDGET_BYTES} B. node scripts/bundle-report.mjs lists what it is made of`);
});
