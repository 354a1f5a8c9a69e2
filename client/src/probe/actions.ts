// The probe report's actions. Each asks for what it needs (a name, a manifest) unless the caller passes it, so
// the webview buttons, the QuickPick and the e2e tests share one code path. Failures become messages, not throws.
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WorkspaceEdit } from 'vscode-languageclient';
import { ProbeRequests } from '../../../server/src/protocol';
import type { HostReport, ManifestVerdict } from '../../../server/src/engine/probe/report';

/** metadata.name and target names: a DNS-1123 label, as Kubernetes names are. */
const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function validateName(value: string): string | undefined {
  if (!value) return 'A name is required.';
  return NAME_PATTERN.test(value) ? undefined : 'Use lower-case letters, digits and "-" (a DNS label, like a Kubernetes name).';
}

/** A default name from the host name, made DNS-safe. */
export function defaultHostName(): string {
  const name = os.hostname().toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);
  return name || 'this-host';
}

async function report(what: string, error: unknown): Promise<undefined> {
  const message = error instanceof Error ? error.message : String(error);
  void vscode.window.showErrorMessage(`CRIU Portability: ${what} failed: ${message}`);
  return undefined;
}

/**
 * "Create checkpoint manifest from this host": an untitled `<name>.criu.yaml` beside the workspace root (saving
 * it writes there), holding the server's manifest text. Returns the document, or undefined when cancelled/failed.
 */
export async function createManifestFromHost(client: LanguageClient, name?: string): Promise<vscode.TextDocument | undefined> {
  name ??= await vscode.window.showInputBox({
    title: 'Create checkpoint manifest from this host',
    prompt: 'metadata.name of the new manifest (the service whose image is checkpointed here)',
    value: 'my-service',
    validateInput: validateName,
  });
  if (!name) return undefined;
  try {
    const { text } = await client.sendRequest<{ text: string }>(ProbeRequests.manifestFromHost, { name });
    const folder = vscode.workspace.workspaceFolders?.[0];
    let doc: vscode.TextDocument;
    if (folder && folder.uri.scheme === 'file') {
      const target = vscode.Uri.joinPath(folder.uri, `${name}.criu.yaml`).with({ scheme: 'untitled' });
      doc = await vscode.workspace.openTextDocument(target);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(target, new vscode.Range(0, 0, doc.lineCount, 0), text);
      await vscode.workspace.applyEdit(edit);
      if (doc.languageId !== 'criu-manifest') doc = await vscode.languages.setTextDocumentLanguage(doc, 'criu-manifest');
    } else {
      doc = await vscode.workspace.openTextDocument({ language: 'criu-manifest', content: text });
    }
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  } catch (error) {
    return report('Create checkpoint manifest from this host', error);
  }
}

/** The manifest editor the user last worked in: a command run from the probe page (a webview) has no active editor. */
let lastManifestEditor: vscode.Uri | undefined;
export function trackManifestEditors(): vscode.Disposable {
  const note = (e: vscode.TextEditor | undefined) => {
    if (e && isManifestDocument(e.document)) lastManifestEditor = e.document.uri;
  };
  note(vscode.window.activeTextEditor);
  return vscode.window.onDidChangeActiveTextEditor(note);
}

export function isManifestDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'criu-manifest' || (doc.languageId === 'yaml' && /^kind:\s*CheckpointManifest\b/m.test(doc.getText()));
}

/** The active editor's manifest, or the one last active (commands run from the probe page). */
export function activeManifest(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && isManifestDocument(doc)) return doc.uri;
  return lastManifestEditor;
}

/**
 * Which manifest gets this host as a target: the active editor's when this host's architecture can restore it,
 * otherwise a pick among the workspace manifests of this host's architecture (the server's report lists open and
 * unopened ones, with a verdict each), the active one first.
 */
async function pickManifest(client: LanguageClient): Promise<vscode.Uri | undefined> {
  const report = await client.sendRequest<HostReport>(ProbeRequests.probeHost);
  const active = activeManifest();
  const byUri = new Map<string, ManifestVerdict>();
  for (const m of report.manifests) if (!byUri.has(m.uri)) byUri.set(m.uri, m);
  const activeVerdict = active && byUri.get(active.toString());
  if (active && activeVerdict && !activeVerdict.archMismatch) return active;
  const candidates = [...byUri.values()].filter((m) => !m.archMismatch);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`CRIU Portability: no checkpoint manifest for ${report.host.arch} (this host's architecture) is in the workspace.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((m) => {
      const uri = vscode.Uri.parse(m.uri);
      return { label: vscode.workspace.asRelativePath(uri), description: m.name, detail: m.ok ? 'this host can restore it' : `this host lacks ${m.missing.join(', ')}`, uri };
    }),
    { title: 'Add this host as a restore target of…', placeHolder: `a ${report.host.arch} checkpoint manifest` },
  );
  return picked?.uri;
}

/**
 * "Add this host as a restore target": opens the manifest and applies the server's edit (appending the host to
 * `restore.targets`); the edit is left unsaved for the user to review. Returns whether an edit was applied.
 */
export async function addHostAsTarget(client: LanguageClient, uri?: vscode.Uri, name?: string): Promise<boolean> {
  try {
    uri ??= await pickManifest(client);
  } catch (error) {
    return (await report('Add this host as a restore target', error)) ?? false;
  }
  if (!uri) return false;
  name ??= await vscode.window.showInputBox({
    title: 'Add this host as a restore target',
    prompt: 'Name of the restore target',
    value: defaultHostName(),
    validateInput: validateName,
  });
  if (!name) return false;
  try {
    // Opening the document hands it to the server (didOpen precedes the request on the same connection).
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    // In a multi-document file, the manifest under the cursor.
    const editor = vscode.window.activeTextEditor;
    const line = editor?.document.uri.toString() === doc.uri.toString() ? editor.selection.active.line : undefined;
    const edit = await client.sendRequest<WorkspaceEdit | null>(ProbeRequests.addHostAsTarget, { uri: doc.uri.toString(), name, line });
    if (!edit) {
      void vscode.window.showWarningMessage(`CRIU Portability: ${vscode.workspace.asRelativePath(uri)} is not a checkpoint manifest the server could edit.`);
      return false;
    }
    const applied = await vscode.workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(edit));
    if (!applied) void vscode.window.showWarningMessage('CRIU Portability: the editor refused the edit (was the file changed meanwhile?).');
    return applied;
  } catch (error) {
    return (await report('Add this host as a restore target', error)) ?? false;
  }
}

/** "Copy node affinity for this host's features": NFD node-affinity YAML to the clipboard. Returns the text. */
export async function copyNodeAffinity(client: LanguageClient): Promise<string | undefined> {
  let text: string;
  try {
    ({ text } = await client.sendRequest<{ text: string }>(ProbeRequests.nodeAffinityForHost));
  } catch (error) {
    return report('Copy node affinity', error);
  }
  try {
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage('CRIU Portability: node affinity for this host\'s features copied to the clipboard.');
  } catch {
    // Some browsers refuse clipboard access; the text still has to reach the user.
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
    await vscode.window.showTextDocument(doc, { preview: false });
  }
  return text;
}
