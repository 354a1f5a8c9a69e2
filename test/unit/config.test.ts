// .criu-portability.yaml: parsing and validation (engine), and the language server's per-folder store.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mergeSeverities, parseProjectConfig } from '../../server/src/engine/config/index';
import { ProjectConfigStore } from '../../server/src/lsp/projectConfig';

describe('parseProjectConfig', () => {
  test('reads rules (off included), ignore patterns and defaults', () => {
    const { config, errors } = parseProjectConfig('rules:\n  unknown-key: off\n  restore-policy-missing: error\nignore: [vendor/, "**/*.gen.yaml"]\ndefaults:\n  arch: amd64\n  baseline: x86_64_v3\n');
    assert.deepEqual(errors, []);
    assert.deepEqual(config, { rules: { 'unknown-key': 'off', 'restore-policy-missing': 'error' }, ignore: ['vendor/', '**/*.gen.yaml'], defaults: { arch: 'x86_64', baseline: 'x86_64_v3' } });
  });

  test('an empty file is the empty config', () => {
    assert.deepEqual(parseProjectConfig(''), { config: { rules: {}, ignore: [], defaults: {} }, errors: [] });
  });

  test('schema errors point at the offending node', () => {
    const { errors } = parseProjectConfig('rules:\n  unknown-key: loud\nignore: vendor/\nextra: 1\n');
    const byLine = new Map(errors.map((e) => [e.range?.start.line, e.message]));
    assert.match(byLine.get(1)!, /rules\.unknown-key: must be one of/);
    assert.match(byLine.get(2)!, /ignore: must be array/);
    assert.match(byLine.get(3)!, /unknown key 'extra'/);
    assert.deepEqual(errors.find((e) => /extra/.test(e.message))!.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } });
  });

  test('unknown rule ids are errors with a suggestion; known ones still apply', () => {
    const { config, errors } = parseProjectConfig('rules:\n  unknown-key: off\n  unknwn-feature: error\n');
    assert.deepEqual(config.rules, { 'unknown-key': 'off' });
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /unknown rule id 'unknwn-feature'\. Did you mean `unknown-feature`\?/);
  });

  test('a baseline of another arch than defaults.arch is an error', () => {
    const { errors } = parseProjectConfig('defaults:\n  arch: s390x\n  baseline: haswell\n');
    assert.match(errors[0].message, /haswell is x86_64, defaults\.arch is s390x/);
  });

  test('YAML syntax errors are reported with their position', () => {
    const { errors } = parseProjectConfig('rules: [\n');
    assert.equal(errors.length > 0, true);
    assert.ok(errors[0].range);
  });

  test('mergeSeverities: later layers win per rule', () => {
    assert.deepEqual(mergeSeverities({ a: 'off', b: 'error' }, undefined, { b: 'hint' }), { a: 'off', b: 'hint' });
  });
});

describe('ProjectConfigStore (language server)', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const folder = (config?: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'criu-cfg-'));
    dirs.push(dir);
    if (config !== undefined) fs.writeFileSync(path.join(dir, '.criu-portability.yaml'), config);
    return dir;
  };
  const uri = (dir: string, rel: string) => pathToFileURL(path.join(dir, rel)).href;

  async function until(check: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(check(), what);
  }

  test('each folder uses its own config; settings override it per rule; ignore patterns apply', () => {
    const a = folder('rules:\n  unknown-key: off\n  duplicate-feature: error\nignore: [generated/]\n');
    const b = folder();
    const store = new ProjectConfigStore(() => undefined, () => undefined, false);
    store.setFolders([pathToFileURL(a).href, pathToFileURL(b).href]);
    assert.deepEqual(store.severitiesFor(uri(a, 'x.criu.yaml'), { 'duplicate-feature': 'hint' }), { 'unknown-key': 'off', 'duplicate-feature': 'hint' });
    assert.deepEqual(store.severitiesFor(uri(b, 'x.criu.yaml')), {});
    assert.equal(store.isIgnored(uri(a, 'generated/y.yaml')), true);
    assert.equal(store.isIgnored(uri(a, 'src/y.yaml')), false);
    assert.equal(store.isIgnored(uri(b, 'generated/y.yaml')), false);
    store.dispose();
  });

  test('an invalid config is logged and its valid parts still apply', () => {
    const a = folder('rules:\n  unknown-key: off\n  no-such-rule: error\n');
    const logs: string[] = [];
    const store = new ProjectConfigStore((m) => logs.push(m), () => undefined, false);
    store.setFolders([pathToFileURL(a).href]);
    assert.deepEqual(store.severitiesFor(uri(a, 'x.criu.yaml')), { 'unknown-key': 'off' });
    assert.match(logs.join('\n'), /no-such-rule/);
    store.dispose();
  });

  test('a change to the file reloads it (fs.watch) and calls onChange', async () => {
    const a = folder('rules:\n  unknown-key: off\n');
    let changes = 0;
    const store = new ProjectConfigStore(() => undefined, () => changes++);
    store.setFolders([pathToFileURL(a).href]);
    fs.writeFileSync(path.join(a, '.criu-portability.yaml'), 'rules:\n  unknown-key: error\n');
    await until(() => store.severitiesFor(uri(a, 'x.yaml'))['unknown-key'] === 'error', 'reloaded after the edit');
    assert.ok(changes >= 1);
    fs.rmSync(path.join(a, '.criu-portability.yaml'));
    await until(() => store.severitiesFor(uri(a, 'x.yaml'))['unknown-key'] === undefined, 'defaults after deletion');
    store.dispose();
  });

  test('didChangeWatchedFiles events for the config reload it too', async () => {
    const a = folder('rules:\n  unknown-key: off\n');
    const store = new ProjectConfigStore(() => undefined, () => undefined, false);
    store.setFolders([pathToFileURL(a).href]);
    fs.writeFileSync(path.join(a, '.criu-portability.yaml'), 'rules:\n  unknown-key: info\n');
    assert.equal(store.handleWatchedFile(uri(a, 'other.yaml')), false);
    assert.equal(store.handleWatchedFile(uri(a, '.criu-portability.yaml')), true);
    await until(() => store.severitiesFor(uri(a, 'x.yaml'))['unknown-key'] === 'info', 'reloaded after the event');
    store.dispose();
  });
});
