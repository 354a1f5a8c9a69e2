// A minimal LSP client over stdio for the benchmark: spawns a server, answers the requests servers make of
// clients, records every publishDiagnostics with its arrival time, and reads the server's RSS from /proc.
// Every peer is registered so that main can kill them all, even on error.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  count: number;
  at: number;
}

type Waiter = { uri: string; accept: (p: PublishedDiagnostics) => boolean; resolve: (p: PublishedDiagnostics) => void };

const livePeers = new Set<LspPeer>();

/** Kill every server still running (called on exit and on error). */
export function killAllPeers(): void {
  for (const peer of livePeers) peer.kill();
}

export class LspPeer {
  readonly child: ChildProcess;
  readonly connection: MessageConnection;
  readonly spawnedAt: number;
  private readonly waiters = new Set<Waiter>();
  private readonly versions = new Map<string, number>();
  private stderrTail = '';

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    private readonly settings: Record<string, unknown>,
    cwd: string,
  ) {
    this.spawnedAt = performance.now();
    this.child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    livePeers.add(this);
    this.child.on('exit', () => livePeers.delete(this));
    this.child.stderr!.on('data', (d: Buffer) => (this.stderrTail = (this.stderrTail + d.toString()).slice(-2000)));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map((it) => this.setting(it.section)));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('telemetry/event', () => undefined);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
      const published: PublishedDiagnostics = { uri: p.uri, version: p.version, count: p.diagnostics.length, at: performance.now() };
      for (const w of this.waiters) {
        if (w.uri === p.uri && w.accept(published)) {
          this.waiters.delete(w);
          w.resolve(published);
        }
      }
    });
    this.connection.listen();
  }

  private setting(section: string | undefined): unknown {
    if (!section) return this.settings;
    return section.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), this.settings) ?? null;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Sends initialize + initialized (+ didChangeConfiguration); resolves with ms from spawn to the initialize answer. */
  async initialize(rootUri: string): Promise<number> {
    await this.withTimeout(
      this.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'bench' }],
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
          textDocument: {
            synchronization: { dynamicRegistration: true },
            publishDiagnostics: { relatedInformation: true, versionSupport: true },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            completion: { completionItem: { snippetSupport: true } },
          },
        },
        initializationOptions: this.settings,
      }),
      20_000,
      'initialize',
    );
    const ms = performance.now() - this.spawnedAt;
    await this.connection.sendNotification('initialized', {});
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.settings });
    return ms;
  }

  /** The next diagnostics published for `uri` that `accept` takes. Register before sending what triggers them. */
  diagnostics(uri: string, accept: (p: PublishedDiagnostics) => boolean = () => true, timeoutMs = 60_000): Promise<PublishedDiagnostics> {
    let waiter!: Waiter;
    const p = new Promise<PublishedDiagnostics>((resolve) => {
      waiter = { uri, accept, resolve };
      this.waiters.add(waiter);
    });
    return this.withTimeout(p, timeoutMs, `diagnostics for ${uri}`).finally(() => this.waiters.delete(waiter));
  }

  /** Opens a document; resolves with the ms from sending didOpen to the first diagnostics for it. */
  async openAndWait(uri: string, languageId: string, text: string): Promise<{ ms: number; count: number }> {
    const version = 1;
    this.versions.set(uri, version);
    const waiting = this.diagnostics(uri, (p) => p.version === undefined || p.version === version);
    const t0 = performance.now();
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    const published = await waiting;
    return { ms: published.at - t0, count: published.count };
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** One incremental change; resolves with the ms from sending it to the diagnostics of its version. */
  async changeAndWait(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const waiting = this.diagnostics(uri, (p) => p.version === version);
    const t0 = performance.now();
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return (await waiting).at - t0;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Round-trip time of a request in ms, and whether it answered something (non-null, non-empty). */
  async timeRequest(method: string, params: unknown): Promise<{ ms: number; answered: boolean }> {
    const t0 = performance.now();
    const result = await this.withTimeout(this.connection.sendRequest(method, params), 10_000, method);
    const ms = performance.now() - t0;
    const items = Array.isArray(result) ? result : (result as { items?: unknown[] } | null)?.items;
    return { ms, answered: result != null && (!Array.isArray(items) || items.length > 0) };
  }

  /** Resident set size of the server process in MB (VmRSS of /proc/<pid>/status). */
  rssMB(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    return kb / 1024;
  }

  async shutdown(): Promise<void> {
    try {
      await this.withTimeout(this.connection.sendRequest('shutdown'), 3000, 'shutdown');
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      await this.connection.sendNotification('exit');
      // A clean exit lets `--cpu-prof` write its profile; killed below anyway.
      await this.withTimeout(exited, 5000, 'exit');
    } catch {
      // Killed below anyway.
    }
    this.kill();
  }

  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    livePeers.delete(this);
  }

  private withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.name}: timed out after ${ms} ms waiting for ${what}; stderr: ${this.stderrTail.slice(-500)}`)), ms);
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }
}
