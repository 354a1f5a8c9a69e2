// An edit in one document of a multi-document file runs the Kubernetes rules on that document's workloads only:
// the findings of the other documents are the ones computed before (moved by the lines their document moved).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, validate, type Finding, type WorkspaceView } from '../../server/src/engine';
import { reusingParse } from '../../server/src/engine/yaml/parse';

const workload = (i: number, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d${i}
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: c
          image: registry.example.com/app${i}:1.0${extra}
          securityContext: {capabilities: {add: [CHECKPOINT_RESTORE]}}
          env: [{name: JAVA_TOOL_OPTIONS, value: "-XX:+EnableCRIUSuport"}]
`;
const file = (edited: string) => [0, 1, 2, 3, 4].map((i) => (i === 2 ? edited : workload(i))).join('---\n');
const workspace: WorkspaceView = { manifests: () => [], generation: 1 };
const uri = 'file:///w/multi.yaml';
const byDoc = (findings: Finding[]) => (line: number) => findings.filter((f) => Math.floor(f.range.start.line / 15) === line);

test('editing document 3 of 5 in place recomputes its findings only; the others are reused as they were', () => {
  const first = analyze(uri, file(workload(2)));
  const before = validate(first, { workspace });
  const second = reusingParse(first.yaml, () => analyze(uri, file(workload(2).replace('replicas: 1', 'replicas: 2'))));
  const after = validate(second, { workspace });
  assert.deepEqual(after.map((f) => [f.ruleId, f.range]), before.map((f) => [f.ruleId, f.range]));
  const [b, a] = [byDoc(before), byDoc(after)];
  for (const doc of [0, 1, 3, 4]) {
    assert.ok(a(doc).length > 0 && a(doc).every((f, i) => f === b(doc)[i]), `document ${doc + 1}: the same finding objects`);
  }
  assert.ok(a(2).every((f, i) => f !== b(2)[i]), 'the edited document: computed again');
});

test('a document that moved down keeps its findings, moved by the lines inserted above it', () => {
  const first = analyze(uri, file(workload(2)));
  validate(first, { workspace });
  const second = reusingParse(first.yaml, () => analyze(uri, file(workload(2, '\n          # two\n          # more lines'))));
  const fresh = validate(analyze(uri, second.text), { workspace: { manifests: () => [], generation: 2 } });
  const after = validate(second, { workspace });
  assert.deepEqual(after.map((f) => [f.ruleId, f.range, f.message]), fresh.map((f) => [f.ruleId, f.range, f.message]));
});
