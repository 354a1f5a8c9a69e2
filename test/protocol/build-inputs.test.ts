// Inputs of a build are not what gets deployed, so the server leaves them alone: Helm chart templates (not YAML
// until rendered), whether the client calls them `helm` (the Helm extension's language) or `yaml` for a file under
// a chart's templates/ folder; kustomize patches (fragments of objects) named by a kustomization.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lspClient';

const TEMPLATE = `apiVersion: v1
kind: Pod
metadata:
  name: {{ include "shop.fullname" . }}
spec:
  containers:
    - name: app
      image: "{{ .Values.image }}"
      securityContext:
        capabilities:
          add: [CHECKPOINT_RESTORE, SETPCAP]
`;

describe('Helm templates in the editor', () => {
  let client: LspClient;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'criu-helm-'));
    fs.mkdirSync(path.join(dir, 'shop', 'templates', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'shop', 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
    fs.mkdirSync(path.join(dir, 'other', 'templates'), { recursive: true });
    client = await LspClient.start();
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('control: the same text in an ordinary YAML file gets a diagnostic', async () => {
    const uri = pathToFileURL(path.join(dir, 'other', 'templates', 'pod.yaml')).href; // no Chart.yaml: not a chart
    await client.open(uri, TEMPLATE);
    const diags = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.ok(diags.some((d) => d.code === 'arch-not-pinned'));
  });

  test('a file under a chart\'s templates/ (subfolders too) gets no diagnostics', async () => {
    for (const rel of ['templates/pod.yaml', 'templates/sub/pod.yaml']) {
      const uri = pathToFileURL(path.join(dir, 'shop', rel)).href;
      await client.open(uri, TEMPLATE);
      assert.deepEqual(await client.waitForDiagnostics(uri), [], rel);
    }
  });

  test('a document in the helm language gets no diagnostics', async () => {
    const uri = 'file:///w/elsewhere/pod.yaml';
    await client.open(uri, TEMPLATE, 'helm');
    assert.deepEqual(await client.waitForDiagnostics(uri), []);
  });
});

describe('kustomize inputs in the editor', () => {
  let client: LspClient;
  let dir: string;
  const PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  template:
    spec:
      containers:
        - name: orders
          image: registry.example/orders:1.0
          securityContext:
            capabilities:
              add: [CHECKPOINT_RESTORE, SETPCAP]
`;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'criu-kustomize-'));
    fs.mkdirSync(path.join(dir, 'overlay', 'patches'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'overlay', 'kustomization.yaml'), 'resources: [../base]\npatches:\n  - path: patches/restore.yaml\npatchesStrategicMerge:\n  - pin.yaml\n');
    client = await LspClient.start();
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a patch a kustomization names gets no diagnostics (a fragment, not a workload); a file it does not name does', async () => {
    for (const rel of ['overlay/patches/restore.yaml', 'overlay/pin.yaml']) {
      const uri = pathToFileURL(path.join(dir, rel)).href;
      await client.open(uri, PATCH);
      assert.deepEqual(await client.waitForDiagnostics(uri), [], rel);
    }
    const other = pathToFileURL(path.join(dir, 'overlay', 'patches', 'other.yaml')).href;
    await client.open(other, PATCH);
    assert.ok((await client.waitForDiagnostics(other, (d) => d.length > 0)).some((d) => d.code === 'arch-not-pinned'));
  });
});
