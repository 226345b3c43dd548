// kit/latest.js: one run at a time, and only the latest of the requests made during a run is run next.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { latestWins } from '../../web/src/kit/latest.js';

test('requests made during a run: only the latest runs next; pending() says one is waiting', async () => {
  const ran = [];
  const seenPending = [];
  let release;
  const queue = latestWins(async (x) => {
    ran.push(x);
    if (x === 1) await new Promise((resolve) => (release = resolve));
    seenPending.push(queue.pending());
  });
  queue.request(1);
  queue.request(2);
  queue.request(3);
  release();
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(ran, [1, 3]);
  assert.deepEqual(seenPending, [true, false]);
  assert.equal(queue.pending(), false);
});
