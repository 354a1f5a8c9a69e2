// A ppc64le capture without LD_SHOW_AUXV lists no features: check-host judges the host by its generation's
// features, so a POWER9 can restore a POWER8-baseline image and cannot restore one that needs POWER10.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CPUINFO, cli, tempProject } from './helpers';

const manifest = (requires: string) => `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: ledger
arch: ppc64le
requires: [${requires}]
restore:
  onIncompatibleCpu: exit
`;

test('a POWER9 capture without AT_HWCAP passes a POWER8-baseline image and fails a POWER10 one', () => {
  const dir = tempProject({ 'p8.criu.yaml': manifest('vsx'), 'p10.criu.yaml': manifest('arch_3_1') });
  const power9 = path.join(CPUINFO, 'linux-rhel8-power9');
  const ok = cli(['check-host', '--manifest', path.join(dir, 'p8.criu.yaml'), '--from', power9]);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  const no = cli(['check-host', '--manifest', path.join(dir, 'p10.criu.yaml'), '--from', power9]);
  assert.equal(no.code, 3, no.stdout + no.stderr);
  assert.match(no.stdout + no.stderr, /arch_3_1/);
});
