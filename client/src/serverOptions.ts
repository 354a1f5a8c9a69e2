// How the VS Code client starts the language server and which documents it hands to it.
import type * as vscode from 'vscode';
import { TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/protocol';
import { rulePageMiddleware } from './rulePages';

/** Settings section synchronised to the server (package.json `contributes.configuration`). */
export const CONFIG_SECTION = 'criuPortability';

/** The bundled server lives beside dist/extension.js (esbuild.mjs writes both). */
export function createServerOptions(context: vscode.ExtensionContext): ServerOptions {
  const module = context.asAbsolutePath('dist/server.js');
  return {
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_FLAGS } },
    // Debug: let a Node debugger attach to the server process without pausing it.
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6010'] } },
  };
}

export function createClientOptions(
  outputChannel: vscode.LogOutputChannel,
  traceOutputChannel: vscode.LogOutputChannel,
  workspaceTrusted = true,
): LanguageClientOptions {
  return {
    // In an untrusted workspace the server validates open documents only: no folder scan, no project config.
    initializationOptions: { workspaceTrusted },
    // Manifests have their own language; any other YAML may hold Kubernetes objects (docs/kubernetes.md).
    documentSelector: [
      { scheme: 'file', language: 'criu-manifest' },
      { scheme: 'untitled', language: 'criu-manifest' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: CONFIG_SECTION },
    outputChannel,
    traceOutputChannel,
    middleware: rulePageMiddleware,
  };
}
