// Real public YAML around checkpoint/restore (test/corpus/restore/, see its ATTRIBUTION.md): each file gets exactly
// the findings listed there; an eBPF agent and ordinary workloads get none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codes, lint, uriOf } from './kube-helpers';

const DIR = join(__dirname, '..', 'corpus', 'restore');
const EXPECTED: Record<string, string[]> = {
  'beyla-daemonset.yaml': [],
  'liberty-instanton-build-job.yaml': ['checkpoint-node-unpinned'],
};

for (const [file, expected] of Object.entries(EXPECTED)) {
  test(`${file}: ${expected.length ? expected.join(', ') : 'no finding'}`, () => {
    const path = join(DIR, file);
    assert.deepEqual(codes(lint(uriOf(path), readFileSync(path, 'utf8')).findings), expected);
  });
}
