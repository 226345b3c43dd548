// One run at a time, the latest request wins: a what-if dragged across many values runs the first and the
// last, never a queue of stale ones. `request(x)` replaces whatever is waiting; `pending()` tells a run in
// progress that a newer request follows, so it can skip showing its now-stale result.
export function latestWins(run) {
  let wanted = null;
  let running = false;
  async function pump() {
    running = true;
    while (wanted) {
      const next = wanted;
      wanted = null;
      await run(next);
    }
    running = false;
  }
  return {
    request(x) {
      wanted = x;
      if (!running) pump();
    },
    pending: () => wanted !== null,
  };
}
