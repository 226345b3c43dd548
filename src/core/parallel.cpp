#include "core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>

#if !defined(__EMSCRIPTEN__) || defined(__EMSCRIPTEN_PTHREADS__)
#define INCREMENTA_HAS_THREADS 1
#include <thread>
#else
#define INCREMENTA_HAS_THREADS 0
#endif

namespace incrementa {

namespace {
std::atomic<size_t> g_threads{0};
// A worker thread runs nested parallel_for calls serially: the pool is not
// re-entered, and results do not change (chunks are fixed either way).
thread_local bool t_inside_worker = false;
#if defined(__EMSCRIPTEN__) && INCREMENTA_HAS_THREADS
// Must not exceed the pthread pool, min(hardware threads, 8) (see
// -sPTHREAD_POOL_SIZE in CMakeLists.txt): a thread beyond the pool only starts
// once the caller yields to the event loop, which a blocking join never does.
size_t max_threads() { return std::min<size_t>(std::max<unsigned>(1u, std::thread::hardware_concurrency()), 8); }
constexpr size_t kMaxDefaultThreads = 8;
#elif defined(__EMSCRIPTEN__)
size_t max_threads() { return 1; }
constexpr size_t kMaxDefaultThreads = 1;
#else
size_t max_threads() { return 64; }
constexpr size_t kMaxDefaultThreads = 16;
#endif

size_t default_threads() {
#if INCREMENTA_HAS_THREADS
  size_t hw = std::max<unsigned>(1u, std::thread::hardware_concurrency());
  return std::min<size_t>(hw, kMaxDefaultThreads);
#else
  return 1;
#endif
}
}  // namespace

bool threads_available() { return INCREMENTA_HAS_THREADS != 0; }

size_t thread_count() {
  size_t t = g_threads.load();
  return t == 0 ? default_threads() : t;
}

void set_thread_count(size_t n) {
#if INCREMENTA_HAS_THREADS
  g_threads.store(std::min<size_t>(n, max_threads()));
#else
  (void)n;
  g_threads.store(1);
#endif
}

void parallel_for(size_t n, size_t grain, const std::function<void(size_t, size_t)>& body) {
  if (n == 0) return;
  if (grain == 0) grain = 1;
  const size_t chunks = chunk_count(n, grain);
  const size_t workers = t_inside_worker ? 1 : std::min(thread_count(), chunks);
  auto run_chunk = [&](size_t c) { body(c * grain, std::min(n, (c + 1) * grain)); };
  if (workers <= 1) {
    for (size_t c = 0; c < chunks; ++c) run_chunk(c);
    return;
  }
#if INCREMENTA_HAS_THREADS
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&] {
    const bool was_inside = t_inside_worker;
    t_inside_worker = true;
    struct Restore {
      bool value;
      ~Restore() { t_inside_worker = value; }
    } restore{was_inside};
    for (;;) {
      if (failed.load(std::memory_order_relaxed)) return;
      size_t c = next.fetch_add(1);
      if (c >= chunks) return;
      try {
        run_chunk(c);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        failed.store(true);
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  try {
    for (size_t t = 1; t < workers; ++t) pool.emplace_back(worker);
  } catch (...) {
    // Could not start a thread (e.g. the pool is exhausted): the caller's
    // thread finishes the remaining chunks alone.
  }
  worker();
  for (auto& th : pool) th.join();
  if (error) std::rethrow_exception(error);
#endif
}

}  // namespace incrementa
