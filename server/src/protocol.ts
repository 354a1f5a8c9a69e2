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
