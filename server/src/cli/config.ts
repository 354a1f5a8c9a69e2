// Finding and reading `.criu-portability.yaml` for the CLI: `--config FILE`, else the nearest one upward
// from the working directory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, formatConfigErrors, parseProjectConfig, type ProjectConfig } from '../engine/config/index';
import { UsageError } from './usage';
import { MAX_CONFIG_BYTES, readRegularFile } from './readInput';

export interface LoadedConfig {
  config: ProjectConfig;
  /** The config file, absent when there is none. */
  file?: string;
  /** Directory its `ignore` patterns are relative to. */
  base: string;
}

export function findConfigUpward(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Throws UsageError (exit 2) when the named file is missing or the config is invalid. */
export function loadConfig(explicit: string | undefined, cwd: string): LoadedConfig {
  const file = explicit ?? findConfigUpward(cwd);
  if (!file) return { config: EMPTY_CONFIG, base: cwd };
  const { text } = readRegularFile(file, 'config file', MAX_CONFIG_BYTES);
  const { config, errors } = parseProjectConfig(text);
  const shown = path.relative(cwd, file) || file;
  if (errors.length) throw new UsageError(`invalid config file:\n${formatConfigErrors(shown, errors)}`);
  return { config, file, base: path.dirname(path.resolve(file)) };
}
