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

  test('background runs (a linked manifest changed): one run per document per burst, after the burst is quiet', async () => {
    const runs: string[] = [];
    const s = new ValidationScheduler(20, (uri) => runs.push(uri));
    for (let i = 0; i < 5; i++) {
      s.scheduleBackground('k1');
      s.scheduleBackground('k2');
    }
    await until(runs, 2);
    assert.deepEqual(runs.sort(), ['k1', 'k2']);
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(runs.length, 2, 'each ran once');
    s.dispose();
  });

  test('a pending run of the document stands for the background run; a later own run replaces it', async () => {
    const runs: string[] = [];
    const s = new ValidationScheduler(20, (uri) => runs.push(uri));
    s.schedule('a', 0);
    s.scheduleBackground('a'); // ignored: the pending run validates against the new workspace anyway
    s.scheduleBackground('b');
    s.schedule('b'); // the edit's debounced run replaces the background one
    await until(runs, 2);
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(runs, ['a', 'b']);
    s.dispose();
  });

  test('background runs wait for documents opened meanwhile: their first diagnostics come first', async () => {
    const runs: string[] = [];
    let s!: ValidationScheduler;
    s = new ValidationScheduler(5, (uri) => {
      runs.push(uri);
      if (uri === 'k1') s.schedule('opened', 0); // a didOpen that arrives while dependents revalidate
    });
    s.scheduleBackground('k1');
    s.scheduleBackground('k2');
    await until(runs, 3);
    assert.deepEqual(runs, ['k1', 'opened', 'k2']);
    s.dispose();
  });

  test('cancel and dispose drop background runs', async () => {
    const runs: string[] = [];
    const s = new ValidationScheduler(5, (uri) => runs.push(uri));
    s.scheduleBackground('gone');
    s.scheduleBackground('kept');
    s.cancel('gone');
    await until(runs, 1);
    assert.deepEqual(runs, ['kept']);
    s.scheduleBackground('late');
    s.dispose();
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(runs, ['kept']);
  });
});
