// Command ids and custom requests shared by the VS Code client and the server.
export const Commands = {
  restartServer: 'criuPortability.restartServer',
  showOutput: 'criuPortability.showOutput',
  probeHost: 'criuPortability.probeHost',
} as const;

export const SETTINGS_SECTION = 'criuPortability';

export interface Settings {
  enable: boolean;
  rules: Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>;
  maxFileSizeKB: number;
  /** The editor shows at most this many diagnostics per file, the most severe first. */
  maxDiagnosticsPerFile: number;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, maxFileSizeKB: 5120, maxDiagnosticsPerFile: 1000 };

/** Custom requests of the host probe (the probe runs in the server, so a remote window probes the remote host). */
export const ProbeRequests = {
  /** () → HostReport: this host, its microarchitecture, a verdict per workspace manifest. */
  probeHost: 'criuPortability/probeHost',
  /** { uri } → { ok, text } | null: the language status of a manifest. */
  hostVerdict: 'criuPortability/hostVerdict',
  /** { name } → { text }: a new manifest with this host as the checkpoint host. */
  manifestFromHost: 'criuPortability/manifestFromHost',
  /** () → { text }: node affinity YAML requiring this host's NFD-published features. */
  nodeAffinityForHost: 'criuPortability/nodeAffinityForHost',
  /** { uri, name, line? } → WorkspaceEdit | null: append this host as a restore target of the manifest at line (else the first). */
  addHostAsTarget: 'criuPortability/addHostAsTarget',
} as const;

/**
 * Node flags the extension starts the server with. V8 otherwise grows the young generation and the heap during a
 * burst of parses and never gives the memory back (npm run bench: 240 MB RSS with 200 open documents, 123 MB with
 * these). 512 MB of old space leaves room for the largest file the size cap admits (5 MB of restore workloads, tens
 * of thousands of findings: test/protocol/limits.test.ts); 256 MB did not. --expose-gc lets the server collect once
 * documents are closed (lsp/idleCollector.ts): an idle process never collects by itself. Other clients can pass the
 * same flags: `node --max-old-space-size=512 --max-semi-space-size=2 --expose-gc dist/server.js --stdio`.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=512', '--max-semi-space-size=2', '--expose-gc'];
