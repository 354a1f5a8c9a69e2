// A reusable LSP test client: spawns `node dist/server.js --stdio` (run `npm run build` first), speaks JSON-RPC
// over its stdio with vscode-jsonrpc, records published diagnostics, and polls (never sleeps a fixed time).
//
//   const client = await LspClient.start();
//   await client.open(uri, text, 'criu-manifest');
//   const diags = await client.waitForDiagnostics(uri, (d) => d.length > 0);
//   const actions = await client.codeActions(uri, diags);
//   const fixed = applyWorkspaceEdit(text, uri, actions[0].edit!);
//   await client.shutdown();
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction, CodeLens, CompletionItem, CompletionList, Diagnostic, Hover, InitializeResult, Position,
  PublishDiagnosticsParams, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-protocol';

export const SERVER_JS = path.resolve(__dirname, '..', '..', 'dist', 'server.js');

export interface StartOptions {
  /** Settings answered to workspace/configuration (section criuPortability). */
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
  rootUri?: string | null;
  env?: NodeJS.ProcessEnv;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});

export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  stderr = '';
  /** window/logMessage messages the server sent (connection.console). */
  readonly logs: string[] = [];
  initializeResult?: InitializeResult;
  /** How many workspace/codeLens/refresh requests the server sent. */
  codeLensRefreshes = 0;

  private constructor(
    readonly proc: ChildProcess,
    readonly connection: MessageConnection,
    private settings: Record<string, unknown>,
  ) {}

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    live.add(proc);
    proc.on('exit', () => live.delete(proc));
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspClient(proc, connection, options.settings ?? {});
    proc.stderr!.on('data', (d: Buffer) => (client.stderr += d.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: unknown) => {
      const params = p as PublishDiagnosticsParams;
      client.diagnostics.set(params.uri, params);
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => void client.logs.push(p.message));
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'criuPortability' || !i.section ? client.settings : null)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => {
      client.codeLensRefreshes++;
      return null;
    });
    connection.listen();
    client.initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, codeLens: { refreshSupport: true } },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true, dataSupport: true },
          codeLens: {},
        },
      },
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, text: string, languageId = uri.endsWith('.criu.yaml') ? 'criu-manifest' : 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    this.diagnostics.delete(uri);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (full sync change); diagnostics for the new version are awaited with waitForDiagnostics. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  /** Polls until diagnostics for the document's current version satisfy `accept`. */
  async waitForDiagnostics(uri: string, accept: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const version = this.versions.get(uri);
    return poll(() => {
      const p = this.diagnostics.get(uri);
      if (!p || (p.version !== undefined && version !== undefined && p.version !== version)) return undefined;
      return accept(p.diagnostics) ? p.diagnostics : undefined;
    }, timeoutMs, () => `diagnostics for ${uri} v${version}; last: ${JSON.stringify(this.diagnostics.get(uri)?.diagnostics.map((d) => d.code))}; stderr: ${this.stderr}`);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const r = await this.connection.sendRequest<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
    return Array.isArray(r) ? r : r?.items ?? [];
  }

  codeActions(uri: string, diagnostics: Diagnostic[], range = diagnostics[0]?.range): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics, only: ['quickfix'] },
    });
  }

  codeLenses(uri: string): Promise<CodeLens[]> {
    return this.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params);
  }

  async shutdown(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 3000);
      await this.connection.sendNotification('exit');
    } catch {
      // A server that does not answer is killed below.
    }
    await poll(() => (this.proc.exitCode !== null || this.proc.signalCode !== null ? true : undefined), 2000, () => 'server exit').catch(() => this.proc.kill('SIGKILL'));
    this.connection.dispose();
    live.delete(this.proc);
  }
}

/** Applies the edits a WorkspaceEdit makes to one document (changes or documentChanges). */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit): string {
  const edits: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
  for (const dc of edit.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) edits.push(...(dc.edits as TextEdit[]));
  }
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 0, text), edits);
}

export async function poll<T>(get: () => T | undefined, timeoutMs: number, what: () => string, intervalMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then((v) => (clearTimeout(t), resolve(v)), (e) => (clearTimeout(t), reject(e)));
  });
}
