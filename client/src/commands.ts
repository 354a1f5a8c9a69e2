// Commands (package.json `contributes.commands`, plus the probe actions, which are internal: the report's buttons
// and the tests call them with arguments). New commands: add an entry to COMMANDS.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands } from '../../server/src/protocol';
import { addHostAsTarget, copyNodeAffinity, createManifestFromHost } from './probe/actions';
import type { ProbeView } from './probe/probeView';

export const COMMAND_IDS = {
  ...Commands,
  /** (name?: string) → TextDocument | undefined */
  createManifestFromHost: 'criuPortability.createManifestFromHost',
  /** (uri?: Uri, name?: string) → boolean */
  addHostAsTarget: 'criuPortability.addHostAsTarget',
  /** () → string | undefined (the YAML copied) */
  copyNodeAffinity: 'criuPortability.copyNodeAffinity',
} as const;

export interface CommandServices {
  client: LanguageClient;
  probeView: ProbeView;
}

type CommandHandler = (services: CommandServices, ...args: any[]) => unknown;

const COMMANDS: Record<string, CommandHandler> = {
  [COMMAND_IDS.restartServer]: async ({ client }) => {
    client.outputChannel.info('Restarting the language server (command).');
    await client.restart();
  },
  [COMMAND_IDS.showOutput]: ({ client }) => client.outputChannel.show(true),
  [COMMAND_IDS.probeHost]: ({ probeView }) => probeView.show(),
  [COMMAND_IDS.createManifestFromHost]: ({ client }, name?: string) => createManifestFromHost(client, name),
  [COMMAND_IDS.addHostAsTarget]: ({ client }, uri?: vscode.Uri, name?: string) => addHostAsTarget(client, uri, name),
  [COMMAND_IDS.copyNodeAffinity]: ({ client }) => copyNodeAffinity(client),
};

/** Registers every command; the disposables go into `context.subscriptions`. */
export function registerCommands(context: vscode.ExtensionContext, services: CommandServices): void {
  for (const [id, handler] of Object.entries(COMMANDS)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => handler(services, ...args)));
  }
}
