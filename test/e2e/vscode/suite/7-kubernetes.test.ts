// Kubernetes YAML in a real editor: a Deployment whose container restores the image of a workspace manifest
// (linked by `image`) gets the Kubernetes rules' diagnostics, and the capabilities quick fix removes one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import {
  describeDiagnostics, discardActiveEditor, openFile, openUntitled, ourDiagnostics, ruleId, waitFor, waitForCodes, workspaceFile,
} from './helpers';

suite('kubernetes', () => {
  test('a Liberty InstantOn Deployment linked to inventory.criu.yaml by image gets restore-capabilities-missing', async () => {
    const doc = await openFile('inventory-deployment.yaml');
    assert.equal(doc.languageId, 'yaml');
    const diags = await waitForCodes(doc.uri, ['restore-capabilities-missing']);
    const caps = diags.find((d) => ruleId(d) === 'restore-capabilities-missing')!;
    assert.equal(caps.severity, vscode.DiagnosticSeverity.Error);
  });

  test('its quick fix adds CHECKPOINT_RESTORE and SETPCAP and the diagnostic goes', async () => {
    // An untitled copy, so the fixture on disk stays as committed; the link is by image, so it still applies.
    const doc = await openUntitled('yaml', readFileSync(workspaceFile('inventory-deployment.yaml').fsPath, 'utf8'));
    try {
      const diags = await waitForCodes(doc.uri, ['restore-capabilities-missing']);
      const caps = diags.find((d) => ruleId(d) === 'restore-capabilities-missing')!;
      const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
        'vscode.executeCodeActionProvider', doc.uri, caps.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a): a is vscode.CodeAction => 'edit' in a && !!a.edit && /^Add CHECKPOINT_RESTORE, SETPCAP/.test(a.title));
      assert.ok(fix, `no quick fix for restore-capabilities-missing; actions: ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit!));
      assert.match(doc.getText(), /CHECKPOINT_RESTORE/);
      assert.match(doc.getText(), /SETPCAP/);
      await waitFor('restore-capabilities-missing to go', () =>
        ourDiagnostics(doc.uri).some((d) => ruleId(d) === 'restore-capabilities-missing') ? undefined : true,
      ).catch((e: Error) => {
        throw new Error(`${e.message}; diagnostics now:\n${describeDiagnostics(doc.uri)}`);
      });
    } finally {
      await discardActiveEditor();
    }
  });
});
