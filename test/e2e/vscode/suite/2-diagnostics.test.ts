// Pushed diagnostics in a real editor: a manifest with problems gets them, plain YAML does not.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFile, ourDiagnostics, ruleId, staysTrue, waitForCodes, describeDiagnostics } from './helpers';

suite('diagnostics', () => {
  test('a manifest with problems gets criu-portability diagnostics', async () => {
    const doc = await openFile('problems.criu.yaml');
    const diags = await waitForCodes(doc.uri, ['feature-outside-baseline', 'restore-policy-missing']);
    const outside = diags.find((d) => ruleId(d) === 'feature-outside-baseline')!;
    // The finding points at the avx2 entry of `requires: [avx2]`.
    assert.equal(doc.getText(outside.range), 'avx2');
    assert.equal(outside.severity, vscode.DiagnosticSeverity.Warning);
  });

  test('an ordinary YAML file (a ConfigMap) gets none', async () => {
    const configMap = await openFile('configmap.yaml');
    assert.equal(configMap.languageId, 'yaml');
    // A document opened after the ConfigMap gets its diagnostics only once the server has caught up, so by then
    // the ConfigMap has been validated too; then it must stay clean.
    const later = await vscode.workspace.openTextDocument({
      language: 'criu-manifest',
      content: 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: later\narch: x86_64\n',
    });
    await waitForCodes(later.uri, ['restore-policy-missing']);
    await staysTrue('no diagnostics on configmap.yaml', () => ourDiagnostics(configMap.uri).length === 0,
      () => `(have: ${describeDiagnostics(configMap.uri)})`);
  });
});
