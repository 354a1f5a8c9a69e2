// Helm-rendered input (`# Source:` comments): findings are about the rendered output, never about a line of
// the template file (which holds `{{ }}` and unexpanded values). Text and JSON name the template as
// "(rendered)"; github and SARIF annotate the input actually read, at its line, naming the template.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { helmSections, inputLocation, splitRendered } from '../../server/src/cli/helm';
import type { Finding } from '../../server/src/engine/types';
import { cli, fixture, json, tempProject } from './helpers';

const RENDERED = fixture('helm/rendered.yaml');
const ORDERS = 'shop/templates/orders-manifest.yaml';
const PAYMENTS = 'shop/templates/payments-manifest.yaml';
// 1-based lines in rendered.yaml of `requires: [avx2]` and `baseline: haswel`.
const ORDERS_INPUT_LINE = RENDERED.split('\n').indexOf('requires: [avx2]') + 1;
const PAYMENTS_INPUT_LINE = RENDERED.split('\n').indexOf('baseline: haswel') + 1;

const temps: string[] = [];
after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('Helm-rendered input', () => {
  test('fixture sanity: the findings sit on different lines in the input than within their templates', () => {
    assert.equal(ORDERS_INPUT_LINE, 8);
    assert.equal(PAYMENTS_INPUT_LINE, 20);
  });

  test('text: blocks are headed "<template> (rendered)", never the bare template path', () => {
    const r = cli(['lint', '-'], { input: RENDERED });
    assert.equal(r.code, 1, r.stderr);
    const headings = r.stdout.split('\n').filter((l) => l && !l.startsWith(' '));
    assert.deepEqual(headings.slice(0, 2), [`${ORDERS} (rendered)`, `${PAYMENTS} (rendered)`]);
  });

  test('github: annotations go on the input named by --stdin-filename at its own line, the template named in title and message', () => {
    const r = cli(['lint', '-f', 'github', '--stdin-filename', 'out/rendered.yaml', '-'], { input: RENDERED });
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.doesNotMatch(r.stdout, /file=shop/);
    const orders = lines.find((l) => l.includes('feature-outside-baseline'))!;
    assert.match(orders, new RegExp(`^::warning file=out/rendered\\.yaml,line=${ORDERS_INPUT_LINE},`));
    assert.match(orders, /title=[^:]*shop\/templates\/orders-manifest\.yaml \(rendered\)/);
    assert.match(orders, /::shop\/templates\/orders-manifest\.yaml \(rendered\): /);
    const payments = lines.find((l) => l.includes('unknown-microarchitecture'))!;
    assert.match(payments, new RegExp(`file=out/rendered\\.yaml,line=${PAYMENTS_INPUT_LINE},`));
  });

  test('github: a rendered file linted by path is the annotated file', () => {
    const dir = tempProject({ 'rendered.yaml': RENDERED });
    temps.push(dir);
    const r = cli(['lint', '-f', 'github', 'rendered.yaml'], { cwd: dir });
    assert.match(r.stdout, new RegExp(`^::warning file=rendered\\.yaml,line=${ORDERS_INPUT_LINE},`, 'm'));
  });

  test('sarif: results locate the input at its line; the template is named in the message only', () => {
    const r = cli(['lint', '-f', 'sarif', '--stdin-filename', 'rendered.yaml', '-'], { input: RENDERED });
    const results = JSON.parse(r.stdout).runs[0].results as { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    assert.deepEqual(
      results.map((x) => [x.ruleId, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine]),
      [
        ['feature-outside-baseline', 'rendered.yaml', ORDERS_INPUT_LINE],
        ['unknown-microarchitecture', 'rendered.yaml', PAYMENTS_INPUT_LINE],
      ],
    );
    assert.match(results[0].message.text, /^shop\/templates\/orders-manifest\.yaml \(rendered\): /);
    assert.doesNotMatch(r.stdout, /"uri": "shop\//);
  });

  test('json: lines stay counted within each rendered template', () => {
    const files = json(cli(['lint', '-f', 'json', '-'], { input: RENDERED })).files;
    const orders = files.find((f) => f.path === `${ORDERS} (rendered)`)!;
    // The `# Source:` comment is line 0 (as in `helm template --show-only`), so `requires:` is line 6.
    assert.equal(orders.diagnostics[0].range.start.line, 6);
  });
});

describe('splitRendered / inputLocation', () => {
  const at = (line: number): Finding => ({ ruleId: 'unknown-key', severity: 'warning', message: 'm', range: { start: { line, character: 2 }, end: { line, character: 5 } } });
  // Helm orders documents by kind, so one template's documents need not be adjacent.
  const text = ['x: 1', '---', '# Source: c/templates/a.yaml', 'a: 1', '---', '# Source: c/templates/b.yaml', 'b: 1', '---', '# Source: c/templates/a.yaml', 'k: 1', 'a: 2'].join('\n');

  test("each finding counts lines from its own document's comment, and maps back to its input line", () => {
    const results = splitRendered(helmSections(text), [at(0), at(3), at(10)], 'in.yaml');
    assert.deepEqual(results.map((r) => [r.path, r.findings.map((f) => f.range.start.line)]), [
      ['in.yaml', [0]],
      ['c/templates/a.yaml (rendered)', [1, 2]],
      ['c/templates/b.yaml (rendered)', []],
    ]);
    const a = results[1];
    assert.deepEqual([0, 1].map((i) => inputLocation(a, i).range), [at(3).range, at(10).range]);
    assert.equal(inputLocation(a, 1).path, 'in.yaml');
    assert.equal(inputLocation(a, 1).message, 'c/templates/a.yaml (rendered): m');
    // Before the first `# Source:`: the input itself, unchanged.
    assert.deepEqual(inputLocation(results[0], 0), { path: 'in.yaml', range: at(0).range, message: 'm' });
  });
});
