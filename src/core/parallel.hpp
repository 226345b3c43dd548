// Deterministic data parallelism. Work is cut into chunks whose boundaries
// depend only on the problem size and the grain, never on the thread count, so
// a reduction that combines chunk results in chunk order gives identical bits
// at 1 or N threads. Built without threads (the single-thread WASM variant) or
// for small work, everything runs on the calling thread.
#pragma once
#include <cstddef>
#include <functional>
#include <vector>

namespace incrementa {

// Threads used by parallel_for; defaults to the hardware's count, capped at 16
// (and at the pthread pool size under Emscripten). 1 = serial.
size_t thread_count();
void set_thread_count(size_t n);  // 0 = default
// True when this build can run threads at all.
bool threads_available();

// Calls body(chunk_begin, chunk_end) for consecutive ranges of at most
// `grain` items covering [0, n). Chunks may run concurrently. The first
// exception thrown by any chunk is rethrown on the caller after all workers stop.
void parallel_for(size_t n, size_t grain, const std::function<void(size_t, size_t)>& body);

// Number of chunks parallel_for uses for (n, grain): index c covers
// [c*grain, min(n, (c+1)*grain)).
inline size_t chunk_count(size_t n, size_t grain) { return grain == 0 ? 0 : (n + grain - 1) / grain; }

// Runs map(begin, end) -> T per chunk, then folds the chunk results in chunk
// order with reduce(acc, part). Identical at any thread count.
template <class T, class Map, class Reduce>
T parallel_map_reduce(size_t n, size_t grain, T init, Map map, Reduce reduce) {
  const size_t chunks = chunk_count(n, grain);
  std::vector<T> parts(chunks, init);
  parallel_for(chunks, 1, [&](size_t c0, size_t c1) {
    for (size_t c = c0; c < c1; ++c) {
      const size_t b = c * grain, e = b + grain < n ? b + grain : n;
      parts[c] = map(b, e);
    }
  });
  for (auto& p : parts) reduce(init, p);
  return init;
}

}  // namespace incrementa
