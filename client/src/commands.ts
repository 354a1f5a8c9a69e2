// Commands (package.json `contributes.commands`). The probe actions are palette commands working on the active
// editor; the report's buttons and the tests call the same commands, optionally with arguments. New commands: add
// an entry to COMMANDS and to package.json.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands } from '../../server/src/protocol';
import { addHostAsTarget, copyNodeAffinity, createManifestFromHost } from './probe/actions';
import { importCheckpoint } from './importCheckpoint';
import { SHOW_RULE_COMMAND, showRule } from './rulePages';
import type { ProbeView } from './probe/probeView';

export const COMMAND_IDS = {
  ...Commands,
  /** (name?: string) → TextDocument | undefined */
  createManifestFromHost: 'criuPortability.createManifestFromHost',
  /** (uri?: Uri, name?: string) → boolean */
  addHostAsTarget: 'criuPortability.addHostAsTarget',
  /** () → string | undefined (the YAML copied) */
  copyNodeAffinity: 'criuPortability.copyNodeAffinity',
  /** (id?: string) → Uri | undefined: the rule's page, rendered */
  showRule: SHOW_RULE_COMMAND,
  /** (image?: Uri, manifest?: Uri) → string[] | undefined: the changes written into the manifest */
  importCheckpoint: 'criuPortability.importCheckpoint',
} as const;

export interface CommandServices {
  client: LanguageClient;
  probeView: ProbeView;
  extensionUri: vscode.Uri;
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
  [COMMAND_IDS.showRule]: ({ extensionUri }, id?: string) => showRule(extensionUri, id),
  [COMMAND_IDS.importCheckpoint]: ({ extensionUri }, image?: vscode.Uri, manifest?: vscode.Uri) => importCheckpoint(extensionUri, image, manifest),
};

/** Registers every command; the disposables go into `context.subscriptions`. */
export function registerCommands(context: vscode.ExtensionContext, services: CommandServices): void {
  for (const [id, handler] of Object.entries(COMMANDS)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => handler(services, ...args)));
  }
}
