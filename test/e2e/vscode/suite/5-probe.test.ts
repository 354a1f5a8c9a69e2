// "CRIU: Probe Host CPU" in a real editor: the report (through the extension's exports), its webview, the three
// actions, and the language status item's verdict following the active manifest and its edits.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostReport } from '../../../../server/src/engine/probe/report';
import { api, discardActiveEditor, MANIFEST_HEAD, openFile, openUntitled, waitFor } from './helpers';

const NODE_ARCH: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64', ppc64: 'ppc64le', s390x: 's390x' };
/** Real x86 features (data/archspec/cpuid.json) that a host may well lack; the test uses one this host lacks. */
const RARE_X86_FEATURES = ['avx512er', 'avx512_4vnniw', 'amx_tile', 'avx512_fp16', 'amx_int8'];

suite('host probe', () => {
  let report: HostReport;

  suiteSetup(async () => {
    await openFile('problems.criu.yaml'); // activates the extension and makes the manifest known to the server
  });

  test('CRIU: Probe Host CPU produces a report of this host and shows it in a webview', async () => {
    await vscode.commands.executeCommand('criuPortability.probeHost');
    const state = api().probe;
    assert.equal(state.error, undefined, `the probe failed: ${state.error}`);
    report = state.report!;
    assert.ok(report, 'no report');
    assert.equal(report.host.arch, NODE_ARCH[process.arch], 'the report describes the machine the extension host runs on');
    assert.ok(report.host.features.length > 5, `only ${report.host.features.length} features`);
    assert.ok(report.detection.microarchitecture, 'a microarchitecture is named');
    assert.ok(report.baselineFeatures.every((f) => report.host.features.includes(f)), 'baseline marks are host features');
    const problems = report.manifests.find((m) => m.uri.endsWith('/problems.criu.yaml'));
    assert.ok(problems, `problems.criu.yaml is open, so it has a verdict; verdicts: ${JSON.stringify(report.manifests)}`);
    if (report.host.arch === 'x86_64') assert.equal(problems.ok, report.host.features.includes('avx2'), 'problems.criu.yaml requires avx2 (and the baseline)');

    const html = state.html!;
    // The microarchitecture cell starts with the name; a near miss (a flag a hypervisor hides) follows it.
    assert.match(html, new RegExp(`>${report.detection.microarchitecture}(<|, not )`));
    if (report.detection.x86Level === report.detection.microarchitecture) assert.match(html, /x86-64 level<\/th><td>[\w]+ \(the same: /, 'a repeated name says why');
    assert.match(html, /<h2>Can this host restore (these \d+ checkpoints \(|[\w-]+\?)/, 'the question names the checkpoints');
    assert.doesNotMatch(html.replace(/data-open="[^"]*"/g, ''), /file:\/\//, 'manifests are links, not raw file:// paths');
    for (const action of ['createManifest', 'addTarget', 'copyAffinity']) assert.match(html, new RegExp(`data-action="${action}"`));
    assert.match(html, /orders-service/, 'the manifest name appears with its verdict');
    await waitFor('the Host CPU webview tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Host CPU'));
  });

  test('"Create checkpoint manifest from this host" opens an untitled manifest of this host', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('criuPortability.createManifestFromHost', 'e2e-host');
    try {
      assert.ok(doc, 'no document');
      assert.equal(doc.isUntitled, true, 'nothing is written until the user saves');
      assert.equal(doc.languageId, 'criu-manifest');
      assert.match(doc.getText(), /name: e2e-host/);
      assert.match(doc.getText(), new RegExp(`microarchitecture: ${report.detection.microarchitecture}\\b`));
      assert.equal(vscode.window.activeTextEditor?.document, doc, 'the new manifest is shown');
    } finally {
      await discardActiveEditor();
    }
  });

  test('"Add this host as a restore target" appends it to restore.targets', async () => {
    const doc = await openUntitled('criu-manifest', `${MANIFEST_HEAD}restore:\n  onIncompatibleCpu: exit\n  targets:\n    - name: old-nodes\n      microarchitecture: haswell\n`);
    try {
      const applied = await vscode.commands.executeCommand<boolean>('criuPortability.addHostAsTarget', doc.uri, 'e2e-target');
      assert.equal(applied, true, 'the edit was applied');
      assert.match(doc.getText(), /- name: old-nodes[\s\S]*- name: e2e-target/);
      assert.match(doc.getText(), new RegExp(`microarchitecture: ${report.detection.microarchitecture}\\b`));
    } finally {
      await discardActiveEditor();
    }
  });

  test('"Copy node affinity for this host\'s features" puts NFD node affinity on the clipboard', async () => {
    const text = await vscode.commands.executeCommand<string | undefined>('criuPortability.copyNodeAffinity');
    assert.ok(text, 'no text');
    assert.match(text, /nodeAffinity:/);
    assert.match(text, /key: kubernetes\.io\/arch/);
    assert.equal(await vscode.env.clipboard.readText(), text);
  });

  test('the language status item says whether this host can restore the active manifest, and follows edits', async () => {
    const doc = await openFile('problems.criu.yaml');
    const expected = report.host.arch !== 'x86_64' ? false : report.host.features.includes('avx2');
    const status = await waitFor('a verdict for problems.criu.yaml', () => {
      const s = api().hostStatus();
      return s?.uri === doc.uri.toString() ? s : undefined;
    });
    assert.equal(status.ok, expected, status.text);
    if (expected) assert.equal(status.text, 'This host can restore this image');
    else assert.match(status.text, /^This host (lacks .*avx2|cannot restore this image)/);

    if (report.host.arch !== 'x86_64') return; // the rest names x86 features
    const lacking = RARE_X86_FEATURES.find((f) => !report.host.features.includes(f));
    assert.ok(lacking, `this host has all of ${RARE_X86_FEATURES.join(', ')}`);
    const manifest = await openUntitled('criu-manifest', `${MANIFEST_HEAD}requires: [sse2]\nrestore:\n  onIncompatibleCpu: exit\n`);
    try {
      await waitFor('"can restore" on the new manifest (active editor change)', () => {
        const s = api().hostStatus();
        return s?.uri === manifest.uri.toString() && s.ok === true ? s : undefined;
      });
      const edit = new vscode.WorkspaceEdit();
      edit.replace(manifest.uri, new vscode.Range(manifest.positionAt(manifest.getText().indexOf('sse2')), manifest.positionAt(manifest.getText().indexOf('sse2') + 4)), lacking);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const after = await waitFor(`"lacks ${lacking}" after the edit (debounced refresh)`, () => {
        const s = api().hostStatus();
        return s?.uri === manifest.uri.toString() && s.version === manifest.version && s.ok === false ? s : undefined;
      });
      assert.equal(after.text, `This host lacks ${lacking}`);
    } finally {
      await discardActiveEditor();
    }
  });
});
