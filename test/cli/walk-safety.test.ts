// The CLI on odd file trees and inputs (issue 15): symbolic link loops, FIFOs and devices, inputs without end,
// unreadable directories and bad output targets: a note or one line with exit 2, never a hang, a stack trace or
// unbounded memory.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, fixture, json, tempProject } from './helpers';

const MANIFEST = fixture('../../../examples/payments-avx2.criu.yaml');

/** One line on stderr, exit 2, no stack trace. */
function oneLineError(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error/);
}

describe('lint walks safely', () => {
  const dir = tempProject({ 'payments.criu.yaml': MANIFEST, 'sub/deploy.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.symlinkSync('.', path.join(dir, 'self'));
  fs.symlinkSync('..', path.join(dir, 'sub', 'up'));
  fs.symlinkSync(path.join(dir, 'sub'), path.join(dir, 'sub-again'));
  fs.symlinkSync('payments.criu.yaml', path.join(dir, 'alias.criu.yaml'));
  execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
  fs.symlinkSync('nowhere.yaml', path.join(dir, 'broken.yaml'));

  test('symbolic link loops are walked once: each file linted once, a note per link skipped', () => {
    const r = cli(['lint', '--format', 'json', dir]);
    assert.equal(r.code, 1, r.stderr);
    const paths = json(r).files.map((f) => f.path);
    // payments.criu.yaml once (its alias is the same file), sub/deploy.yaml once (not again through sub-again, self or up).
    assert.equal(paths.filter((p) => /payments|alias/.test(p)).length, 1, paths.join(', '));
    assert.equal(paths.filter((p) => /deploy\.yaml$/.test(p)).length, 1, paths.join(', '));
    assert.match(r.stderr, /skipped .*self: a symbolic link to a directory already walked/);
    assert.match(r.stderr, /skipped .*up: a symbolic link to a directory already walked/);
  });

  test('FIFOs, devices and broken links are skipped with a note, not read', () => {
    const r = cli(['lint', '--format', 'json', dir]);
    assert.match(r.stderr, /skipped .*pipe\.yaml: a FIFO, not a regular file/);
    assert.match(r.stderr, /skipped .*zero\.yaml: a device, not a regular file/);
    assert.match(r.stderr, /skipped .*broken\.yaml: a broken symbolic link/);
  });

  test('a FIFO or a device named on the command line: one line, exit 2', () => {
    oneLineError(cli(['lint', path.join(dir, 'pipe.yaml')]), /cannot lint .*pipe\.yaml: a FIFO, not a regular file or directory/);
    oneLineError(cli(['lint', '/dev/zero']), /cannot lint \/dev\/zero: a device/);
  });

  test('a config file or a capture that never ends is refused, not read', () => {
    oneLineError(cli(['lint', '-c', '/dev/zero', path.join(dir, 'payments.criu.yaml')]), /cannot read config file \/dev\/zero: a device, not a regular file/);
    oneLineError(cli(['probe', '--from', '/dev/zero']), /cannot read capture \/dev\/zero: a device, not a regular file/);
    oneLineError(cli(['check-host', '--manifest', '/dev/zero', '--from', '/dev/zero']), /cannot read .*\/dev\/zero: a device/);
    oneLineError(cli(['check-host', '--manifest', path.join(dir, 'payments.criu.yaml'), '--from', '/dev/zero']), /cannot read capture \/dev\/zero: a device/);
  });

  test('standard input past the cap: one line, exit 2', () => {
    const r = cli(['lint', '-'], { input: 'a'.repeat(65 * 1024 * 1024) });
    oneLineError(r, /standard input is larger than 64 MB/);
  });

  test('a bad -o target: one line, exit 2', () => {
    oneLineError(cli(['lint', '-o', path.join(dir, 'no', 'such', 'dir', 'out.json'), path.join(dir, 'payments.criu.yaml')]), /cannot write .*out\.json: ENOENT/);
    oneLineError(cli(['lint', '-o', dir, path.join(dir, 'payments.criu.yaml')]), /cannot write .*: EISDIR/);
  });

  test('a directory that cannot be read: one line, exit 2', () => {
    // A path longer than PATH_MAX fails for root too (ENAMETOOLONG), unlike a chmod 000 directory.
    const deep = tempProject({});
    // rm walks with openat; node's rmSync builds whole paths and fails on these.
    after(() => execFileSync('rm', ['-rf', deep]));
    const name = 'd'.repeat(250);
    const cwd = process.cwd();
    try {
      process.chdir(deep);
      for (let i = 0; i < 18; i++) {
        fs.mkdirSync(name);
        process.chdir(name);
      }
    } finally {
      process.chdir(cwd);
    }
    oneLineError(cli(['lint', deep]), /cannot read directory .*: ENAMETOOLONG/);
  });
});
