// The worker thread that validates large documents off the server's request path (offThread.ts); the work itself is
// offThreadEngine.ts.
import { parentPort } from 'node:worker_threads';
import type { OffThreadJob } from './offThreadTypes';
import { OffThreadEngine } from './offThreadEngine';

const engine = new OffThreadEngine();

parentPort!.on('message', (msg: OffThreadJob | { forget: string }) => {
  if ('forget' in msg) {
    engine.forget(msg.forget);
    return;
  }
  try {
    parentPort!.postMessage(engine.run(msg));
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: (err as Error).stack ?? String(err) });
  }
});
