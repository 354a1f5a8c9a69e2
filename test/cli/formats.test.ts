// Every output format on the same findings (test/fixtures/cli/sample.criu.yaml: 1 error, 2 warnings).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, cli, fixture, json, tempProject } from './helpers';
import { SARIF_SUBSET_SCHEMA } from './sarifSubsetSchema';

const SAMPLE = 'test/fixtures/cli/sample.criu.yaml';
const EXPECTED = [
  { code: 'feature-outside-baseline', severity: 'warning', line: 7, character: 11 },
  { code: 'restore-policy-missing', severity: 'warning', line: 8, character: 0 },
  { code: 'target-missing-features', severity: 'error', line: 10, character: 12 },
];

describe('lint output formats', () => {
  test('json: the ARCHITECTURE.md contract with LSP 0-based positions', () => {
    const r = cli(['lint', '--format', 'json', SAMPLE]);
    assert.equal(r.code, 1, r.stderr);
    const report = json(r);
    assert.equal(report.files.length, 1);
    assert.equal(report.files[0].path, SAMPLE);
    const got = report.files[0].diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.range.start.line, character: d.range.start.character }));
    assert.deepEqual(got, EXPECTED);
    for (const d of report.files[0].diagnostics) {
      assert.deepEqual(Object.keys(d).sort(), ['code', 'message', 'range', 'severity']);
      assert.ok(d.message.length > 10);
    }
  });

  test('text: a block per file, 1-based line:col, severity, message, rule id, and a summary line', () => {
    const r = cli(['lint', SAMPLE]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], SAMPLE);
    const rows = lines.slice(1, 4).map((l) => l.trim().split(/\s{2,}/));
    assert.deepEqual(rows.map((row) => [row[0], row[1], row[row.length - 1]]), EXPECTED.map((e) => [`${e.line + 1}:${e.character + 1}`, e.severity, e.code]));
    assert.equal(lines[lines.length - 1], '3 problems (1 error, 2 warnings) in 1 file.');
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when stdout is not a terminal');
  });

  test('text: FORCE_COLOR colours it, NO_COLOR always wins', () => {
    assert.match(cli(['lint', SAMPLE], { env: { FORCE_COLOR: '1' } }).stdout, /\u001b\[31merror/);
    assert.doesNotMatch(cli(['lint', SAMPLE], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, /\u001b\[/);
  });

  test('github: workflow commands with 1-based positions, one per finding', () => {
    const r = cli(['lint', '--format', 'github', SAMPLE]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    EXPECTED.forEach((e, i) => {
      const m = /^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^:]+)::(.+)$/.exec(lines[i]);
      assert.ok(m, lines[i]);
      assert.equal(m[1], e.severity);
      assert.equal(m[2], SAMPLE);
      assert.equal(Number(m[3]), e.line + 1);
      assert.equal(Number(m[4]), e.character + 1);
      assert.equal(m[7], `criu-portability ${e.code}`);
    });
    assert.match(r.stderr, /3 problems/);
  });

  test('github: messages and properties are escaped', () => {
    // A YAML error message spans nothing special; force one with a comma and colon in the file name instead.
    const r = cli(['lint', '--format', 'github', '--stdin-filename', 'a,b:c.criu.yaml', '-'], { input: 'arch: [\n' });
    assert.match(r.stdout, /file=a%2Cb%3Ac\.criu\.yaml,/);
  });

  test('sarif: 2.1.0 with every rule described and results pointing at them', () => {
    const r = cli(['lint', '--format', 'sarif', SAMPLE]);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    // No copy of the official SARIF 2.1.0 schema ships in node_modules (checked: node-sarif-builder and
    // @types/sarif carry none), so validate against the subset GitHub code scanning requires.
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(SARIF_SUBSET_SCHEMA, log);
    assert.ok(valid, JSON.stringify(ajv.errors, null, 2));
    const run = log.runs[0];
    const rules: { id: string; helpUri?: string; help: { markdown?: string }; defaultConfiguration: { level: string } }[] = run.tool.driver.rules;
    const ids = rules.map((x) => x.id);
    for (const id of ['target-missing-features', 'restore-policy-missing', 'unknown-feature', 'unused-suppression']) assert.ok(ids.includes(id), id);
    assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
    // helpUri depends on package.json's repository URL: see sarifHelpUri.test.ts.
    for (const rule of rules) if (rule.helpUri !== undefined) assert.match(rule.helpUri, new RegExp(`^https://.+/docs/rules/${rule.id}\\.md$`));
    assert.match(rules.find((x) => x.id === 'target-missing-features')!.help.markdown ?? '', /^# target-missing-features/);
    assert.equal(rules.find((x) => x.id === 'target-missing-features')!.defaultConfiguration.level, 'error');
    const results = run.results as { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[];
    assert.deepEqual(
      results.map((x) => [x.ruleId, x.level, x.locations[0].physicalLocation.region.startLine, x.locations[0].physicalLocation.region.startColumn]),
      EXPECTED.map((e) => [e.code, e.severity, e.line + 1, e.character + 1]),
    );
    for (const x of results) {
      assert.equal(rules[x.ruleIndex].id, x.ruleId);
      assert.deepEqual(x.locations[0].physicalLocation.artifactLocation, { uri: SAMPLE, uriBaseId: 'SRCROOT', index: 0 });
    }
    // The base id resolves: the cwd as a file:// URI ending in a slash.
    assert.deepEqual(run.originalUriBaseIds, { SRCROOT: { uri: pathToFileURL(ROOT).href + '/' } });
    assert.deepEqual(run.artifacts[0].location, { uri: SAMPLE, uriBaseId: 'SRCROOT' });
  });

  test('sarif: a file outside the cwd is an absolute file:// URI with no base id', () => {
    const dir = tempProject({ 'a b/sample.criu.yaml': fixture('sample.criu.yaml') });
    try {
      const r = cli(['lint', '-f', 'sarif', dir]);
      assert.equal(r.code, 1, r.stderr);
      const run = JSON.parse(r.stdout).runs[0];
      const expected = pathToFileURL(path.join(dir, 'a b', 'sample.criu.yaml')).href;
      assert.match(expected, /^file:\/\/\/.*a%20b\/sample\.criu\.yaml$/);
      assert.equal(run.results.length, 3);
      for (const x of run.results) assert.deepEqual(x.locations[0].physicalLocation.artifactLocation, { uri: expected, index: 0 });
      assert.deepEqual(run.artifacts[0].location, { uri: expected });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--output-file writes the report there and the summary to stderr', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const out = join(mkdtempSync(join(tmpdir(), 'criu-out-')), 'report.sarif');
    const r = cli(['lint', '-f', 'sarif', '-o', out, SAMPLE]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).version, '2.1.0');
    assert.match(r.stderr, /3 problems/);
  });
});
