// package.json stays in sync with the engine: the `criuPortability.rules` schema lists exactly the rule ids (so VS
// Code suggests them and flags unknown ones), and every contributed command is registered by the client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRuleMetas } from '../../server/src/engine/rules';
import { rulesSettingSchema } from '../../scripts/gen-settings';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('criuPortability.rules suggests every rule id and nothing else (npm run gen:settings)', () => {
  const schema = pkg.contributes.configuration.properties['criuPortability.rules'];
  assert.deepEqual(Object.keys(schema.properties).sort(), allRuleMetas().map((m) => m.id).sort());
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(schema, rulesSettingSchema(), 'package.json is stale: run npm run gen:settings');
});

test('the settings, commands and walkthrough are titled "CRIU Portability" / "CRIU"', () => {
  assert.equal(pkg.contributes.configuration.title, 'CRIU Portability');
  for (const c of pkg.contributes.commands) assert.equal(c.category, 'CRIU', c.command);
  assert.match(pkg.contributes.walkthroughs[0].title, /CRIU Portability/);
});

test('every contributed command is registered by the client, and every walkthrough file exists', () => {
  const commands = readFileSync(join(root, 'client', 'src', 'commands.ts'), 'utf8') + readFileSync(join(root, 'server', 'src', 'protocol.ts'), 'utf8') + readFileSync(join(root, 'client', 'src', 'rulePages.ts'), 'utf8');
  for (const c of pkg.contributes.commands) assert.ok(commands.includes(`'${c.command}'`), c.command);
  for (const step of pkg.contributes.walkthroughs[0].steps) readFileSync(join(root, step.media.markdown), 'utf8');
});
