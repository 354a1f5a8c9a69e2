// `criu-portability guard`: the CLI adapter around the engine's script generator.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CPUINFO, cli, tempProject } from './helpers';

const manifest = (runtime: string, policy: string, name = 'orders') => `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: ${name}
runtime: ${runtime}
arch: x86_64
requires: [avx2]
restore:
  onIncompatibleCpu: ${policy}
`;

const dir = tempProject({
  'liberty.criu.yaml': manifest('liberty', 'cold-start'),
  'openj9-cold.criu.yaml': manifest('openj9', 'cold-start'),
  'openj9-exit.criu.yaml': manifest('openj9', 'exit'),
  'two.criu.yaml': `${manifest('openj9', 'exit', 'a')}---\n${manifest('openj9', 'exit', 'b')}`,
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const at = (f: string) => path.join(dir, f);

test('liberty: the Open Liberty image commands are built in; the script judges a capture', () => {
  const r = cli(['guard', '--manifest', at('liberty.criu.yaml')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^#!\/bin\/sh\n/);
  assert.match(r.stdout, /guard_restore\(\) \{ exec '\/opt\/ol\/helpers\/runtime\/docker-server.sh' '\/opt\/ol\/wlp\/bin\/server' 'run' 'defaultServer'; \}/);
  assert.match(r.stdout, /guard_cold_start\(\) \{ exec .* 'defaultServer' '--clean'; \}/);
  const script = at('liberty.sh');
  fs.writeFileSync(script, r.stdout);
  const sh = (capture: string) => spawnSync('sh', [script, '--check-only', '--cpuinfo', path.join(CPUINFO, capture)], { encoding: 'utf8' });
  assert.equal(sh('linux-rhel7-haswell').status, 0);
  const no = sh('linux-rhel7-ivybridge');
  assert.equal(no.status, 3);
  assert.match(no.stdout, /orders: this host cannot restore it: this CPU lacks avx2\./);
});

test('--output writes an executable script; command options as JSON or words', () => {
  const out = at('guard.sh');
  const r = cli(['guard', '--manifest', at('openj9-cold.criu.yaml'), '--output', out,
    '--restore-command', '["criu","restore","-D","/check point"]', '--cold-start-command', 'java -jar /app.jar']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(fs.statSync(out).mode & 0o111, 0o111);
  const text = fs.readFileSync(out, 'utf8');
  assert.match(text, /exec 'criu' 'restore' '-D' '\/check point'/);
  assert.match(text, /exec 'java' '-jar' '\/app.jar'/);
});

test('no policy in the manifest: exit, said on stderr', () => {
  const noPolicy = at('nopolicy.criu.yaml');
  fs.writeFileSync(noPolicy, manifest('openj9', 'exit').replace(/restore:\n.*\n/, ''));
  const r = cli(['guard', '--manifest', noPolicy]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /sets no restore.onIncompatibleCpu: the script exits 3/);
  assert.match(r.stdout, /guard_policy='exit'/);
});

test('usage errors exit 2 with one line', () => {
  const cases: [string[], RegExp][] = [
    [['guard'], /--manifest FILE is required/],
    [['guard', '--manifest', at('missing.criu.yaml')], /cannot read .*ENOENT/],
    [['guard', '--manifest', at('openj9-cold.criu.yaml')], /policy cold-start needs the command that starts orders without the checkpoint/],
    [['guard', '--manifest', at('openj9-exit.criu.yaml'), '--policy', 'maybe'], /--policy must be exit or cold-start/],
    [['guard', '--manifest', at('openj9-exit.criu.yaml'), '--restore-command', '["java", 1]'], /non-empty JSON array of strings/],
    [['guard', '--manifest', at('openj9-exit.criu.yaml'), '--restore-command', '[oops'], /not a JSON array/],
    [['guard', '--manifest', at('two.criu.yaml')], /holds 2 manifests; choose one with --name \(a, b\)/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
  assert.equal(cli(['guard', '--manifest', at('two.criu.yaml'), '--name', 'b']).code, 0);
});
