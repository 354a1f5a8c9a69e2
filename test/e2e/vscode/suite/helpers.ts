// Shared helpers for the VS Code e2e suites: polling (never fixed sleeps) and diagnostic accessors.
import * as vscode from 'vscode';
import type { CriuPortabilityApi } from '../../../../client/src/extension';
import * as path from 'node:path';

export const EXTENSION_ID = 'criu-portability.criu-portability';
export const SOURCE = 'criu-portability';
/** How long a pushed diagnostic may take: server start-up, debounce and validation on a slow CI box. */
export const DIAGNOSTICS_TIMEOUT_MS = 20_000;

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e run must open test/e2e/workspace as its folder');
  return vscode.Uri.joinPath(folder.uri, ...name.split(path.posix.sep));
}

/** Polls `probe` until it returns a value other than undefined; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = DIAGNOSTICS_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Asserts that `probe` stays true for `windowMs` (polled), e.g. "still no diagnostics". */
export async function staysTrue(what: string, probe: () => boolean, explain = () => '', windowMs = 1_500): Promise<void> {
  const until = Date.now() + windowMs;
  while (Date.now() < until) {
    if (!probe()) throw new Error(`expected ${what} to hold for ${windowMs} ms, it did not ${explain()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Rule id of a diagnostic: `code` is `{ value, target }` when the server sends codeDescription.href. */
export function ruleId(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return String(typeof code === 'object' ? code.value : code);
}

export function describeDiagnostics(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  return all.length === 0
    ? '(none)'
    : all.map((d) => `${d.source}/${ruleId(d)} @${d.range.start.line}:${d.range.start.character} ${d.message}`).join('\n');
}

/** Waits until our diagnostics on `uri` include every rule id in `codes`; returns them. */
export function waitForCodes(uri: vscode.Uri, codes: string[]): Promise<vscode.Diagnostic[]> {
  return waitFor(`diagnostics ${codes.join(', ')} on ${path.basename(uri.path)}`, () => {
    const diags = ourDiagnostics(uri);
    const have = new Set(diags.map(ruleId));
    return codes.every((c) => have.has(c)) ? diags : undefined;
  }).catch((e: Error) => {
    throw new Error(`${e.message}; diagnostics now:\n${describeDiagnostics(uri)}`);
  });
}

export async function openFile(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The extension's exports (client/src/extension.ts `CriuPortabilityApi`); the extension must be active. */
export function api(): CriuPortabilityApi {
  const ext = vscode.extensions.getExtension<CriuPortabilityApi>(EXTENSION_ID);
  if (!ext?.isActive) throw new Error(`${EXTENSION_ID} is not active`);
  return ext.exports;
}

/** An untitled document with `content` (nothing is written to the fixture folder), shown in an editor. */
export async function openUntitled(language: string, content: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Closes the active editor, discarding its changes (the fixture files stay as committed). */
export async function discardActiveEditor(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** Position of the `occurrence`-th `needle` in a document (0-based occurrence). */
export function positionOf(doc: vscode.TextDocument, needle: string, occurrence = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${occurrence}) not in ${doc.uri.toString()}`);
  }
  return doc.positionAt(at);
}

export const MANIFEST_HEAD = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: e2e\narch: x86_64\nbaseline: openj9-portable\n';
