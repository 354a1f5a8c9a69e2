// "CRIU: Import Checkpoint from Image…": pick an image (a docker/podman save archive, an OCI layout or CRIU
// directory, a cpuinfo.img), read it with the bundled CLI (`inspect --manifest -`, the manifest's current text on
// standard input) and apply the result to the manifest as one undoable edit. The CLI does the reading and the
// text edits, so the extension carries no image decoder.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';

interface InspectOutput {
  manifest: { text: string; changes: string[] };
}

/** The active manifest, or undefined. */
function activeManifest(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.uri.scheme !== 'file') return undefined;
  return doc.languageId === 'criu-manifest' || /kind:\s*CheckpointManifest/.test(doc.getText()) ? doc : undefined;
}

/**
 * Fills `manifest` (default: the active manifest) from the image at `image` (default: asked with a file picker).
 * Returns the changes made, or undefined when cancelled or failed (the failure is shown).
 */
export async function importCheckpoint(extensionUri: vscode.Uri, image?: vscode.Uri, manifest?: vscode.Uri): Promise<string[] | undefined> {
  const doc = manifest ? await vscode.workspace.openTextDocument(manifest) : activeManifest();
  if (!doc) {
    void vscode.window.showErrorMessage('CRIU Portability: open a checkpoint manifest (*.criu.yaml) first, then import the checkpoint into it.');
    return undefined;
  }
  if (!image) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Import Checkpoint from Image',
      openLabel: 'Import',
      canSelectFiles: true,
      canSelectFolders: true,
      canSelectMany: false,
      defaultUri: vscode.Uri.file(path.dirname(doc.uri.fsPath)),
    });
    image = picked?.[0];
    if (!image) return undefined;
  }
  const cli = vscode.Uri.joinPath(extensionUri, 'dist', 'cli.js').fsPath;
  const args = [cli, 'inspect', image.fsPath, '--manifest', '-', '--manifest-path', doc.uri.fsPath, '--json'];
  let out: InspectOutput;
  try {
    out = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading ${path.basename(image.fsPath)}…` }, () => run(args, doc.getText()));
  } catch (e) {
    void vscode.window.showErrorMessage(`CRIU Portability: ${(e as Error).message}`);
    return undefined;
  }
  if (out.manifest.text !== doc.getText()) {
    const edit = new vscode.WorkspaceEdit();
    const { range, text } = changedSpan(doc, out.manifest.text);
    edit.replace(doc.uri, range, text);
    await vscode.workspace.applyEdit(edit);
  }
  void vscode.window.showInformationMessage(out.manifest.changes.length ? `Imported the checkpoint: ${out.manifest.changes.join('; ')}` : 'The manifest already says what the image says.');
  return out.manifest.changes;
}

function run(args: string[], input: string): Promise<InspectOutput> {
  return new Promise((resolve, reject) => {
    // The extension host runs Electron as Node for its children only with ELECTRON_RUN_AS_NODE.
    const child = execFile(process.execPath, args, { maxBuffer: 32 << 20, timeout: 600_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }, (err, stdout, stderr) => {
      if (err) return reject(new Error(stderr.trim().replace(/^criu-portability inspect: /, '') || err.message));
      try {
        resolve(JSON.parse(stdout) as InspectOutput);
      } catch (e) {
        reject(new Error(`unreadable inspect output: ${(e as Error).message}`));
      }
    });
    child.stdin?.end(input);
  });
}

/** The span that differs between the document and the new text (common prefix and suffix kept), as one edit. */
function changedSpan(doc: vscode.TextDocument, next: string): { range: vscode.Range; text: string } {
  const current = doc.getText();
  let start = 0;
  while (start < current.length && start < next.length && current[start] === next[start]) start++;
  let endA = current.length;
  let endB = next.length;
  while (endA > start && endB > start && current[endA - 1] === next[endB - 1]) {
    endA--;
    endB--;
  }
  return { range: new vscode.Range(doc.positionAt(start), doc.positionAt(endA)), text: next.slice(start, endB) };
}
