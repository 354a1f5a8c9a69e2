// `criu-portability.io/ignore-<id>` annotations that suppress nothing: reported (when asked) as unused-suppression
// at the annotation key, with a fix that removes the annotation (and an `annotations:` map left empty).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { analyze, type Finding } from '../../server/src/engine';
import { checkKubernetes, kubeFixes } from '../../server/src/engine/rules/kube';
import { applyFix } from './kube-helpers';

const URI = 'file:///w/deploy.yaml';

const deployment = (objectAnnotations: string, templateMetadata = '', pinned = true) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: catalog
${objectAnnotations}spec:
  replicas: 1
  template:
${templateMetadata}    spec:
${pinned ? '      nodeSelector:\n        kubernetes.io/arch: amd64\n' : ''}      containers:
        - name: catalog
          image: icr.io/example/catalog-instanton:1
          env:
            - name: CRIU_RESTORE_DISABLE_RECOVERY
              value: "true"
          securityContext:
            capabilities:
              add: [CHECKPOINT_RESTORE, SETPCAP]
`;
const ann = (...lines: string[]) => `  annotations:\n${lines.map((l) => `    ${l}\n`).join('')}`;

function check(text: string): Finding[] {
  return checkKubernetes(analyze(URI, text), undefined, 'warning');
}
const unused = (text: string) => check(text).filter((f) => f.ruleId === 'unused-suppression');
const keyAt = (text: string, f: Finding) => text.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character);

function removed(text: string): string {
  const analysis = analyze(URI, text);
  const f = checkKubernetes(analysis, undefined, 'warning').find((x) => x.ruleId === 'unused-suppression');
  assert.ok(f);
  const fixes = kubeFixes(analysis, f, undefined);
  assert.deepEqual(fixes.map((x) => [x.title, x.isPreferred]), [['Remove this annotation', true]]);
  const out = applyFix(text, fixes[0]);
  for (const d of parseAllDocuments(out) as unknown as { errors: unknown[] }[]) assert.deepEqual(d.errors, [], out);
  assert.deepEqual(unused(out), [], out);
  return out;
}

describe('unused ignore annotations', () => {
  test('a rule that did not fire on the object: reported at the key, with its id', () => {
    const text = deployment(ann('criu-portability.io/ignore-arch-not-pinned: "single-arch cluster"'));
    const found = unused(text);
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.equal(keyAt(text, found[0]), 'criu-portability.io/ignore-arch-not-pinned');
    assert.deepEqual({ ids: found[0].data?.ids, annotation: found[0].data?.annotation }, { ids: ['arch-not-pinned'], annotation: true });
    assert.match(found[0].message, /arch-not-pinned/);
  });

  test('an id that is no rule is reported', () => {
    const found = unused(deployment(ann('criu-portability.io/ignore-arch-not-pined: "typo"')));
    assert.deepEqual(found.map((f) => f.data?.ids), [['arch-not-pined']]);
    assert.match(found[0].message, /not a Kubernetes rule/);
  });

  test('an annotation that suppressed a finding is used; the finding stays suppressed', () => {
    const text = deployment(ann('criu-portability.io/ignore-arch-not-pinned: "single-arch cluster"'), '', false);
    const f = check(text);
    assert.deepEqual(f.filter((x) => x.ruleId === 'unused-suppression' || x.ruleId === 'arch-not-pinned'), []);
  });

  test('pod template annotations count too', () => {
    const text = deployment('', '    metadata:\n      annotations:\n        criu-portability.io/ignore-scaled-cold-start: "one replica"\n');
    assert.deepEqual(unused(text).map((f) => keyAt(text, f)), ['criu-portability.io/ignore-scaled-cold-start']);
  });

  test('not asked: nothing reported', () => {
    const text = deployment(ann('criu-portability.io/ignore-arch-not-pinned: "x"'));
    assert.deepEqual(checkKubernetes(analyze(URI, text), undefined).filter((f) => f.ruleId === 'unused-suppression'), []);
  });

  test('other annotations are never reported', () => {
    assert.deepEqual(unused(deployment(ann('example.com/owner: team-a'))), []);
  });
});

describe('Remove this annotation', () => {
  test('one of several: only its line goes', () => {
    const text = deployment(ann('example.com/owner: team-a', 'criu-portability.io/ignore-arch-not-pinned: "x"', 'example.com/tier: web'));
    assert.equal(removed(text), deployment(ann('example.com/owner: team-a', 'example.com/tier: web')));
  });

  test('the only one: the annotations map goes too', () => {
    assert.equal(removed(deployment(ann('criu-portability.io/ignore-arch-not-pinned: "x"'))), deployment(''));
  });

  test('a flow map', () => {
    const text = deployment('  annotations: { "criu-portability.io/ignore-arch-not-pinned": "x", example.com/owner: team-a }\n');
    assert.match(removed(text), /annotations: \{ example\.com\/owner: team-a \}/);
  });

  test('a multi-line value goes with its key', () => {
    const text = deployment(ann('criu-portability.io/ignore-arch-not-pinned: >-', '  a reason on', '  two lines', 'example.com/owner: team-a'));
    assert.equal(removed(text), deployment(ann('example.com/owner: team-a')));
  });
});
