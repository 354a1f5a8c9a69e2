// Editor features in a real VS Code: outline, links and definitions between a Deployment and its manifest, code
// lenses that follow edits (no stale summary), the probe commands on the active editor (the added target passes its
// own check on this machine), rule pages rendered, and the getting-started walkthrough's steps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, discardActiveEditor, EXTENSION_ID, staysTrue, MANIFEST_HEAD, openFile, openUntitled, ourDiagnostics, positionOf, ruleId, waitFor, workspaceFile } from './helpers';

const symbolNames = (symbols: vscode.DocumentSymbol[] | undefined) => (symbols ?? []).map((s) => s.name);

/** Asks a provider command until the answer satisfies `accept` (the server may still be scanning or debouncing). */
async function ask<T>(what: string, get: () => Thenable<T>, accept: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await get();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last answer: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const lensTitles = (uri: vscode.Uri) =>
  vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri).then((l) => (l ?? []).map((x) => x.command?.title ?? ''));

suite('editor features', () => {
  suiteSetup(async () => {
    await openFile('problems.criu.yaml');
  });

  test('outline of a manifest and of a Deployment', async () => {
    const manifest = workspaceFile('problems.criu.yaml');
    const symbols = await ask('manifest symbols', () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', manifest), (s) => (s?.length ?? 0) > 0);
    assert.equal(symbols[0].name, 'orders-service');
    const requires = symbols[0].children.find((c) => c.name === 'requires');
    assert.deepEqual(symbolNames(requires?.children), ['avx2']);

    const deploy = await openFile('inventory-deployment.yaml');
    const kube = await ask('Deployment symbols naming the manifest', () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', deploy.uri),
      (s) => !!s?.[0]?.children?.[0]?.detail?.includes('restores inventory.criu.yaml'));
    assert.equal(kube[0].name, 'Deployment inventory');
    assert.equal(kube[0].children[0].name, 'inventory');
  });

  test('the image of a restore container links to its manifest: document link, definition, hover, lens; references back', async () => {
    const deploy = await openFile('inventory-deployment.yaml');
    const manifestUri = workspaceFile('inventory.criu.yaml');
    const links = await ask('a document link to inventory.criu.yaml', () => vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', deploy.uri),
      (l) => (l ?? []).some((x) => x.target?.path === manifestUri.path));
    assert.equal(links.length, 1);
    const at = positionOf(deploy, 'registry.example.com/inventory').translate(0, 3);
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', deploy.uri, at);
    const target = defs[0] && ('targetUri' in defs[0] ? defs[0].targetUri : defs[0].uri);
    assert.equal(target?.path, manifestUri.path);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', deploy.uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*inventory\.criu\.yaml\*\* · checkpoint manifest `inventory`/);
    assert.deepEqual(await lensTitles(deploy.uri), ['restores inventory.criu.yaml · no restore targets listed']);

    const manifest = await openFile('inventory.criu.yaml');
    const refs = await ask('references from the manifest', () => vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', manifest.uri, positionOf(manifest, 'name: inventory').translate(0, 7)),
      (r) => (r ?? []).length > 0);
    assert.ok(refs.some((r) => r.uri.path.endsWith('/inventory-deployment.yaml')), JSON.stringify(refs.map((r) => r.uri.path)));
  });

  test('code lenses after edits: the summary changes together with the target lenses', async () => {
    const text = `${MANIFEST_HEAD}requires: [avx2]\nrestore:\n  onIncompatibleCpu: exit\n  targets:\n    - name: pool-a\n      microarchitecture: ivybridge\n    - name: pool-b\n      microarchitecture: haswell\n`;
    const doc = await openUntitled('criu-manifest', text);
    try {
      assert.deepEqual(await ask('the first lenses', () => lensTitles(doc.uri), (t) => t.length === 3), ['1 of 2 restore targets can restore this image', '✗ lacks avx2', '✓ can restore']);
      const edit = new vscode.WorkspaceEdit();
      const start = positionOf(doc, 'ivybridge');
      edit.replace(doc.uri, new vscode.Range(start, start.translate(0, 'ivybridge'.length)), 'skylake');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const after = await ask('lenses after the edit', () => lensTitles(doc.uri), (t) => t[1] === '✓ can restore');
      assert.deepEqual(after, ['2 of 2 restore targets can restore this image', '✓ can restore', '✓ can restore']);
    } finally {
      await discardActiveEditor();
    }
  });

  test('probe commands work on the active editor: the added target passes its own check on this machine', async () => {
    await vscode.commands.executeCommand('criuPortability.probeHost');
    const report = api().probe.report!;
    if (report.host.arch !== 'x86_64') return; // the manifest below is x86_64
    const doc = await openUntitled('criu-manifest', `${MANIFEST_HEAD}requires: [sse4_2]\nrestore:\n  onIncompatibleCpu: exit\n  targets:\n    - name: old-nodes\n      microarchitecture: haswell\n`);
    try {
      // No uri: the command takes the active editor's manifest (a name is passed to skip the input box).
      const applied = await vscode.commands.executeCommand<boolean>('criuPortability.addHostAsTarget', undefined, 'this-machine');
      assert.equal(applied, true);
      assert.match(doc.getText(), /- name: this-machine\n {6}microarchitecture: /);
      const titles = await ask('a lens for the new target', () => lensTitles(doc.uri), (t) => t.length === 3);
      assert.equal(titles[2], '✓ can restore', `this host can restore a manifest requiring only sse4_2: ${titles.join(' | ')}\n${doc.getText()}`);
      assert.equal(titles[0], '2 of 2 restore targets can restore this image');
      // And the file's diagnostics never say the new target lacks anything.
      await staysTrue('no diagnostic about this-machine', () => ourDiagnostics(doc.uri).every((d) => !/this-machine/.test(d.message)),
        () => ourDiagnostics(doc.uri).map((d) => d.message).join('\n'));
    } finally {
      await discardActiveEditor();
    }
  });

  test('rule links open the rendered page', async () => {
    const doc = await openFile('problems.criu.yaml');
    const diag = await waitFor('feature-outside-baseline', () => ourDiagnostics(doc.uri).find((d) => ruleId(d) === 'feature-outside-baseline'));
    const code = diag.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.scheme, 'command');
    assert.match(decodeURIComponent(code.target.query), /"feature-outside-baseline"/);
    await vscode.commands.executeCommand(code.target.path, ...JSON.parse(decodeURIComponent(code.target.query)));
    const tab = await waitFor('a Markdown preview of the rule page', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType) && /feature-outside-baseline/.test(t.label)));
    assert.ok(tab);
    // Not opened as an editable text document.
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.path.endsWith('/docs/rules/feature-outside-baseline.md') && vscode.window.visibleTextEditors.some((e) => e.document === d)));
    await vscode.window.tabGroups.close(tab);
  });

  test('the walkthrough opens, and its steps run commands that exist', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const walkthrough = ext.packageJSON.contributes.walkthroughs[0];
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough.steps as { id: string; description: string }[]) {
      for (const [, id] of step.description.matchAll(/\(command:([\w.]+)/g)) assert.ok(commands.has(id), `${step.id}: ${id}`);
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough.id}`, false);
    await waitFor('the walkthrough tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /Welcome|Walkthrough|CRIU/i.test(t.label)));
    // Step 1 (create a manifest from this host) works end to end.
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('criuPortability.createManifestFromHost', 'walkthrough-svc');
    assert.match(doc?.getText() ?? '', /name: walkthrough-svc/);
    await discardActiveEditor();
  });
});
