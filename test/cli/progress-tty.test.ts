// On a terminal, results stream to stdout while the progress line lives on stderr: each result must start on a
// cleared line, never inside "Linting 12/300 files…". Run under a real pseudo-terminal (util-linux `script`,
// from Debian's essential bsdutils).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { CLI, tempProject } from './helpers';

const temps: string[] = [];
after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const POD = (i: number) => `apiVersion: v1
kind: Pod
metadata:
  name: orders-${i}
spec:
  containers:
    - name: app
      image: registry.example/orders:1
      securityContext:
        capabilities:
          add: [CHECKPOINT_RESTORE, SETPCAP]
`;

test('results printed on a terminal never land inside the progress line', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 400; i++) files[`d${i % 10}/pod-${i}.yaml`] = POD(i);
  const dir = tempProject(files);
  temps.push(dir);
  const r = spawnSync('script', ['-qefc', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} lint .`, '/dev/null'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  assert.equal(r.error, undefined, String(r.error));
  const out = r.stdout;
  assert.match(out, /Linting \d+\/400 files…/, 'the progress line showed (a terminal, a large tree)');
  assert.match(out, /arch-not-pinned/);
  // After the progress text only a clear (\r ESC[2K) or the next redraw may follow.
  assert.doesNotMatch(out, /files…[^\r\u001b]/);
});
