// The merged-affinity fix writes matchExpressions into a term that has only matchFields with the layout of the
// term's existing key: same key column, same sequence indentation, same item content column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { kubeFixes } from '../../server/src/engine/rules/kube';
import { applyFix, codes, lint, uriOf, workspaceOf } from './kube-helpers';

const FIX = join(__dirname, '..', 'fixtures', 'kube');
const MANIFEST_PATH = join(FIX, 'restore', 'orders.criu.yaml');
const DEPLOY_URI = uriOf(join(FIX, 'restore', 'deploy.yaml'));
const ws = workspaceOf({ [uriOf(MANIFEST_PATH)]: readFileSync(MANIFEST_PATH, 'utf8').replace('cold-start', 'exit') });

/** A Deployment indented by `step` whose only node selector term matches a field; `seq` indents sequences under keys. */
function deployment(step: number, seq: number): string {
  const lines: [number, string][] = [
    [0, 'apiVersion: apps/v1'], [0, 'kind: Deployment'], [0, 'metadata:'], [1, 'name: orders'], [0, 'spec:'],
    [1, 'replicas: 1'], [1, 'template:'], [2, 'spec:'], [3, 'nodeSelector:'], [4, 'kubernetes.io/arch: amd64'],
    [3, 'affinity:'], [4, 'nodeAffinity:'], [5, 'requiredDuringSchedulingIgnoredDuringExecution:'], [6, 'nodeSelectorTerms:'],
  ];
  const out = lines.map(([d, l]) => ' '.repeat(d * step) + l);
  const term = 6 * step + seq;
  out.push(`${' '.repeat(term)}- matchFields:`);
  out.push(`${' '.repeat(term + 2 + seq)}- key: metadata.name`, `${' '.repeat(term + 4 + seq)}operator: In`, `${' '.repeat(term + 4 + seq)}values: ["n1"]`);
  out.push(`${' '.repeat(3 * step)}containers:`, `${' '.repeat(3 * step + seq)}- name: orders`, `${' '.repeat(3 * step + seq + 2)}image: registry.example.com/orders:2.3-instanton`);
  out.push(`${' '.repeat(3 * step + seq + 2)}env: [{ name: CRIU_RESTORE_DISABLE_RECOVERY, value: "true" }]`);
  out.push(`${' '.repeat(3 * step + seq + 2)}securityContext: { capabilities: { add: [CHECKPOINT_RESTORE, SETPCAP] } }`);
  return out.join('\n') + '\n';
}

const column = (text: string, pattern: RegExp) => {
  const line = text.split('\n').find((l) => pattern.test(l));
  assert.ok(line, `${pattern} in\n${text}`);
  return line.search(/\S/);
};

for (const [step, seq] of [[2, 0], [2, 2], [4, 0], [4, 4]]) {
  test(`indent ${step}, sequences ${seq} deeper than their key: matchExpressions lines up with matchFields`, () => {
    const text = deployment(step, seq);
    const { analysis, findings } = lint(DEPLOY_URI, text, ws);
    const finding = findings.find((f) => f.ruleId === 'cpu-node-affinity-missing');
    assert.ok(finding, String(codes(findings)));
    const out = applyFix(text, kubeFixes(analysis, finding, ws)[0]);
    assert.deepEqual(parseDocument(out).errors, []);
    const lines = out.split('\n');
    const fieldsKey = lines.find((l) => l.includes('matchFields:'))!.indexOf('matchFields');
    assert.equal(lines.find((l) => l.includes('matchExpressions:'))!.indexOf('matchExpressions'), fieldsKey, out);
    assert.equal(column(out, /- key: feature\.node/), column(out, /- key: metadata\.name/), out);
    const operators = lines.filter((l) => l.includes('operator: In')).map((l) => l.indexOf('operator'));
    assert.equal(new Set(operators).size, 1, out);
    assert.ok(!codes(lint(DEPLOY_URI, out, ws).findings).includes('cpu-node-affinity-missing'), out);
  });
}
