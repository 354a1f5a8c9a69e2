// Usage and input errors: the command prints the message and exits 2 (ARCHITECTURE.md#contracts).
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
