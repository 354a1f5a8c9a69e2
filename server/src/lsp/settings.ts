// Settings come from the client (`workspace/configuration`, section criuPortability) when it can answer, else
// from initializationOptions, else defaults; anything malformed falls back to the default value.
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, type Settings } from '../protocol';

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

export function sanitize(raw: unknown): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Settings['rules'] = {};
  if (s.rules && typeof s.rules === 'object') {
    for (const [id, v] of Object.entries(s.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && SEVERITIES.has(v)) rules[id] = v as Settings['rules'][string];
    }
  }
  return {
    enable: typeof s.enable === 'boolean' ? s.enable : DEFAULT_SETTINGS.enable,
    rules,
    maxFileSizeKB: typeof s.maxFileSizeKB === 'number' && s.maxFileSizeKB > 0 ? s.maxFileSizeKB : DEFAULT_SETTINGS.maxFileSizeKB,
    maxDiagnosticsPerFile: Number.isSafeInteger(s.maxDiagnosticsPerFile) && (s.maxDiagnosticsPerFile as number) > 0 ? (s.maxDiagnosticsPerFile as number) : DEFAULT_SETTINGS.maxDiagnosticsPerFile,
  };
}

export class SettingsStore {
  private current: Settings = DEFAULT_SETTINGS;
  canPull = false;

  constructor(private readonly connection: Connection) {}

  get value(): Settings {
    return this.current;
  }

  /** initializationOptions may be anything a client sends (42, "abc", null): only an object carries settings. */
  setFromInitOptions(options: unknown): void {
    if (!options || typeof options !== 'object' || Array.isArray(options)) return;
    const o = options as Record<string, unknown>;
    this.current = sanitize(SETTINGS_SECTION in o ? o[SETTINGS_SECTION] : o);
  }

  /** Re-read settings; `pushed` is what didChangeConfiguration carried (clients that cannot be asked). */
  async refresh(pushed?: unknown): Promise<void> {
    if (this.canPull) {
      try {
        const [value] = await this.connection.workspace.getConfiguration([{ section: SETTINGS_SECTION }]);
        if (value !== null && value !== undefined) {
          this.current = sanitize(value);
          return;
        }
      } catch {
        // A client that advertises configuration but fails to answer: keep what we have.
      }
    }
    const p = pushed as Record<string, unknown> | undefined;
    if (p && typeof p === 'object' && !Array.isArray(p) && SETTINGS_SECTION in p) this.current = sanitize(p[SETTINGS_SECTION]);
  }
}
