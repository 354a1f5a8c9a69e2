// `npm run gen:settings`: writes the `criuPortability.rules` setting's schema in package.json from the rule list, so
// VS Code's settings.json editor suggests every rule id (with its description and default) and flags unknown ones.
// test/unit/settings-schema.test.ts fails when package.json is stale. Run with --check to only compare.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRuleMetas } from '../server/src/engine/rules';

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

export function rulesSettingSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const m of [...allRuleMetas()].sort((a, b) => a.id.localeCompare(b.id))) {
    properties[m.id] = {
      type: 'string',
      enum: SEVERITIES,
      markdownDescription: `${m.description} Default \`${m.defaultSeverity}\`.`,
    };
  }
  return {
    type: 'object',
    default: {},
    markdownDescription: 'Severity per rule id (`error`, `warning`, `info`, `hint` or `off`), for example `{ "restore-policy-missing": "error" }`. Each rule has a page in `docs/rules/` (click a diagnostic\'s code to open it).',
    properties,
    additionalProperties: false,
  };
}

const root = join(__dirname, '..');
const file = join(root, 'package.json');
const pkg = JSON.parse(readFileSync(file, 'utf8'));
const expected = rulesSettingSchema();
const current = pkg.contributes.configuration.properties['criuPortability.rules'];
if (process.argv.includes('--check')) {
  process.exitCode = JSON.stringify(current) === JSON.stringify(expected) ? 0 : 1;
} else if (require.main === module) {
  pkg.contributes.configuration.properties['criuPortability.rules'] = expected;
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}
