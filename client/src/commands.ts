// Command palette commands (package.json `contributes.commands`). New commands: add an entry to COMMANDS.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const COMMAND_IDS = {
  restartServer: 'criuPortability.restartServer',
  showOutput: 'criuPortability.showOutput',
} as const;

type CommandHandler = (client: LanguageClient) => unknown;

const COMMANDS: Record<string, CommandHandler> = {
  [COMMAND_IDS.restartServer]: async (client) => {
    client.outputChannel.info('Restarting the language server (command).');
    await client.restart();
  },
  [COMMAND_IDS.showOutput]: (client) => client.outputChannel.show(true),
};

/** Registers every command; the disposables go into `context.subscriptions`. */
export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  for (const [id, handler] of Object.entries(COMMANDS)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, () => handler(client)));
  }
}
