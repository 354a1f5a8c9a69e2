// The generated guard script run by real shells: Debian's dash, busybox sh with nothing but busybox applets on
// PATH (what an Alpine image has), and bash (UBI). On every real capture its verdict must equal the engine's own
// check-host verdict; it must exec the restore command with its arguments intact, start cold or exit 3 as the
// policy says, and survive hostile arguments.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine';
import { generateGuard, type GuardOptions } from '../../server/src/engine/guard/script';
import { parseAny } from '../../server/src/engine/probe/index';
import { verdictFor } from '../../server/src/cli/checkHost';
import { CPUINFO, ROOT } from './helpers';

interface Shell {
  name: string;
  /** argv to run a script file with. */
  argv: string[];
  env: NodeJS.ProcessEnv;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'criu-guard-'));
const shells: Shell[] = [];
const absent: string[] = [];

function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = path.join(dir, cmd);
    if (dir && fs.existsSync(p)) return p;
  }
  return undefined;
}

before(() => {
  const dash = which('dash');
  if (dash) shells.push({ name: 'dash', argv: [dash], env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' } });
  else absent.push('dash');
  const busybox = which('busybox');
  if (busybox) {
    // Only busybox applets on PATH: sed, grep, tr, cat are busybox's own, as in an Alpine image.
    const bin = path.join(work, 'busybox-bin');
    fs.mkdirSync(bin);
    const applets = spawnSync(busybox, ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const a of applets) fs.symlinkSync(busybox, path.join(bin, a));
    shells.push({ name: 'busybox sh', argv: [path.join(bin, 'sh')], env: { PATH: bin } });
  } else absent.push('busybox');
  const bash = which('bash');
  if (bash) shells.push({ name: 'bash --posix', argv: [bash, '--posix'], env: { PATH: '/usr/bin:/bin' } });
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

test('dash and busybox are installed (CI installs them: .ci/run)', (t) => {
  if (absent.length === 0) return;
  // A developer machine may lack them; CI must not, or the shell tests would silently test nothing.
  if (process.env.CI === 'true') assert.fail(`missing ${absent.join(', ')}: apt-get install dash busybox`);
  t.skip(`missing ${absent.join(', ')}`);
});

function writeScript(manifestText: string, options: GuardOptions = {}): string {
  const analysis = analyze('file:///guard-test.criu.yaml', manifestText);
  const result = generateGuard(analysis.manifests[0]!, options);
  if (!result.ok) throw new Error(result.error);
  const file = path.join(work, `guard-${Math.random().toString(36).slice(2)}.sh`);
  fs.writeFileSync(file, result.script);
  return file;
}

function run(shell: Shell, script: string, args: string[]) {
  const r = spawnSync(shell.argv[0]!, [...shell.argv.slice(1), script, ...args], { env: shell.env, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const manifest = (arch: string, requires: string, extra = '') => `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: svc
arch: ${arch}
requires: [${requires}]
restore:
  onIncompatibleCpu: exit
${extra}`;

// The repository's examples (one per arch, real R with baselines and glibc) and requirement sets chosen so that
// some captures pass and others fail, in several spellings.
const MANIFESTS: Record<string, string> = {
  ...Object.fromEntries(
    fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.criu.yaml')).map((f) => [f, fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8')]),
  ),
  'x86 avx2+bmi2': manifest('x86_64', 'avx2, bmi2'),
  'x86 avx512f': manifest('x86_64', 'AVX512F'),
  'x86 sha spellings': manifest('x86_64', 'sha_ni, sse4.1, SSE3'),
  'x86-64-v3 baseline': manifest('x86_64', 'movbe', 'baseline: x86-64-v3\n'),
  'aarch64 atomics': manifest('aarch64', 'atomics, crc32'),
  'aarch64 sve': manifest('aarch64', 'sve'),
  'power9 isa': manifest('ppc64le', 'arch_3_00, vsx'),
  'power10 isa': manifest('ppc64le', 'arch_3_1, mma'),
  'power htm spelling': manifest('ppc64le', 'htm-nosc'),
  'z15 vector': manifest('s390x', 'vxe2, vxp'),
  'z14 facility only': manifest('s390x', 'mi_e2, gs'),
  'z16 nnpa': manifest('s390x', 'nnpa'),
};

const CAPTURES = fs.readdirSync(CPUINFO).filter((f) => f.startsWith('linux-'));

describe('the guard agrees with check-host on every capture', () => {
  for (const [label, text] of Object.entries(MANIFESTS)) {
    test(label, () => {
      assert.ok(shells.length > 0 || process.env.CI !== 'true', 'no shell to run the guard');
      const ctx = analyze('file:///guard-test.criu.yaml', text).manifests[0]!;
      const script = writeScript(text);
      for (const capture of CAPTURES) {
        const file = path.join(CPUINFO, capture);
        const verdict = verdictFor(ctx, parseAny(fs.readFileSync(file, 'utf8')));
        for (const shell of shells) {
          const r = run(shell, script, ['--check-only', '--cpuinfo', file]);
          const where = `${label} on ${capture} under ${shell.name}: ${r.stdout}${r.stderr}`;
          assert.equal(r.code, verdict.ok ? 0 : 3, where);
          if (verdict.ok || verdict.archMismatch) continue;
          const named = /lacks ([^.]*)\./.exec(r.stdout)?.[1]?.trim().split(/\s+/).sort() ?? [];
          assert.deepEqual(named, verdict.missing.map((m) => m.feature).sort(), where);
        }
      }
    });
  }

  test('live: this machine, as check-host sees it', () => {
    const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
    for (const text of [MANIFESTS['x86 avx2+bmi2']!, MANIFESTS['x86 avx512f']!, MANIFESTS['aarch64 atomics']!]) {
      const ctx = analyze('file:///guard-test.criu.yaml', text).manifests[0]!;
      const ok = verdictFor(ctx, parseAny(cpuinfo)).ok;
      const script = writeScript(text);
      for (const shell of shells) assert.equal(run(shell, script, ['--check-only']).code, ok ? 0 : 3, shell.name);
    }
  });
});

// Arguments that break naive quoting: quotes, $(...), backticks, globs, newlines, leading dashes, empty words.
const HOSTILE = ["it's", 'say "hi"', '$(touch /tmp/pwned)', '`id`', '*', '-e', '', 'two\nlines', '\\', '$HOME', ';exit 9', '%s%n'];

describe('the guard runs the right command', () => {
  const haswell = path.join(CPUINFO, 'linux-rhel7-haswell');
  const ivybridge = path.join(CPUINFO, 'linux-rhel7-ivybridge');
  const text = manifest('x86_64', 'avx2');
  // The command is the shell itself printing each argument between <>, so every byte can be compared.
  const printer = (shell: Shell, tag: string) => [shell.argv[0]!, '-c', `printf '${tag}<%s>\\n' "$@"`, 'argv0'];
  const printed = (tag: string, args: string[]) => args.map((a) => `${tag}<${a}>\n`).join('');

  test('a CPU that fits: the built-in restore command is exec-ed with hostile arguments intact', () => {
    for (const shell of shells) {
      const script = writeScript(text, { restoreCommand: [...printer(shell, 'R'), ...HOSTILE], coldStartCommand: printer(shell, 'C') });
      const r = run(shell, script, ['--cpuinfo', haswell]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, printed('R', HOSTILE), shell.name);
    }
  });

  test('a command after -- replaces the built-in one, arguments intact', () => {
    for (const shell of shells) {
      const script = writeScript(text, { restoreCommand: ['/bin/false'] });
      const r = run(shell, script, ['--cpuinfo', haswell, '--', ...printer(shell, 'A'), ...HOSTILE]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, printed('A', HOSTILE), shell.name);
    }
  });

  test('policy exit: exit 3 naming the missing features, nothing run', () => {
    for (const shell of shells) {
      const script = writeScript(text, { restoreCommand: printer(shell, 'R'), coldStartCommand: printer(shell, 'C') });
      const r = run(shell, script, ['--cpuinfo', ivybridge]);
      assert.equal(r.code, 3, shell.name);
      assert.equal(r.stdout, '', shell.name);
      assert.match(r.stderr, /svc: this CPU lacks avx2; not restoring \(policy exit\)/, shell.name);
    }
  });

  test('policy cold-start: the cold-start command is exec-ed with hostile arguments intact', () => {
    for (const shell of shells) {
      const script = writeScript(text, { policy: 'cold-start', restoreCommand: printer(shell, 'R'), coldStartCommand: [...printer(shell, 'C'), ...HOSTILE] });
      const r = run(shell, script, ['--cpuinfo', ivybridge]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, printed('C', HOSTILE), shell.name);
      assert.match(r.stderr, /lacks avx2; starting without the checkpoint \(policy cold-start\)/);
      // --policy at run time overrides the generated one.
      assert.equal(run(shell, script, ['--policy', 'exit', '--cpuinfo', ivybridge]).code, 3, shell.name);
    }
  });

  test('the cold-start command runs with the exit code it chooses', () => {
    for (const shell of shells) {
      const script = writeScript(text, { policy: 'cold-start', coldStartCommand: [shell.argv[0]!, '-c', 'exit 42'] });
      assert.equal(run(shell, script, ['--cpuinfo', ivybridge]).code, 42, shell.name);
    }
  });

  test('a hostile manifest name is printed, never run', () => {
    const hostileName = `x'; touch ${work}/pwned; echo '$(id)\`id\``;
    const script = writeScript(text.replace('name: svc', `name: ${JSON.stringify(hostileName)}`));
    for (const shell of shells) {
      const r = run(shell, script, ['--check-only', '--cpuinfo', ivybridge]);
      assert.equal(r.code, 3);
      assert.ok(r.stdout.startsWith(`${hostileName}: this host cannot restore it`), r.stdout);
      assert.ok(!fs.existsSync(path.join(work, 'pwned')));
    }
  });

  test('bad input: exit 2 with a message, never a verdict', () => {
    const script = writeScript(text);
    const notCpuinfo = path.join(work, 'not-cpuinfo');
    fs.writeFileSync(notCpuinfo, 'hello: world\n');
    for (const shell of shells) {
      for (const args of [['--check-only', '--cpuinfo', path.join(work, 'absent')], ['--check-only', '--cpuinfo', notCpuinfo], ['--check-only', '--cpuinfo'], ['--bogus'], ['--policy', 'maybe']]) {
        const r = run(shell, script, args);
        assert.equal(r.code, 2, `${shell.name} ${args.join(' ')}: ${r.stdout}${r.stderr}`);
        assert.match(r.stderr, /criu-portability guard: /);
      }
    }
  });

  test('CRLF captures read as the engine reads them', () => {
    const crlf = path.join(work, 'haswell-crlf');
    fs.writeFileSync(crlf, fs.readFileSync(haswell, 'utf8').replace(/\n/g, '\r\n'));
    for (const shell of shells) assert.equal(run(shell, writeScript(text), ['--check-only', '--cpuinfo', crlf]).code, 0, shell.name);
  });
});
