// Helm charts (folders with a Chart.yaml) in `lint`: never parsed template by template. With a real helm (4.1.4,
// from the devDependency that ships it) the chart is rendered and its output linted, findings mapped back to the
// templates through `# Source:`; without helm, one note per chart and a clean exit.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli, FIXTURES, json, tempProject } from './helpers';
import { toolsOrSkip } from '../support/k8sTools';

const CHARTS = path.join(FIXTURES, 'charts');
const SHOP = path.join(CHARTS, 'shop');
const rel = (p: string) => path.relative(process.cwd(), p);
const DEPLOYMENT = `${rel(SHOP)}/templates/deployment.yaml (rendered)`;
// No helm on this PATH (node is run by absolute path).
const NO_HELM = { PATH: '/nonexistent' };

const temps: string[] = [];
after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('Helm charts with helm', () => {
  test('the chart is rendered and linted; findings name the template "(rendered)", lines counted from its # Source:', async (t) => {
    const helm = (await toolsOrSkip(t))?.helm;
    if (!helm) return;
    const r = cli(['lint', '-f', 'json', '--helm', helm, rel(CHARTS)], { cwd: process.cwd() });
    assert.equal(r.code, 0, r.stderr);
    const files = json(r).files;
    // Every template rendered, the subchart's under its own folder; no template parsed as YAML.
    assert.deepEqual(files.map((f) => f.path).sort(), [
      `${rel(SHOP)}/charts/db/templates/statefulset.yaml (rendered)`,
      DEPLOYMENT,
      `${rel(SHOP)}/templates/service.yaml (rendered)`,
    ]);
    assert.ok(files.every((f) => f.diagnostics.every((d) => d.code !== 'yaml-syntax')));
    const deployment = files.find((f) => f.path === DEPLOYMENT)!;
    const pin = deployment.diagnostics.find((d) => d.code === 'arch-not-pinned');
    assert.ok(pin, JSON.stringify(deployment));
    // Rendered: `# Source:` is line 0; `- name: orders` is line 21 of the rendered document.
    assert.equal(pin.range.start.line, 21);
    for (const other of files.filter((f) => f.path !== DEPLOYMENT)) assert.deepEqual(other.diagnostics, [], other.path);
  });

  test('--values files are passed to helm: the pinned render has no arch-not-pinned', async (t) => {
    const helm = (await toolsOrSkip(t))?.helm;
    if (!helm) return;
    const r = cli(['lint', '-f', 'json', '--helm', helm, '--values', path.join(SHOP, 'values-pinned.yaml'), SHOP]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(json(r).files.every((f) => f.diagnostics.every((d) => d.code !== 'arch-not-pinned')), r.stdout);
  });

  test('helm on PATH is found without --helm', async (t) => {
    const helm = (await toolsOrSkip(t))?.helm;
    if (!helm) return;
    const r = cli(['lint', '-f', 'json', SHOP], { env: { PATH: `${path.dirname(helm)}${path.delimiter}/usr/bin:/bin` } });
    assert.ok(json(r).files.some((f) => f.path.endsWith('templates/deployment.yaml (rendered)')), r.stderr);
  });

  test('github and SARIF annotate the template file (line 1), naming the rendered line', async (t) => {
    const helm = (await toolsOrSkip(t))?.helm;
    if (!helm) return;
    const gh = cli(['lint', '-f', 'github', '--helm', helm, rel(SHOP)]);
    const line = gh.stdout.split('\n').find((l) => l.includes('arch-not-pinned'))!;
    assert.match(line, new RegExp(`^::warning file=${rel(SHOP)}/templates/deployment\\.yaml,line=1,`));
    assert.match(line, /::[^:]*deployment\.yaml \(rendered\), line 22: /);
    const sarif = JSON.parse(cli(['lint', '-f', 'sarif', '--helm', helm, rel(SHOP)]).stdout);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'arch-not-pinned');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, `${rel(SHOP)}/templates/deployment.yaml`);
    assert.equal(result.locations[0].physicalLocation.region.startLine, 1);
  });

  test('a chart helm cannot render is a note naming helm\'s reason, not a crash', async (t) => {
    const helm = (await toolsOrSkip(t))?.helm;
    if (!helm) return;
    const dir = tempProject({
      'bad/Chart.yaml': 'apiVersion: v2\nname: bad\nversion: 0.1.0\n',
      'bad/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ required "name is required" .Values.name }}\n',
    });
    temps.push(dir);
    const r = cli(['lint', '--helm', helm, 'bad'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /bad: not linted: helm template failed: .*name is required/);
    assert.match(r.stdout, /No files checked: 1 Helm chart not linted/);
  });

  test('helm is run without a shell: a chart folder named with shell syntax is only a path', async (t) => {
    const helm = (await toolsOrSkip(t))?.helm;
    if (!helm) return;
    const name = 'c;touch pwned;$(touch pwned2)';
    const dir = tempProject({
      [`${name}/Chart.yaml`]: 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
      [`${name}/templates/cm.yaml`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Chart.Name }}\n',
    });
    temps.push(dir);
    const r = cli(['lint', '-f', 'json', '--helm', helm, name], { cwd: dir });
    assert.deepEqual(json(r).files.map((f) => f.path), [`${name}/templates/cm.yaml (rendered)`]);
    assert.ok(!fs.existsSync(path.join(dir, 'pwned')) && !fs.existsSync(path.join(dir, 'pwned2')));
  });

  test('a helm that hangs is stopped after --helm-timeout, with a note', () => {
    const dir = tempProject({ 'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n', 'c/templates/x.yaml': 'a: 1\n' });
    temps.push(dir);
    const slow = path.join(dir, 'slow-helm');
    fs.writeFileSync(slow, '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
    const started = Date.now();
    const r = cli(['lint', '--helm', slow, '--helm-timeout', '0.5', 'c'], { cwd: dir });
    assert.ok(Date.now() - started < 20_000);
    assert.match(r.stderr, /c: not linted: helm template did not finish within 0\.5 s/);
    assert.equal(r.code, 0);
  });
});

describe('Helm charts without helm', () => {
  test('one note per chart on how to lint the rendered output; exit as if clean; no template parsed', () => {
    const r = cli(['lint', '-f', 'json', rel(CHARTS)], { env: NO_HELM });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(json(r).files, []);
    const notes = r.stderr.split('\n').filter((l) => l.includes('is a Helm chart'));
    assert.equal(notes.length, 1, r.stderr); // the subchart belongs to its parent: one chart, one note
    assert.match(notes[0], new RegExp(`${rel(SHOP)} is a Helm chart.*--helm PATH.*helm template ${rel(SHOP)} \\| criu-portability lint -`));
    assert.match(r.stderr, /No files checked: 1 Helm chart not linted/);
  });

  test('a template named explicitly is still part of its chart, never parsed as YAML', () => {
    const r = cli(['lint', '-f', 'json', path.join(SHOP, 'templates', 'deployment.yaml')], { env: NO_HELM });
    assert.deepEqual(json(r).files, []);
    assert.match(r.stderr, /is a Helm chart/);
  });

  test('files beside a chart, and those in its folder that helm does not read, are linted as usual', () => {
    const dir = tempProject({
      'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
      'chart/values.yaml': 'image: {{ x\n',
      'chart/values-prod.yaml': 'image: y\n',
      'chart/templates/x.yaml': 'kind: {{ x\n',
      'chart/crds/crd.yaml': 'apiVersion: v1\nkind: {{ x\n',
      'chart/charts/sub/templates/y.yaml': 'kind: {{ y\n',
      'chart/examples/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e\n',
      'plain/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
    });
    temps.push(dir);
    const r = cli(['lint', '-f', 'json', '.'], { cwd: dir, env: NO_HELM });
    assert.deepEqual(json(r).files.map((f) => f.path), ['chart/examples/cm.yaml', 'plain/cm.yaml']);
    assert.equal(r.stderr.split('\n').filter((l) => l.includes('is a Helm chart')).length, 1);
  });

  test('--helm naming nothing executable is a usage error', () => {
    const r = cli(['lint', '--helm', path.join(os.tmpdir(), 'no-such-helm'), SHOP]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--helm: no executable at/);
  });
});
