// The Kubernetes rules over LSP: a real `node dist/server.js --stdio` (run `npm run build` first).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, applyWorkspaceEdit } from '../helpers/lspClient';

const FIX = join(__dirname, '..', 'fixtures', 'kube');
const RESTORE_DIR = join(FIX, 'restore');
const MANIFEST_PATH = join(RESTORE_DIR, 'orders.criu.yaml');
const MANIFEST_URI = pathToFileURL(MANIFEST_PATH).href;
const MANIFEST = readFileSync(MANIFEST_PATH, 'utf8');
const LIBERTY = readFileSync(join(RESTORE_DIR, 'liberty-cold-start.yaml'), 'utf8');
const uri = (name: string) => pathToFileURL(join(RESTORE_DIR, name)).href;
const codes = (d: Diagnostic[]) => [...new Set(d.map((x) => String(x.code)))].sort();

const pod = (podExtra: string, containerExtra: string, replicas = 1) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  replicas: ${replicas}
  template:
    spec:
      nodeSelector:
        kubernetes.io/arch: amd64
${podExtra}      containers:
        - name: orders
          image: registry.example.com/orders:2.3-instanton
          securityContext:
            capabilities:
              add: [CHECKPOINT_RESTORE, SETPCAP]
${containerExtra}`;
const envOf = (name: string, value: string) => `          env:\n            - name: ${name}\n              value: ${value}\n`;
const affinity = (label: string) => `      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions:\n                  - key: feature.node.kubernetes.io/cpu-cpuid.${label}\n                    operator: In\n                    values: ["true"]\n`;

/** One document per rule that triggers it, and whether a quick fix must clear it. */
const CASES: { rule: string; text: string; fixClears: boolean }[] = [
  { rule: 'restore-capabilities-missing', text: pod('', '').replace('[CHECKPOINT_RESTORE, SETPCAP]', '[CHECKPOINT_RESTORE]'), fixClears: true },
  { rule: 'restore-privilege-escalation-disabled', text: pod('', '').replace('          securityContext:\n', '          securityContext:\n            allowPrivilegeEscalation: false\n'), fixClears: true },
  { rule: 'arch-not-pinned', text: pod('', '').replace('      nodeSelector:\n        kubernetes.io/arch: amd64\n', ''), fixClears: true },
  { rule: 'arch-mismatch', text: pod('', '').replace('arch: amd64', 'arch: s390x'), fixClears: true },
  { rule: 'cpu-node-affinity-missing', text: pod('', ''), fixClears: true },
  { rule: 'cpu-node-affinity-incomplete', text: pod(affinity('AVX'), ''), fixClears: true },
  { rule: 'nfd-label-denylisted', text: pod(affinity('SSE42'), ''), fixClears: true },
  { rule: 'nfd-label-unknown', text: pod(affinity('AVX-2'), ''), fixClears: true },
  { rule: 'restore-policy-unset', text: pod('', '').replace('registry.example.com/orders:2.3-instanton', 'icr.io/x/liberty-other:1'), fixClears: true },
  { rule: 'restore-policy-mismatch', text: pod('', envOf('CRIU_RESTORE_DISABLE_RECOVERY', '"true"')), fixClears: true },
  // A cold start happens only through the pre-restore guard (docs/guard.md).
  { rule: 'scaled-cold-start', text: pod('', '', 4).replace('        - name: orders\n', '        - name: orders\n          command: ["/bin/sh", "/opt/criu-guard/criu-guard.sh"]\n'), fixClears: false },
  { rule: 'jvm-option-invalid', text: pod('', envOf('JAVA_TOOL_OPTIONS', '"-Xshareclasses:portable"')), fixClears: true },
  { rule: 'jvm-options-conflict', text: pod('', envOf('JAVA_TOOL_OPTIONS', '"-XX:+EnableCRIUSupport -XX:CRaCCheckpointTo=/cr"')), fixClears: true },
  { rule: 'restore-option-unsupported', text: pod('', envOf('OPENJ9_RESTORE_JAVA_OPTIONS', '"-Xmx2g"')), fixClears: true },
];

describe('Kubernetes rules over LSP', () => {
  let client: LspClient;
  before(async () => {
    // rootUri: the workspace scan finds orders.criu.yaml on disk without opening it.
    client = await LspClient.start({ rootUri: pathToFileURL(RESTORE_DIR).href });
  });
  after(async () => client.shutdown());

  test('done-when: an unopened manifest is found by the scan; the four findings are published', async () => {
    await client.open(uri('a.yaml'), LIBERTY);
    const d = await client.waitForDiagnostics(uri('a.yaml'), (x) => codes(x).includes('cpu-node-affinity-missing'));
    for (const id of ['restore-capabilities-missing', 'arch-not-pinned', 'cpu-node-affinity-missing', 'scaled-cold-start']) assert.ok(codes(d).includes(id), id);
    const diag = d.find((x) => x.code === 'cpu-node-affinity-missing')!;
    assert.equal(diag.source, 'criu-portability');
    assert.match(String(diag.codeDescription?.href), /docs\/rules\/cpu-node-affinity-missing\.md$/);
    const actions = await client.codeActions(uri('a.yaml'), [diag]);
    const fixed = applyWorkspaceEdit(LIBERTY, uri('a.yaml'), actions[0].edit!);
    assert.match(fixed, /cpu-cpuid\.AVX2/);
    await client.change(uri('a.yaml'), fixed);
    await client.waitForDiagnostics(uri('a.yaml'), (x) => !codes(x).includes('cpu-node-affinity-missing') && codes(x).includes('arch-not-pinned'));
    await client.close(uri('a.yaml'));
  });

  test('editing the open manifest revalidates the linked deployment', async () => {
    await client.open(uri('b.yaml'), LIBERTY);
    await client.waitForDiagnostics(uri('b.yaml'), (x) => codes(x).includes('scaled-cold-start'));
    await client.open(MANIFEST_URI, MANIFEST);
    await client.change(MANIFEST_URI, MANIFEST.replace('cold-start', 'exit'));
    const d = await client.waitForDiagnostics(uri('b.yaml'), (x) => !codes(x).includes('scaled-cold-start'));
    assert.ok(codes(d).includes('restore-policy-mismatch'), String(codes(d)));
    await client.close(MANIFEST_URI);
    await client.waitForDiagnostics(uri('b.yaml'), (x) => codes(x).includes('scaled-cold-start'));
    await client.close(uri('b.yaml'));
  });

  test('restore-policy-mismatch offers a cross-file edit of the manifest', async () => {
    const text = pod('', envOf('CRIU_RESTORE_DISABLE_RECOVERY', '"true"'));
    await client.open(uri('c.yaml'), text);
    const d = await client.waitForDiagnostics(uri('c.yaml'), (x) => codes(x).includes('restore-policy-mismatch'));
    const actions = await client.codeActions(uri('c.yaml'), d.filter((x) => x.code === 'restore-policy-mismatch'));
    const cross = actions.find((a) => a.edit?.changes?.[MANIFEST_URI]?.length);
    assert.ok(cross, 'a fix editing the manifest');
    assert.match(applyWorkspaceEdit(MANIFEST, MANIFEST_URI, cross.edit!), /onIncompatibleCpu: exit/);
    await client.close(uri('c.yaml'));
  });

  for (const c of CASES) {
    test(`${c.rule}: published${c.fixClears ? ', and its quick fix clears it' : ', with a quick fix'}`, async () => {
      const u = uri(`case-${c.rule}.yaml`);
      await client.open(u, c.text);
      const d = await client.waitForDiagnostics(u, (x) => codes(x).includes(c.rule));
      const actions = await client.codeActions(u, d.filter((x) => x.code === c.rule));
      assert.ok(actions.length > 0, `no code action for ${c.rule}`);
      if (c.fixClears) {
        const fixed = applyWorkspaceEdit(c.text, u, actions[0].edit!);
        await client.change(u, fixed);
        await client.waitForDiagnostics(u, (x) => !codes(x).includes(c.rule));
      }
      await client.close(u);
    });
  }

  test('ordinary Kubernetes YAML gets no diagnostics', async () => {
    const dir = join(FIX, 'ordinary');
    for (const f of readdirSync(dir)) {
      const u = pathToFileURL(join(dir, f)).href;
      await client.open(u, readFileSync(join(dir, f), 'utf8'));
      const d = await client.waitForDiagnostics(u);
      assert.deepEqual(d, [], f);
      await client.close(u);
    }
  });

  test('hover on an NFD label and completion of label keys', async () => {
    const text = pod(affinity('SSE42'), '');
    const u = uri('hover.yaml');
    await client.open(u, text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('cpu-cpuid.SSE42'));
    const h = await client.hover(u, { line, character: lines[line].indexOf('feature') + 3 });
    assert.match(JSON.stringify(h?.contents), /Not published by default/);
    const items = await client.completion(u, { line: 9, character: 8 });
    assert.ok(items.some((i) => i.label === 'feature.node.kubernetes.io/cpu-cpuid.AVX2'), JSON.stringify(items.slice(0, 3)));
    await client.close(u);
  });
});
