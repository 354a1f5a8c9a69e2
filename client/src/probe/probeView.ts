// "CRIU: Probe Host CPU": asks the server (which runs where the workspace is, so a remote window probes the remote
// machine) for a HostReport and shows it in a webview with the three actions as buttons.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { HostReport } from '../../../server/src/engine/probe/report';
import { ProbeRequests } from '../../../server/src/protocol';
import { renderErrorHtml, renderReportHtml, type ProbeAction } from './reportHtml';

/** What the last probe produced; the extension exports it so tests can see the report without reading pixels. */
export interface ProbeState {
  report?: HostReport;
  error?: string;
  html?: string;
}

export class ProbeView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  readonly last: ProbeState = {};

  constructor(private readonly client: LanguageClient) {}

  /** Probes and shows the report (reusing the open panel). Never throws: a failure is shown in the panel. */
  async show(): Promise<ProbeState> {
    const panel = this.ensurePanel();
    const ctx = {
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      label: (uri: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri)),
    };
    try {
      const report = await this.client.sendRequest<HostReport>(ProbeRequests.probeHost);
      Object.assign(this.last, { report, error: undefined, html: renderReportHtml(report, ctx) });
      this.client.outputChannel.info(`Host probe: ${report.host.arch} ${report.detection.microarchitecture}, ${report.host.features.length} features, ${report.manifests.length} manifest(s).`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      Object.assign(this.last, { report: undefined, error: message, html: renderErrorHtml(message, ctx) });
      this.client.outputChannel.error(`Host probe failed: ${message}`);
      void vscode.window.showErrorMessage(`CRIU Portability: the host probe failed: ${message}`);
    }
    panel.webview.html = this.last.html!;
    return this.last;
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.reveal(undefined, true);
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel('criuPortability.hostReport', 'Host CPU', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => (this.panel = undefined));
    panel.webview.onDidReceiveMessage((message: { action?: ProbeAction; open?: string }) => {
      if (typeof message.open === 'string') void this.open(message.open);
      else void this.run(message.action);
    });
    this.panel = panel;
    return panel;
  }

  /** A manifest link of the page: only uris the report listed are opened. */
  async open(uri: string): Promise<void> {
    if (!this.last.report?.manifests.some((m) => m.uri === uri)) return;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
  }

  /** A button of the page: the same commands as the palette's. */
  async run(action: ProbeAction | undefined): Promise<void> {
    switch (action) {
      case 'createManifest':
        await vscode.commands.executeCommand('criuPortability.createManifestFromHost');
        break;
      case 'addTarget':
        await vscode.commands.executeCommand('criuPortability.addHostAsTarget');
        break;
      case 'copyAffinity':
        await vscode.commands.executeCommand('criuPortability.copyNodeAffinity');
        break;
      case 'refresh':
        await this.show();
        break;
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
