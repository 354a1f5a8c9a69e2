// The generated catalogue tables are written compactly (columns that follow from others left empty); the decoder
// must give back exactly the rows the generator computed from data/, row for row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { decodeFeatureRows, decodeMicroarchitectureRows } from '../../server/src/engine/catalog/tables';
import { FEATURE_TABLES, OMR_CONSTANT_PREFIX } from '../../server/src/engine/catalog/generated/features';
import { MICROARCHITECTURE_TABLE } from '../../server/src/engine/catalog/generated/microarchitectures';

const generated = (() => {
  const script = join(__dirname, '..', '..', 'scripts', 'gen-microarchitectures.mjs');
  const r = spawnSync(process.execPath, [script, '--rows'], { encoding: 'utf8', maxBuffer: 16 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { features: unknown[][]; microarchitectures: unknown[][] };
})();
/** The generator prints undefined cells as null. */
const asJson = (rows: readonly (readonly unknown[])[]) => rows.map((r) => r.map((c) => (c === undefined ? null : c)));

test('decoded feature rows equal the rows the generator computed, row for row', () => {
  const decoded = asJson(decodeFeatureRows(FEATURE_TABLES, OMR_CONSTANT_PREFIX));
  assert.equal(decoded.length, generated.features.length);
  decoded.forEach((row, i) => assert.deepEqual(row, generated.features[i], `feature row ${i}`));
});

test('decoded microarchitecture rows (features complete and sorted) equal the generator\'s, row for row', () => {
  const decoded = asJson(decodeMicroarchitectureRows(MICROARCHITECTURE_TABLE));
  assert.equal(decoded.length, generated.microarchitectures.length);
  decoded.forEach((row, i) => assert.deepEqual(row, generated.microarchitectures[i], `microarchitecture row ${i}`));
});
