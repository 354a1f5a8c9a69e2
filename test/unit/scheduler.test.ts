import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationScheduler } from '../../server/src/lsp/scheduler';

/** Resolves when `runs` reaches n, with the elapsed ms; polls, never sleeps a fixed time. */
async function until(runs: string[], n: number, timeoutMs = 2000): Promise<void> {
  const t0 = Date.now();
  while (runs.length < n) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`only ${runs.length} runs after ${timeoutMs} ms`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('ValidationScheduler', () => {
  test('an immediate run (didOpen) is not postponed by the debounced change event that follows it', async () => {
    const runs: string[] = [];
    const s = new ValidationScheduler(10_000, (uri) => runs.push(uri));
    s.schedule('a', 0); // didOpen
    s.schedule('a'); // onDidChangeContent, fired by TextDocuments right after onDidOpen
    await until(runs, 1, 1000);
    assert.deepEqual(runs, ['a']);
    assert.equal(s.isPending('a'), false);
    s.dispose();
  });

  test('debounced runs restart the delay on each change and run once', async () => {
    const runs: string[] = [];
    const s = new ValidationScheduler(30, (uri) => runs.push(uri));
    const t0 = Date.now();
    s.schedule('a');
    await new Promise((r) => setTimeout(r, 20));
    s.schedule('a');
    await until(runs, 1);
    assert.ok(Date.now() - t0 >= 45, 'the second change restarted the debounce');
    assert.deepEqual(runs, ['a']);
    s.dispose();
  });

  test('an immediate run replaces a pending debounced one', async () => {
    const runs: string[] = [];
    const s = new ValidationScheduler(10_000, (uri) => runs.push(uri));
    s.schedule('a');
    s.schedule('a', 0);
    await until(runs, 1, 1000);
    assert.deepEqual(runs, ['a']);
    s.dispose();
  });

  test('cancel drops the pending run; documents are independent', async () => {
    const runs: string[] = [];
    const s = new ValidationScheduler(5, (uri) => runs.push(uri));
    s.schedule('a');
    s.schedule('b');
    s.cancel('a');
    s.schedule('c', 40); // 'a' would have run long before 'c'
    await until(runs, 2);
    assert.deepEqual(runs, ['b', 'c']);
    s.dispose();
  });
});
