// Language features through VS Code's own provider commands (what the editor calls on mouse-over, Ctrl+Space and
// the light bulb): hover on a feature, completion of a feature name, the restore-policy quick fix applied.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  describeDiagnostics, discardActiveEditor, MANIFEST_HEAD, openFile, openUntitled, ourDiagnostics, positionOf, ruleId,
  waitFor, waitForCodes,
} from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

suite('language features', () => {
  test('hovering a feature names it and its first microarchitectures (avx2: Haswell)', async () => {
    const doc = await openFile('problems.criu.yaml');
    await waitForCodes(doc.uri, ['feature-outside-baseline']); // the server has analysed the document
    const at = positionOf(doc, 'avx2', 1).translate(0, 2); // the `requires: [avx2]` entry (#0 is in the comment)
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at));
    assert.match(text, /avx2/i, `hover: ${text}`);
    assert.match(text, /haswell/i, `hover: ${text}`);
  });

  test('completing in a requires list offers feature names (avx2)', async () => {
    const doc = await openUntitled('criu-manifest', `${MANIFEST_HEAD}requires: [av]\nrestore:\n  onIncompatibleCpu: exit\n`);
    try {
      const at = positionOf(doc, '[av').translate(0, 3);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
      const labels = list.items.map(labelOf);
      assert.ok(labels.includes('avx2'), `avx2 not offered; got ${labels.slice(0, 30).join(', ')}${labels.length > 30 ? '…' : ''}`);
    } finally {
      await discardActiveEditor();
    }
  });

  test('the restore-policy quick fix, applied, makes restore-policy-missing go', async () => {
    const doc = await openUntitled('criu-manifest', `${MANIFEST_HEAD}requires: [avx2]\n`);
    try {
      const diags = await waitForCodes(doc.uri, ['restore-policy-missing', 'feature-outside-baseline']);
      const missing = diags.find((d) => ruleId(d) === 'restore-policy-missing')!;
      const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
        'vscode.executeCodeActionProvider', doc.uri, missing.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a): a is vscode.CodeAction => 'edit' in a && !!a.edit && /^Set restore policy to exit/.test(a.title));
      assert.ok(fix, `no quick fix for restore-policy-missing; actions: ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the editor applied the fix');
      assert.match(doc.getText(), /onIncompatibleCpu: (exit|cold-start)/);
      await waitFor('restore-policy-missing to go while feature-outside-baseline stays', () => {
        const codes = ourDiagnostics(doc.uri).map(ruleId);
        return !codes.includes('restore-policy-missing') && codes.includes('feature-outside-baseline') ? true : undefined;
      }).catch((e: Error) => {
        throw new Error(`${e.message}; diagnostics now:\n${describeDiagnostics(doc.uri)}`);
      });
    } finally {
      await discardActiveEditor();
    }
  });
});
