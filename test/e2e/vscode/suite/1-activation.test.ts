// The extension activates when a checkpoint manifest is opened, and starts its language server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFile, waitFor } from './helpers';

suite('activation', () => {
  test('the extension is installed and not active before a manifest or YAML file is opened', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (extensionDevelopmentPath wrong?)`);
    assert.equal(ext.isActive, false, 'activation events are onLanguage only; nothing should have activated it yet');
  });

  test('opening *.criu.yaml gives language criu-manifest and activates the extension', async () => {
    const doc = await openFile('problems.criu.yaml');
    assert.equal(doc.languageId, 'criu-manifest');
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitFor('extension activation', () => (ext.isActive ? true : undefined));
  });

  test('the contributed commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['criuPortability.restartServer', 'criuPortability.showOutput', 'criuPortability.probeHost']) {
      assert.ok(commands.includes(id), `command ${id} missing`);
    }
  });
});
