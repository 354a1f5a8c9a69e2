// lint: exit codes, stdin, walking (.gitignore, config ignore), Helm mapping, config precedence, suppression.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, fixture, json, tempProject } from './helpers';

const SAMPLE = 'test/fixtures/cli/sample.criu.yaml';
const CLEAN = 'test/fixtures/cli/clean.criu.yaml';
const temps: string[] = [];
const project = (files: Record<string, string>) => {
  const dir = tempProject(files);
  temps.push(dir);
  return dir;
};
after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const codes = (r: ReturnType<typeof cli>) => json(r).files.flatMap((f) => f.diagnostics.map((d) => `${d.code}:${d.severity}`));

describe('exit codes', () => {
  test('0 when clean, 1 with an error', () => {
    assert.equal(cli(['lint', CLEAN]).code, 0);
    assert.equal(cli(['lint', SAMPLE]).code, 1);
  });

  test('warnings alone exit 0, or 1 once they exceed --max-warnings', () => {
    const args = ['lint', '--rule', 'target-missing-features=off', SAMPLE];
    assert.equal(cli(args).code, 0);
    assert.equal(cli([...args, '--max-warnings', '2']).code, 0);
    const over = cli([...args, '--max-warnings', '1']);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /too many warnings \(2\)/);
  });

  test('--quiet reports errors only, so warnings no longer count', () => {
    const r = cli(['lint', '-f', 'json', '--quiet', SAMPLE]);
    assert.deepEqual(codes(r), ['target-missing-features:error']);
    assert.equal(cli(['lint', '--quiet', '--max-warnings', '0', '--rule', 'target-missing-features=off', SAMPLE]).code, 0);
  });

  test('2 for usage errors', () => {
    for (const args of [
      ['lint'],
      ['lint', '--format', 'xml', SAMPLE],
      ['lint', '--bogus', SAMPLE],
      ['lint', 'no/such/path.yaml'],
      ['lint', '--max-warnings', 'many', SAMPLE],
      ['lint', '--rule', 'no-such-rule=error', SAMPLE],
      ['lint', '--rule', 'unknown-key=loud', SAMPLE],
      ['frobnicate'],
      [],
    ]) {
      const r = cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.ok(r.stderr.length > 0);
    }
  });

  test('an unknown --rule id gets a suggestion', () => {
    assert.match(cli(['lint', '--rule', 'unknown-featur=off', SAMPLE]).stderr, /did you mean unknown-feature/);
  });
});

describe('inputs', () => {
  test('- reads standard input; --stdin-filename names it and decides that it is a manifest', () => {
    const r = cli(['lint', '-f', 'json', '--stdin-filename', 'piped.criu.yaml', '-'], { input: fixture('sample.criu.yaml') });
    assert.equal(r.code, 1);
    assert.equal(json(r).files[0].path, 'piped.criu.yaml');
    assert.equal(json(r).files[0].diagnostics.length, 3);
    assert.equal(json(cli(['lint', '-f', 'json', '-'], { input: fixture('sample.criu.yaml') })).files[0].path, '<stdin>');
  });

  test('directories are walked for YAML, honouring .gitignore and the config ignore patterns', () => {
    const dir = project({
      '.gitignore': 'generated/\n',
      'sub/.gitignore': 'local-*.yaml\n',
      '.criu-portability.yaml': 'ignore:\n  - vendor/\n',
      'a.criu.yaml': fixture('sample.criu.yaml'),
      'sub/b.criu.yml': fixture('clean.criu.yaml'),
      'sub/local-c.criu.yaml': fixture('sample.criu.yaml'),
      'generated/d.criu.yaml': fixture('sample.criu.yaml'),
      'vendor/e.criu.yaml': fixture('sample.criu.yaml'),
      'notes.txt': 'not yaml',
      'node_modules/f.criu.yaml': fixture('sample.criu.yaml'),
    });
    const r = cli(['lint', '-f', 'json', '.'], { cwd: dir });
    assert.deepEqual(json(r).files.map((f) => f.path.split(path.sep).join('/')), ['a.criu.yaml', 'sub/b.criu.yml']);
  });

  test('a .gitignore above the linted directory applies up to the repository root', () => {
    const dir = project({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'charts/vendor/\n', 'charts/vendor/x.criu.yaml': fixture('sample.criu.yaml'), 'charts/own.criu.yaml': fixture('clean.criu.yaml') });
    const r = cli(['lint', '-f', 'json', 'charts'], { cwd: dir });
    assert.deepEqual(json(r).files.map((f) => f.path.split(path.sep).join('/')), ['charts/own.criu.yaml']);
  });

  test('Helm-rendered input is reported against the rendered templates, lines counted within each template', () => {
    const r = cli(['lint', '-f', 'json', '-'], { input: fixture('helm/rendered.yaml') });
    assert.equal(r.code, 1, r.stderr);
    const files = json(r).files;
    const byPath = new Map(files.map((f) => [f.path, f.diagnostics]));
    assert.deepEqual([...byPath.keys()].sort(), ['shop/templates/orders-manifest.yaml (rendered)', 'shop/templates/payments-manifest.yaml (rendered)', 'shop/templates/service.yaml (rendered)']);
    const orders = byPath.get('shop/templates/orders-manifest.yaml (rendered)')!;
    assert.deepEqual(orders.map((d) => [d.code, d.range.start.line]), [['feature-outside-baseline', 6]]);
    const payments = byPath.get('shop/templates/payments-manifest.yaml (rendered)')!;
    assert.deepEqual(payments.map((d) => [d.code, d.range.start.line]), [['unknown-microarchitecture', 6]]);
    assert.deepEqual(byPath.get('shop/templates/service.yaml (rendered)'), []);
  });

  test('Helm mapping in the github format names the template, but annotates the input at its own line (more in helm.test.ts)', () => {
    const r = cli(['lint', '-f', 'github', '-'], { input: fixture('helm/rendered.yaml') });
    assert.match(r.stdout, /^::warning file=<stdin>,line=8,[^:]*shop\/templates\/orders-manifest\.yaml \(rendered\)/m);
  });
});

describe('configuration', () => {
  const sample = fixture('sample.criu.yaml');

  test('.criu-portability.yaml found upward from the working directory sets severities, off included', () => {
    const dir = project({ '.criu-portability.yaml': 'rules:\n  target-missing-features: warning\n  restore-policy-missing: off\n', 'deep/er/s.criu.yaml': sample });
    const r = cli(['lint', '-f', 'json', 's.criu.yaml'], { cwd: path.join(dir, 'deep', 'er') });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(codes(r), ['feature-outside-baseline:warning', 'target-missing-features:warning']);
  });

  test('--rule overrides the config file', () => {
    const dir = project({ '.criu-portability.yaml': 'rules:\n  target-missing-features: warning\n  feature-outside-baseline: off\n', 's.criu.yaml': sample });
    const r = cli(['lint', '-f', 'json', '--rule', 'target-missing-features=error', '--rule', 'feature-outside-baseline=info', 's.criu.yaml'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.deepEqual(codes(r), ['feature-outside-baseline:info', 'restore-policy-missing:warning', 'target-missing-features:error']);
  });

  test('--config names the file explicitly', () => {
    const dir = project({ 'conf/strict.yaml': 'rules:\n  restore-policy-missing: error\n', 's.criu.yaml': fixture('sample.criu.yaml') });
    const r = cli(['lint', '-f', 'json', '--config', 'conf/strict.yaml', 's.criu.yaml'], { cwd: dir });
    assert.ok(codes(r).includes('restore-policy-missing:error'));
    assert.equal(cli(['lint', '--config', 'conf/missing.yaml', 's.criu.yaml'], { cwd: dir }).code, 2);
  });

  test('an invalid config is a usage error (exit 2) naming file, line and problem', () => {
    const dir = project({ '.criu-portability.yaml': 'rules:\n  unknown-feature: loud\n  target-missing-feature: off\nignores: []\n', 's.criu.yaml': sample });
    const r = cli(['lint', 's.criu.yaml'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.criu-portability\.yaml:4:1: \(top level\): unknown key 'ignores'/);
    assert.match(r.stderr, /\.criu-portability\.yaml:2:20: rules\.unknown-feature: must be one of "error", "warning", "info", "hint", "off"/);
    const unknownRule = project({ '.criu-portability.yaml': 'rules:\n  target-missing-feature: off\n', 's.criu.yaml': sample });
    const r2 = cli(['lint', 's.criu.yaml'], { cwd: unknownRule });
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /:2:3: rules: unknown rule id 'target-missing-feature'\. Did you mean `target-missing-features`\?/);
  });

  test('a config key that is a list is reported once, as a config error, without a runtime warning from the YAML library', () => {
    const dir = project({ '.criu-portability.yaml': 'rules:\n  ? [a, b]\n  : error\n', 's.criu.yaml': sample });
    const r = cli(['lint', 's.criu.yaml'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /rules: '\[ a, b \]' is not a rule id/);
    assert.doesNotMatch(r.stderr, /Warning|stringified|trace-warnings/);
  });
});

describe('suppression', () => {
  test('a disable-next-line comment suppresses the listed rules on the next line', () => {
    const text = fixture('sample.criu.yaml').replace('requires: [avx2]', '# criu-portability-disable-next-line feature-outside-baseline\nrequires: [avx2]');
    const r = cli(['lint', '-f', 'json', '--stdin-filename', 's.criu.yaml', '-'], { input: text });
    assert.deepEqual(codes(r), ['restore-policy-missing:warning', 'target-missing-features:error']);
  });

  test('unused suppressions are reported as warnings with --report-unused only', () => {
    const file = 'test/fixtures/cli/suppressed.criu.yaml';
    assert.deepEqual(codes(cli(['lint', '-f', 'json', file])), []);
    const r = cli(['lint', '-f', 'json', '--report-unused', file]);
    assert.equal(r.code, 0);
    const d = json(r).files[0].diagnostics;
    // Line 5 suppresses nothing at all; on line 8 feature-outside-baseline is used, duplicate-feature is not.
    assert.deepEqual(d.map((x) => [x.code, x.severity, x.range.start.line]), [['unused-suppression', 'warning', 5], ['unused-suppression', 'warning', 8]]);
    assert.match(d[0].message, /unknown-key/);
    assert.match(d[1].message, /^duplicate-feature in this suppression/);
    assert.equal(cli(['lint', '--report-unused', '--max-warnings', '0', file]).code, 1);
  });

  test('the Kubernetes annotation criu-portability.io/ignore-<id> suppresses that rule on the object', () => {
    const manifest = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: orders\nimage: registry.example.com/orders\narch: x86_64\nbaseline: haswell\nrestore:\n  onIncompatibleCpu: exit\n';
    const deployment = (annotations: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\n${annotations}spec:\n  replicas: 1\n  selector:\n    matchLabels: { app: orders }\n  template:\n    metadata:\n      labels: { app: orders }\n    spec:\n      containers:\n        - name: orders\n          image: registry.example.com/orders:1.0\n          securityContext:\n            allowPrivilegeEscalation: false\n`;
    const dir = project({ 'orders.criu.yaml': manifest, 'deploy.yaml': deployment('') });
    const before = json(cli(['lint', '-f', 'json', '.'], { cwd: dir })).files.find((f) => f.path === 'deploy.yaml')!.diagnostics;
    // The container runs the manifest's image with allowPrivilegeEscalation: false: a silent engine fails here.
    const id = 'restore-privilege-escalation-disabled';
    assert.ok(before.some((d) => d.code === id), `${id} expected: ${JSON.stringify(before)}`);
    fs.writeFileSync(path.join(dir, 'deploy.yaml'), deployment(`  annotations:\n    criu-portability.io/ignore-${id}: "accepted for this test"\n`));
    const afterAnnotation = json(cli(['lint', '-f', 'json', '.'], { cwd: dir })).files.find((f) => f.path === 'deploy.yaml')!.diagnostics;
    assert.ok(!afterAnnotation.some((d) => d.code === id), `${id} still reported: ${JSON.stringify(afterAnnotation)}`);
  });
});
