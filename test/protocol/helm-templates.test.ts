// Helm chart templates are not YAML until rendered: the server leaves them alone, whether the client calls
// them `helm` (the Helm extension's language) or `yaml` for a file under a chart's templates/ folder.
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
