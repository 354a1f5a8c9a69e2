// Language status item on checkpoint manifests: "This host can restore this image" / "This host lacks avx2, fma"
// (the server's hostVerdict). Refreshed when the active editor changes, and debounced on edits and saves.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, ProbeRequests } from '../../../server/src/protocol';

interface Verdict {
  ok: boolean;
  text: string;
  missing: string[];
}

/** The item's state for one document; exported for tests (a language status item cannot be read back). */
export interface HostStatus {
  uri: string;
  /** Document version the verdict was computed for. */
  version: number;
  text: string;
  ok: boolean | undefined;
}

const EDIT_DEBOUNCE_MS = 400;
const MANIFEST_SELECTOR: vscode.DocumentSelector = { language: 'criu-manifest' };

export class HostStatusItem implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('criuPortability.hostVerdict', MANIFEST_SELECTOR);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Only the newest request may update the item (an older answer can arrive after a newer one). */
  private sequence = 0;
  current: HostStatus | undefined;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'CRIU host verdict';
    this.item.text = '$(sync~spin) Probing this host…';
    this.item.detail = 'CRIU host probe';
    this.item.command = { title: 'Probe Host CPU', command: Commands.probeHost };
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refreshNow()),
      vscode.workspace.onDidChangeTextDocument((e) => this.isActive(e.document) && this.refreshSoon()),
      vscode.workspace.onDidSaveTextDocument((d) => this.isActive(d) && this.refreshSoon()),
    );
  }

  private isActive(doc: vscode.TextDocument): boolean {
    return doc === vscode.window.activeTextEditor?.document;
  }

  private refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refreshNow(), EDIT_DEBOUNCE_MS);
  }

  /** Asks the server about the active manifest now (also after a server restart). */
  async refreshNow(): Promise<void> {
    clearTimeout(this.timer);
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'criu-manifest' || !this.client.isRunning()) return;
    const mine = ++this.sequence;
    const { version } = doc;
    const uri = doc.uri.toString();
    let status: HostStatus;
    try {
      const verdict = await this.client.sendRequest<Verdict | null>(ProbeRequests.hostVerdict, { uri });
      status = verdict
        ? { uri, version, text: verdict.text, ok: verdict.ok }
        : { uri, version, text: 'Not a checkpoint manifest yet', ok: undefined };
    } catch (error) {
      status = { uri, version, text: `Host probe failed: ${error instanceof Error ? error.message : String(error)}`, ok: undefined };
    }
    if (mine !== this.sequence) return;
    this.current = status;
    this.item.text = status.ok === undefined ? status.text : `${status.ok ? '$(pass)' : '$(warning)'} ${status.text}`;
    this.item.severity = status.ok === false ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
