// Per-document debounce: a newer version cancels the pending run, and a result computed for a version that is
// no longer current is dropped instead of published. An immediate run (delay 0: didOpen, settings change) is
// never postponed by a debounced one: TextDocuments fires onDidChangeContent right after onDidOpen, which
// otherwise pushed every didOpen's diagnostics back by the whole debounce (measured by `npm run bench`). The
// immediate run validates the document's current text, so it covers the change as well.
export class ValidationScheduler {
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; immediate: boolean }>();

  constructor(
    private readonly delayMs: number,
    private readonly run: (uri: string) => void,
  ) {}

  schedule(uri: string, delayMs = this.delayMs): void {
    const immediate = delayMs <= 0;
    if (!immediate && this.timers.get(uri)?.immediate) return;
    this.cancel(uri);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      this.run(uri);
    }, delayMs);
    this.timers.set(uri, { timer, immediate });
  }

  /** Whether a run is pending for the uri. */
  isPending(uri: string): boolean {
    return this.timers.has(uri);
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t.timer);
    this.timers.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
  }
}
