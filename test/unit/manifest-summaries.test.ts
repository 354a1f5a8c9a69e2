// A large open document validated in the worker thread gives the server's index its manifests as a summary (their
// images); the main thread parses such a file only when a rule needs a manifest's context. Before, the server parsed
// every large file holding a manifest a second time on its main thread, which doubled its peak memory on hostile files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, validate } from '../../server/src/engine';
import { WorkspaceIndex } from '../../server/src/lsp/workspaceIndex';
import { ordersExitManifest } from '../helpers/manifests';

const ROOT = 'file:///w';
const MANIFEST_URI = `${ROOT}/big.criu.yaml`;
const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  template:
    spec:
      containers:
        - name: app
          image: ${image}
          securityContext: {capabilities: {add: [CHECKPOINT_RESTORE, SETPCAP]}}
`;

function indexWithSummary(image: string): { index: WorkspaceIndex; loads: () => number } {
  const index = new WorkspaceIndex();
  index.configure({ processId: null, rootUri: ROOT, capabilities: {}, workspaceFolders: [{ uri: ROOT, name: 'w' }] });
  let loads = 0;
  const changed = index.updateOpenFromSummary(MANIFEST_URI, [image], () => {
    loads++;
    return analyze(MANIFEST_URI, ordersExitManifest(image));
  });
  assert.equal(changed, true, 'a document with a manifest changes the workspace');
  return { index, loads: () => loads };
}

test('linking a workload of another image, finding dependents and handing texts to the worker never parse the summarised file', () => {
  const { index, loads } = indexWithSummary('registry.example.com/orders:1.0');
  const other = analyze(`${ROOT}/other.yaml`, deployment('registry.example.com/billing:1.0'));
  validate(other, { workspace: index });
  index.recordLinks(other);
  index.dependents(MANIFEST_URI, () => true);
  index.manifestTexts(`${ROOT}/other.yaml`, (uri) => (uri === MANIFEST_URI ? ordersExitManifest('registry.example.com/orders:1.0') : undefined));
  assert.equal(loads(), 0);
});

test('a workload running the image links to the summarised manifest: parsed once, on first use, and the verdicts are the parsed ones', () => {
  const image = 'registry.example.com/orders:1.0';
  const { index, loads } = indexWithSummary(image);
  const deploy = analyze(`${ROOT}/orders.yaml`, deployment(image));
  const findings = validate(deploy, { workspace: index });
  assert.equal(loads(), 1);
  validate(analyze(`${ROOT}/orders2.yaml`, deployment(image)), { workspace: index });
  assert.equal(loads(), 1, 'memoised');
  // The same workload against the manifest indexed from a parse on this thread: the same findings.
  const parsed = new WorkspaceIndex();
  parsed.configure({ processId: null, rootUri: ROOT, capabilities: {}, workspaceFolders: [{ uri: ROOT, name: 'w' }] });
  parsed.updateOpen(analyze(MANIFEST_URI, ordersExitManifest(image)));
  assert.deepEqual(findings, validate(analyze(`${ROOT}/orders.yaml`, deployment(image)), { workspace: parsed }));
  assert.ok(findings.length > 0, 'the comparison covers findings');
});

test('a summary without manifests drops what the document held', () => {
  const { index } = indexWithSummary('registry.example.com/orders:1.0');
  assert.equal(index.updateOpenFromSummary(MANIFEST_URI, [], () => assert.fail('never parsed')), true);
  assert.deepEqual([...index.manifests()], []);
  assert.equal(index.updateOpenFromSummary(MANIFEST_URI, [], () => assert.fail('never parsed')), false, 'nothing before, nothing now');
});
