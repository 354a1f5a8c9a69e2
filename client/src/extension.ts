// VS Code entry point: starts the criu-portability language server and registers the commands.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { createClientOptions, createServerOptions, CONFIG_SECTION } from './serverOptions';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const outputChannel = vscode.window.createOutputChannel('CRIU Portability', { log: true });
  const traceOutputChannel = vscode.window.createOutputChannel('CRIU Portability (LSP trace)', { log: true });
  context.subscriptions.push(outputChannel, traceOutputChannel);

  // The id must equal the settings prefix: the client reads `<id>.trace.server` for message tracing.
  client = new LanguageClient(
    CONFIG_SECTION,
    'CRIU Portability',
    createServerOptions(context),
    createClientOptions(outputChannel, traceOutputChannel),
  );
  registerCommands(context, client);
  try {
    await client.start();
    outputChannel.info(`Language server started (extension ${context.extension.packageJSON.version}).`);
  } catch (error) {
    // Stay active so "CRIU: Restart Server" and "CRIU: Show Output" remain usable.
    outputChannel.error('The language server did not start.', error);
    void vscode.window.showErrorMessage('CRIU Portability: the language server did not start. See "CRIU: Show Output".');
  }
  return client;
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.dispose();
}
