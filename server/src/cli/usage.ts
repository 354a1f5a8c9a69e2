// Usage and input errors: the command prints the message and exits 2 (ARCHITECTURE.md#contracts).
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
/** check-host: this host cannot restore the image. */
export const EXIT_CANNOT_RESTORE = 3;

/** node:util parseArgs, strict, with its errors (unknown option, missing value) reported as usage errors. */
export function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
