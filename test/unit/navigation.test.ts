// The navigation service on strings: outline of manifests and Kubernetes files, links and definitions from the
// manifest annotation and a linked image, references back, hovers on them, and a code lens per restore container.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine';
import { definition, documentLinks, documentSymbols, kubeCodeLenses, linkHover, references, relativePath, type DocumentSymbolEntry } from '../../server/src/engine/service';
import { hover } from '../../server/src/engine/service';
import { positionOf, SAMPLE } from '../helpers/manifests';
import { workspaceOf } from './kube-helpers';

const MANIFEST_URI = 'file:///ws/manifests/orders.criu.yaml';
const MANIFEST = SAMPLE.replace('runtime: liberty\n', 'runtime: liberty\nimage: registry.example.com/orders:2.3\n');
const workspace = workspaceOf({ [MANIFEST_URI]: MANIFEST });
const DEPLOY_URI = 'file:///ws/deploy/orders.yaml';
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  annotations:
    criu-portability.io/manifest: ../manifests/orders.criu.yaml
spec:
  template:
    spec:
      containers:
        - name: orders
          image: registry.example.com/orders:2.3
        - name: sidecar
          image: envoyproxy/envoy:v1.30
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: plain
`;

const names = (symbols: DocumentSymbolEntry[] | undefined): string[] => (symbols ?? []).map((s) => s.name);

describe('document symbols', () => {
  test('a manifest: name, baseline, requires with its features, policy, restore targets', () => {
    const [m] = documentSymbols(analyze(MANIFEST_URI, MANIFEST));
    assert.equal(m.name, 'orders-service');
    assert.equal(m.detail, 'x86_64 · liberty');
    assert.deepEqual(names(m.children), ['baseline', 'requires', 'onIncompatibleCpu', 'restore targets']);
    assert.deepEqual(names(m.children!.find((c) => c.name === 'requires')!.children), ['avx2', 'fma']);
    const targets = m.children!.find((c) => c.name === 'restore targets')!;
    assert.deepEqual(names(targets.children), ['pool-a', 'pool-b', 'pool-p']);
    assert.equal(targets.children![0].detail, 'ivybridge');
    assert.equal(targets.children![0].selectionRange.start.line, positionOf(MANIFEST, 'pool-a').line);
  });

  test('every selectionRange lies inside its range (LSP requires it)', () => {
    const check = (s: DocumentSymbolEntry) => {
      const le = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
      assert.ok(le(s.range.start, s.selectionRange.start) && le(s.selectionRange.end, s.range.end), s.name);
      s.children?.forEach(check);
    };
    documentSymbols(analyze(MANIFEST_URI, MANIFEST)).forEach(check);
    documentSymbols(analyze(DEPLOY_URI, DEPLOY), workspace).forEach(check);
  });

  test('Kubernetes: workloads with their containers; the restore container says which manifest it restores', () => {
    const symbols = documentSymbols(analyze(DEPLOY_URI, DEPLOY), workspace);
    assert.deepEqual(names(symbols), ['Deployment orders']);
    const [orders, sidecar] = symbols[0].children!;
    assert.equal(orders.name, 'orders');
    assert.equal(orders.detail, 'registry.example.com/orders:2.3 · restores ../manifests/orders.criu.yaml');
    assert.equal(sidecar.detail, 'envoyproxy/envoy:v1.30');
  });
});

describe('links, definition, references', () => {
  const deploy = analyze(DEPLOY_URI, DEPLOY);

  test('the annotation and the linked image are links to the manifest, at its name', () => {
    const links = documentLinks(deploy, workspace);
    assert.equal(links.length, 2);
    assert.ok(links.every((l) => l.target === MANIFEST_URI));
    assert.deepEqual(links.map((l) => l.range.start.line), [positionOf(DEPLOY, '../manifests').line, positionOf(DEPLOY, 'registry').line]);
    assert.equal(links[0].targetRange.start.line, positionOf(MANIFEST, 'orders-service').line);
  });

  test('Go to Definition from the annotation value and from the image; nothing elsewhere', () => {
    for (const needle of ['../manifests/orders', 'registry.example.com/orders']) {
      const d = definition(deploy, positionOf(DEPLOY, needle, 3), workspace);
      assert.equal(d?.uri, MANIFEST_URI, needle);
    }
    assert.equal(definition(deploy, positionOf(DEPLOY, 'envoyproxy', 2), workspace), undefined);
    assert.equal(definition(deploy, positionOf(DEPLOY, 'kind: Deployment', 2), workspace), undefined);
  });

  test('no links without the manifest in the workspace', () => {
    assert.deepEqual(documentLinks(deploy, workspaceOf({})), []);
  });

  test('references from the manifest: both sites in the deployment', () => {
    const refs = references(analyze(MANIFEST_URI, MANIFEST), positionOf(MANIFEST, 'orders-service', 2), [deploy], workspace)!;
    assert.deepEqual(refs.map((r) => `${r.uri}:${r.range.start.line}`), [`${DEPLOY_URI}:5`, `${DEPLOY_URI}:11`]);
  });

  test('relative paths as seen from the YAML file', () => {
    assert.equal(relativePath('file:///ws/a/b.yaml', 'file:///ws/a/x.criu.yaml'), 'x.criu.yaml');
    assert.equal(relativePath('file:///ws/a/b.yaml', 'file:///ws/m/x.criu.yaml'), '../m/x.criu.yaml');
  });
});

describe('hover and code lenses on restore containers', () => {
  const deploy = analyze(DEPLOY_URI, DEPLOY);

  test('hover on the annotation and on the image names the manifest and its verdict', () => {
    const onAnnotation = linkHover(deploy, positionOf(DEPLOY, '../manifests', 3), workspace)!.contents;
    assert.match(onAnnotation, /\*\*\.\.\/manifests\/orders\.criu\.yaml\*\* · checkpoint manifest `orders-service`/);
    assert.match(onAnnotation, /annotation `criu-portability\.io\/manifest`/);
    assert.match(onAnnotation, /1 of 3 restore targets can restore it/);
    const onImage = hover(deploy, positionOf(DEPLOY, 'registry', 3), { workspace })!.contents;
    assert.match(onImage, /the manifest's `image` is `registry\.example\.com\/orders:2\.3`/);
  });

  test('a lens on the restore container: which manifest, how many node pools can run it', () => {
    const lenses = kubeCodeLenses(deploy, workspace);
    assert.deepEqual(lenses.map((l) => l.title), ['restores ../manifests/orders.criu.yaml · 1 of 3 node pools can run it']);
    assert.equal(lenses[0].range.start.line, positionOf(DEPLOY, '- name: orders').line);
    // After an edit of the manifest (pool-a becomes a haswell), the count follows.
    const better = workspaceOf({ [MANIFEST_URI]: MANIFEST.replace('microarchitecture: ivybridge', 'microarchitecture: haswell') });
    assert.match(kubeCodeLenses(analyze(DEPLOY_URI, DEPLOY), better)[0].title, /2 of 3 node pools/);
  });

  test('a restore container without a manifest says so', () => {
    const text = DEPLOY.replace('    criu-portability.io/manifest: ../manifests/orders.criu.yaml\n', '    x: y\n').replace('image: registry.example.com/orders:2.3', 'image: other:1\n          securityContext:\n            capabilities:\n              add: [CHECKPOINT_RESTORE, SETPCAP]');
    assert.match(kubeCodeLenses(analyze(DEPLOY_URI, text), workspace)[0].title, /no checkpoint manifest linked/);
  });
});
