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
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, maxFileSizeKB: 5120 };

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
