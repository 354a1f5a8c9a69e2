// yaml-syntax outside checkpoint manifests: one finding per broken Kubernetes document, nothing for YAML that
// holds no Kubernetes object, duplicate keys only where a restore workload reads them. Manifests keep every error.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './kube-helpers';

const syntax = (uri: string, text: string) => lint(uri, text).findings.filter((f) => f.ruleId === 'yaml-syntax');

// A Helm-style template: flow mappings `{{ }}` break the parse many times over.
const TEMPLATED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "x.fullname" . }}
  labels: {{- include "x.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicas }}
  template:
    spec:
      containers:
        - name: app
          image: "{{ .Values.image }}:{{ .Values.tag }}"
          {{- with .Values.resources }}
          resources: {{ toYaml . | nindent 12 }}
          {{- end }}
`;

describe('yaml-syntax outside manifests', () => {
  test('a Kubernetes document that does not parse gets one finding: its first error, saying how many follow', () => {
    const found = syntax('file:///repo/deploy.yaml', TEMPLATED);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(found[0].message, /^YAML syntax: .* \(\d+ more errors in this document follow\)$/);
    assert.ok((found[0].data?.moreErrors as number) >= 1);
  });

  test('each broken document of a Kubernetes file speaks once; a clean one not at all', () => {
    const text = `${TEMPLATED}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ok\n---\n${TEMPLATED}`;
    assert.equal(syntax('file:///repo/all.yaml', text).length, 2);
  });

  test('YAML without a Kubernetes object (Helm values, CI configs, OpenAPI) gets nothing', () => {
    const values = 'image: {{ bad\nreplicas: [1, 2\n';
    assert.deepEqual(syntax('file:///repo/values.yaml', values), []);
    const ci = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.sha }}"\n      - uses: x@{{ y }}\n';
    assert.deepEqual(lint('file:///repo/.github/workflows/ci.yaml', ci).findings, []);
    const openapi = 'openapi: 3.0.0\ninfo:\n  title: t\n  title: again\npaths: {}\n';
    assert.deepEqual(lint('file:///repo/openapi.yaml', openapi).findings, []);
  });

  test('a duplicate key in an ordinary workload is not ours to report', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\ndata: {}\n';
    assert.deepEqual(lint('file:///repo/cm.yaml', text).findings, []);
  });

  test('a duplicate key in a restore workload is reported (which value wins decides what the restore sees)', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: orders
spec:
  containers:
    - name: app
      image: openliberty/orders:1
      image: openliberty/orders:2
      securityContext:
        capabilities:
          add: [CHECKPOINT_RESTORE, SETPCAP]
`;
    const found = syntax('file:///repo/pod.yaml', text);
    assert.equal(found.length, 1);
    assert.equal(found[0].data?.yamlCode, 'DUPLICATE_KEY');
    assert.equal(found[0].range.start.line, 8);
  });

  test('a checkpoint manifest keeps every syntax error', () => {
    const text = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: a\n  name: b\narch: x86_64\nrequires: [avx2, fma\nbaseline: {{ x }}\n';
    assert.ok(syntax('file:///repo/app.criu.yaml', text).length >= 2);
    assert.ok(syntax('file:///repo/app.criu.yaml', text).some((f) => f.data?.yamlCode === 'DUPLICATE_KEY'));
  });
});
