// A one-line progress indicator on stderr, only when stderr is a terminal and the tree is large, so
// logs and pipes never see it.
export const PROGRESS_THRESHOLD = 200;

export class Progress {
  private shown = false;
  private last = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(label: string, done: number, total?: number): void {
    if (!this.enabled || (total ?? done) < PROGRESS_THRESHOLD) return;
    const now = Date.now();
    if (now - this.last < 100 && done !== total) return; // At most ten redraws a second.
    this.last = now;
    this.shown = true;
    this.stream.write(`\r\u001b[2K${label} ${total === undefined ? done : `${done}/${total}`} files…`);
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\u001b[2K');
    this.shown = false;
  }
}
