// When documents are validated. Per-document debounce: a newer version cancels the pending run, and a result computed
// for a version that is no longer current is dropped instead of published. An immediate run (delay 0: didOpen,
// settings change) is never postponed by a debounced one: TextDocuments fires onDidChangeContent right after
// onDidOpen, which otherwise pushed every didOpen's diagnostics back by the whole debounce (measured by
// `npm run bench`). The immediate run validates the document's current text, so it covers the change as well.
//
// Runs that are due go through one queue, one document per turn of the event loop (setImmediate), so that requests
// are answered between them: 150 documents opened at once used to validate back to back in one timers phase.
//
// Revalidations caused by another file (a linked manifest changed) are background work: drained after the
// manifests have been quiet for the debounce, and only while no document waits for its first run. Each manifest
// used to restart a debounce per dependent; once manifests came slower than the debounce (a busy machine), 150
// manifests of one image revalidated 150 open files each in between the opens, and the last of 300 documents opened
// at once got its diagnostics after 180 s instead of 7 s.
export class ValidationScheduler {
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; immediate: boolean }>();
  /** Due now, in order (an ordered set). */
  private readonly due = new Set<string>();
  private readonly background = new Set<string>();
  private backgroundTimer?: NodeJS.Timeout;
  private backgroundReady = false;
  private pumping?: NodeJS.Immediate;

  constructor(
    private readonly delayMs: number,
    private readonly run: (uri: string) => void,
  ) {}

  schedule(uri: string, delayMs = this.delayMs): void {
    if (this.due.has(uri)) return; // about to run, on the text as it is then
    const immediate = delayMs <= 0;
    if (!immediate && this.timers.get(uri)?.immediate) return;
    this.cancel(uri);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      this.due.add(uri);
      this.pump();
    }, delayMs);
    this.timers.set(uri, { timer, immediate });
  }

  /**
   * Revalidate because something the document depends on changed. Nothing to do when a run is pending: it will
   * validate against the workspace as it is then.
   */
  scheduleBackground(uri: string): void {
    if (this.timers.has(uri) || this.due.has(uri)) return;
    this.background.add(uri);
    if (this.backgroundReady) return; // the running drain reaches it
    if (this.backgroundTimer) clearTimeout(this.backgroundTimer);
    this.backgroundTimer = setTimeout(() => {
      this.backgroundTimer = undefined;
      this.backgroundReady = true;
      this.pump();
    }, this.delayMs);
  }

  /** Whether a run is pending for the uri. */
  isPending(uri: string): boolean {
    return this.timers.has(uri) || this.due.has(uri) || this.background.has(uri);
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t.timer);
    this.timers.delete(uri);
    this.due.delete(uri);
    this.background.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
    this.due.clear();
    this.background.clear();
    if (this.backgroundTimer) clearTimeout(this.backgroundTimer);
    if (this.pumping) clearImmediate(this.pumping);
    this.backgroundTimer = this.pumping = undefined;
  }

  private pump(): void {
    this.pumping ??= setImmediate(() => {
      this.pumping = undefined;
      const uri = this.next();
      if (uri === undefined) return;
      this.pump(); // first: a run that throws must not stall the queue
      this.run(uri);
    });
  }

  /** The next due document; else a background one, unless a document still waits for its first (immediate) run. */
  private next(): string | undefined {
    const due = this.due.values().next();
    if (!due.done) {
      this.due.delete(due.value);
      return due.value;
    }
    if (!this.backgroundReady) return undefined;
    if ([...this.timers.values()].some((t) => t.immediate)) return undefined; // its timer pumps again when it fires
    const bg = this.background.values().next();
    if (bg.done) {
      this.backgroundReady = false;
      return undefined;
    }
    this.background.delete(bg.value);
    return bg.value;
  }
}
