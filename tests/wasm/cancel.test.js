// Cancel without terminating the engine (issue 13): in the simd-threads build the module's memory is a
// SharedArrayBuffer, so another thread sets the cancel word while a run is busy; the run stops with code
// 'cancelled', the worker lives on, and after the reset the next run on the same module completes.
// The simd build has no shared memory: it offers no word (the page terminates its worker instead).
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { test } from 'node:test';
import { loadVariant } from './load.js';

const FOREST = { world: 'uplift', simulate: { rows: 20000, features: 5, seed: 3 }, command: 'uplift',
  options: { treatment: 'w', outcome: 'y', learner: 'causal_forest', trees: 2000 } };

function next(worker, type) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (m.type !== type) return;
      worker.off('message', on);
      resolve(m);
    };
    worker.on('message', on);
  });
}

test('simd: no shared memory, so no cancel word', async () => {
  const { api } = await loadVariant('simd');
  assert.equal(api.cancelWord(), null);
});

test('simd-threads: the cancel word stops a causal forest within 250 ms; the same module runs the next job', async () => {
  const worker = new Worker(new URL('./cancel-worker.js', import.meta.url), { workerData: { variant: 'simd-threads' } });
  try {
    const { cancelWord } = await next(worker, 'ready');
    assert.ok(cancelWord && cancelWord.buffer instanceof SharedArrayBuffer, 'a word in shared memory');
    const word = new Int32Array(cancelWord.buffer);

    let progress = [];
    const seenProgress = new Promise((resolve) => worker.on('message', (m) => m.type === 'progress' && (progress.push(m.fraction), m.fraction > 0.3 && resolve())));
    const done = next(worker, 'done');
    worker.postMessage({ type: 'run', ...FOREST });
    await seenProgress;
    const t0 = performance.now();
    Atomics.store(word, cancelWord.index, 1);
    const stopped = await done;
    const ms = performance.now() - t0;
    console.log(`simd-threads: the causal forest stopped ${ms.toFixed(1)} ms after the cancel word was set`);
    assert.equal(stopped.ok, false);
    assert.equal(stopped.code, 'cancelled');
    // The bar is 250 ms (issue 13); one message hop each way is included here.
    assert.ok(ms < 250, `stopped after ${ms} ms`);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i] >= progress[i - 1], 'progress never goes back');

    // While the word is set, a queued run stops at once; after the reset the next run completes.
    worker.postMessage({ type: 'run', ...FOREST, options: { ...FOREST.options, trees: 50 } });
    assert.equal((await next(worker, 'done')).code, 'cancelled');
    worker.postMessage({ type: 'reset' });
    await next(worker, 'reset');
    worker.postMessage({ type: 'run', ...FOREST, simulate: { ...FOREST.simulate, rows: 2000 }, options: { ...FOREST.options, trees: 50 } });
    const after = await next(worker, 'done');
    assert.equal(after.ok, true, after.message);
  } finally {
    worker.postMessage({ type: 'exit' });
    await new Promise((resolve) => worker.once('exit', resolve));
  }
});
