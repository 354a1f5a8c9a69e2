// The real-world corpus (test/corpus, public repositories): linted whole, as a user would, with a real helm.
// Nothing on ordinary workloads, charts, kustomize inputs and CI configurations; one yaml-syntax diagnostic on a
// file that really does not parse; the expected findings on the restore examples (test/corpus/restore).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, json, ROOT, type JsonReport } from './helpers';
import { toolsOrReason } from '../support/k8sTools';

const CORPUS = path.join(ROOT, 'test', 'corpus');
const RESTORE = 'restore';

/** Files whose findings are expected, relative to test/corpus: rule ids they may get, and why. */
const KNOWN: Record<string, { rules: string[]; why: string }> = {
  'OpenLiberty+open-liberty-operator/internal/controller/tests/invalid-olo-signature.yaml': {
    rules: ['yaml-syntax'],
    why: 'an upstream test fixture that is deliberately not YAML: one diagnostic, never one per error',
  },
  // The OpenTelemetry eBPF instrumentation agent (smoke-collector-obi-unprivileged) adds CHECKPOINT_RESTORE but
  // restores no JVM: it gets no finding, like every ordinary workload.
};

const posix = (p: string) => p.split(path.sep).join('/');

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/i.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

describe('real-world corpus', () => {
  let report: JsonReport | undefined;
  let stderr = '';
  let code: number | null = null;
  // Corpus-relative path of a result: rendered templates keep their " (rendered)" suffix.
  const rel = (p: string) => posix(path.relative(CORPUS, path.resolve(ROOT, p)));

  before(async () => {
    const tools = await toolsOrReason();
    if (typeof tools === 'string') return; // each test says it is skipped; under CI=true toolsOrReason throws
    const r = cli(['lint', '-f', 'json', '--helm', tools.helm, 'test/corpus'], { cwd: ROOT });
    report = json(r);
    stderr = r.stderr;
    code = r.code;
  });

  test('the corpus is large and varied: 2,000+ documents from 10+ repositories', () => {
    const folders = fs.readdirSync(CORPUS).filter((f) => f.includes('+'));
    assert.ok(folders.length >= 10, folders.join(', '));
    let documents = 0;
    for (const f of yamlFiles(CORPUS)) documents += fs.readFileSync(f, 'utf8').split(/^---[ \t]*$/m).filter((d) => /^[^#\s]/m.test(d)).length;
    assert.ok(documents >= 2000, `${documents} documents`);
    for (const folder of folders) assert.ok(fs.readdirSync(path.join(CORPUS, folder)).some((n) => /^(LICENSE|COPYING)/.test(n)), `${folder} keeps its licence`);
  });

  test('ordinary workloads, charts and kustomize inputs get nothing (but the known files)', (t) => {
    if (!report) return t.skip('no helm');
    const unexpected: string[] = [];
    for (const file of report.files) {
      const where = rel(file.path);
      if (where.startsWith(`${RESTORE}/`)) continue;
      const known = KNOWN[where];
      for (const d of file.diagnostics) {
        if (!known?.rules.includes(d.code)) unexpected.push(`${where}:${d.range.start.line + 1} ${d.code}: ${d.message}`);
      }
    }
    assert.deepEqual(unexpected, []);
    const broken = report.files.find((f) => rel(f.path) === Object.keys(KNOWN)[0])!;
    assert.equal(broken.diagnostics.length, 1, 'a file that does not parse gets one yaml-syntax diagnostic');
  });

  test('charts are rendered, never parsed template by template; those helm cannot render get a note', (t) => {
    if (!report) return t.skip('no helm');
    const rendered = new Set(report.files.filter((f) => f.path.endsWith(' (rendered)')).map((f) => rel(f.path).replace(/\/templates\/.*$/, '')));
    assert.ok(rendered.size >= 10, [...rendered].join('\n'));
    // No template file is ever read as YAML on its own.
    assert.deepEqual(report.files.filter((f) => /\/templates\//.test(f.path) && !f.path.endsWith(' (rendered)')).map((f) => f.path), []);
    assert.ok(report.files.every((f) => !f.path.endsWith(' (rendered)') || f.diagnostics.every((d) => d.code !== 'yaml-syntax')));
    // Charts whose dependencies are not vendored: helm says to build them, and the run still exits clean.
    const notes = stderr.split('\n').filter((l) => l.startsWith('criu-portability: ') && l.includes(': not linted: '));
    assert.ok(notes.length > 0);
    for (const n of notes) assert.match(n, /helm dependency build/, n);
  });

  test('CI configurations (no Kubernetes object) get nothing, named explicitly', () => {
    const ci = [
      ...['argoproj+argo-cd/.github/workflows', 'open-telemetry+opentelemetry-operator/.github/workflows', 'strimzi+strimzi-kafka-operator/.azure/templates']
        .flatMap((d) => fs.readdirSync(path.join(CORPUS, d), { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join('test/corpus', d, f))),
    ];
    assert.ok(ci.length > 30, `${ci.length} CI files`);
    const r = cli(['lint', '-f', 'json', ...ci], { cwd: ROOT });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(json(r).files.filter((f) => f.diagnostics.length).map((f) => f.path), []);
  });

  test('restore examples get exactly their expected findings (test/corpus/restore/expected.json)', (t) => {
    const dir = path.join(CORPUS, RESTORE);
    if (!fs.existsSync(dir)) return t.skip('no restore examples yet');
    if (!report) return t.skip('no helm');
    const expectedFile = path.join(dir, 'expected.json');
    assert.ok(fs.existsSync(expectedFile), 'test/corpus/restore/ needs expected.json: each YAML file there (path relative to restore/) mapped to the rule ids it must get, [] for none (see test/corpus/README.md)');
    const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as Record<string, string[]>;
    const files = yamlFiles(dir).map((f) => posix(path.relative(dir, f)));
    assert.deepEqual(files.filter((f) => !(f in expected)), [], 'every restore example has its expectation in expected.json');
    const got = new Map<string, Set<string>>();
    for (const f of report.files) {
      const where = rel(f.path);
      if (!where.startsWith(`${RESTORE}/`)) continue;
      const key = where.slice(RESTORE.length + 1).replace(/ \(rendered\)$/, '');
      const set = got.get(key) ?? new Set<string>();
      for (const d of f.diagnostics) set.add(d.code);
      got.set(key, set);
    }
    for (const [file, rules] of Object.entries(expected)) {
      assert.deepEqual([...(got.get(file) ?? [])].sort(), [...rules].sort(), file);
    }
  });

  test('the run exits as the findings say (no errors but the known syntax error)', (t) => {
    if (!report) return t.skip('no helm');
    const errors = report.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map(() => rel(f.path)));
    assert.equal(code, errors.length ? 1 : 0);
  });
});
