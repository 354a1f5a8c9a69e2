// Bad input to inspect: one clear message, exit 2, nothing written.
export class InspectInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InspectInputError';
  }
}
