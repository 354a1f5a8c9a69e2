// VS Code entry point: starts the criu-portability language server, registers the commands, the host probe view
// and the host-verdict language status item.
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { HostStatusItem, type HostStatus } from './probe/hostStatus';
import { ProbeView, type ProbeState } from './probe/probeView';
import { trackManifestEditors } from './probe/actions';
import { createClientOptions, createServerOptions, CONFIG_SECTION } from './serverOptions';

/** What `activate` returns (the extension's `exports`): for other extensions and the e2e tests. */
export interface CriuPortabilityApi {
  readonly client: LanguageClient;
  /** The last "Probe Host CPU" result (report or error, and the page's HTML). */
  readonly probe: Readonly<ProbeState>;
  /** The language status item's verdict for the active manifest, once known. */
  hostStatus(): HostStatus | undefined;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<CriuPortabilityApi> {
  const outputChannel = vscode.window.createOutputChannel('CRIU Portability', { log: true });
  const traceOutputChannel = vscode.window.createOutputChannel('CRIU Portability (LSP trace)', { log: true });
  context.subscriptions.push(outputChannel, traceOutputChannel);

  // The id must equal the settings prefix: the client reads `<id>.trace.server` for message tracing.
  const lc = new LanguageClient(
    CONFIG_SECTION,
    'CRIU Portability',
    createServerOptions(context),
    createClientOptions(outputChannel, traceOutputChannel, vscode.workspace.isTrusted),
  );
  client = lc;
  const probeView = new ProbeView(lc);
  const hostStatus = new HostStatusItem(lc);
  context.subscriptions.push(probeView, hostStatus);
  // After a start or restart the server has an empty cache: ask again about the active manifest.
  context.subscriptions.push(lc.onDidChangeState((e) => e.newState === State.Running && void hostStatus.refreshNow()));
  registerCommands(context, { client: lc, probeView, extensionUri: context.extensionUri });
  context.subscriptions.push(trackManifestEditors());
  // Trust granted: restart with the folder scan and the project config the untrusted start left out.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      lc.clientOptions.initializationOptions = { workspaceTrusted: true };
      outputChannel.info('Workspace trusted: restarting the server to read the workspace.');
      await lc.restart();
    }),
  );
  try {
    await lc.start();
    outputChannel.info(`Language server started (extension ${context.extension.packageJSON.version}).`);
  } catch (error) {
    // Stay active so "CRIU: Restart Server" and "CRIU: Show Output" remain usable.
    outputChannel.error('The language server did not start.', error);
    void vscode.window.showErrorMessage('CRIU Portability: the language server did not start. See "CRIU: Show Output".');
  }
  return { client: lc, probe: probeView.last, hostStatus: () => hostStatus.current };
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.dispose();
}
