// Large documents are validated in a worker thread (validationWorker.ts), so that hover, completion and code
// actions are answered while a multi-megabyte file validates: a 5 MB file takes about 2 s of parse and rules,
// which on the main thread delayed every request that long. One worker, one run at a time; queued runs are
// per document, the newest version replacing an older one; a newer version of the document being validated
// cancels that run by terminating the worker (the engine is synchronous: it cannot be interrupted otherwise),
// and the next run starts a fresh one. The worker's stdout goes to stderr: stdout carries the protocol.
import { Worker } from 'node:worker_threads';
import type { OffThreadJob, OffThreadResult } from './offThreadTypes';

type Pending = { job: OffThreadJob; resolve: (r: OffThreadResult | undefined) => void };

export class OffThreadValidator {
  private worker?: Worker;
  private running?: Pending;
  private readonly queue = new Map<string, Pending>();
  /** Documents sent to the worker and not forgotten since: it may hold their analyses. */
  private readonly held = new Set<string>();
  private nextId = 1;

  constructor(
    private readonly script: string,
    private readonly log: (message: string) => void,
    private readonly heapMb = 512,
  ) {}

  /** The run's result; undefined when a newer version of the same document (or its closing) superseded it. */
  validate(job: Omit<OffThreadJob, 'id'>): Promise<OffThreadResult | undefined> {
    return new Promise((resolve) => {
      this.supersede(job.uri);
      this.held.add(job.uri);
      this.queue.set(job.uri, { job: { ...job, id: this.nextId++ }, resolve });
      this.pump();
    });
  }

  /**
   * The document closed, or this thread validates it now: drop its queued or running validation and the worker's
   * copy of its analysis. Nothing to do for a document never sent.
   */
  forget(uri: string): void {
    if (!this.held.delete(uri)) return;
    if (!this.supersede(uri)) this.worker?.postMessage({ forget: uri });
    // The last large document closed: the worker's heap goes with the worker. Kept, it held the peak of the
    // largest file validated (a 3 MB file: 250 MB RSS after closing it, against 72 MB idle); the next large
    // document starts a fresh worker, as a cancelled run does.
    if (this.held.size === 0 && !this.running && this.queue.size === 0) {
      void this.worker?.terminate();
      this.worker = undefined;
    }
    this.pump();
  }

  dispose(): void {
    for (const p of this.queue.values()) p.resolve(undefined);
    this.queue.clear();
    this.running?.resolve(undefined);
    this.running = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /** Cancels what is queued or running for the uri; true when a running validation was cancelled. */
  private supersede(uri: string): boolean {
    const queued = this.queue.get(uri);
    if (queued) {
      this.queue.delete(uri);
      queued.resolve(undefined);
    }
    if (this.running?.job.uri !== uri) return false;
    this.running.resolve(undefined);
    this.running = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
    return true;
  }

  private pump(): void {
    if (this.running) return;
    const next = this.queue.entries().next();
    if (next.done) return;
    const [uri, pending] = next.value;
    this.queue.delete(uri);
    this.running = pending;
    this.ensureWorker().postMessage(pending.job);
  }

  private finish(w: Worker, result: (job: OffThreadJob) => OffThreadResult): void {
    if (this.worker !== w || !this.running) return;
    const run = this.running;
    this.running = undefined;
    run.resolve(result(run.job));
    this.pump();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script, { stdout: true, stderr: true, resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    w.stdout.pipe(process.stderr);
    w.stderr.pipe(process.stderr);
    w.on('message', (r: OffThreadResult) => {
      if (this.running && r.id === this.running.job.id) this.finish(w, () => r);
    });
    w.on('error', (err) => {
      this.log(`criu-portability: the validation worker failed: ${err.message}`);
      this.finish(w, (job) => ({ id: job.id, error: err.message }));
      if (this.worker === w) this.worker = undefined;
      this.pump();
    });
    w.on('exit', (code) => {
      this.finish(w, (job) => ({ id: job.id, error: `the validation worker exited with code ${code}` }));
      if (this.worker === w) this.worker = undefined;
      this.pump();
    });
    this.worker = w;
    return w;
  }
}
