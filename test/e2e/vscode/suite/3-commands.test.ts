// Command palette commands: "CRIU: Restart Server" really restarts the server, "CRIU: Show Output" runs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, openFile, ourDiagnostics, waitForCodes } from './helpers';

suite('commands', () => {
  test('CRIU: Restart Server clears the diagnostics, restarts the client, and the diagnostics come back', async () => {
    const doc = await openFile('problems.criu.yaml');
    await waitForCodes(doc.uri, ['restore-policy-missing']);
    let cleared = false;
    const watch = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === doc.uri.toString()) && ourDiagnostics(doc.uri).length === 0) cleared = true;
    });
    try {
      await vscode.commands.executeCommand('criuPortability.restartServer');
    } finally {
      watch.dispose();
    }
    assert.ok(cleared, 'stopping the old server should have cleared its diagnostics');
    const { client } = api();
    assert.ok(client.isRunning(), 'the client is running again after the restart');
    await waitForCodes(doc.uri, ['feature-outside-baseline', 'restore-policy-missing']);
  });

  test('CRIU: Show Output runs', async () => {
    await vscode.commands.executeCommand('criuPortability.showOutput');
  });
});
