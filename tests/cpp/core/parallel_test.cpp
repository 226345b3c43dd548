// parallel_for / parallel_map_reduce: coverage, exceptions, and identical bits
// at any thread count.
#include <catch2/catch.hpp>
#include <atomic>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "core/parallel.hpp"
#include "core/rng.hpp"

using namespace incrementa;

namespace {
// Restores the default thread count when a test ends (even by failure).
struct ThreadGuard {
  ~ThreadGuard() { set_thread_count(0); }
};
}  // namespace

TEST_CASE("parallel_for covers every index exactly once", "[parallel]") {
  ThreadGuard guard;
  for (size_t threads : {1, 2, 3, 8}) {
    set_thread_count(threads);
    for (size_t grain : {1, 7, 1000, 5000}) {
      const size_t n = 1000;
      std::vector<std::atomic<int>> hits(n);
      std::atomic<int> calls{0}, bad_chunks{0};
      // Catch2 assertions are not thread-safe: count bad chunks, check after.
      parallel_for(n, grain, [&](size_t b, size_t e) {
        ++calls;
        // Chunk boundaries depend on the grain only.
        if (!(b < e && e - b <= grain && b % grain == 0)) ++bad_chunks;
        for (size_t i = b; i < e; ++i) ++hits[i];
      });
      INFO("threads " << threads << ", grain " << grain);
      CHECK(bad_chunks == 0);
      for (size_t i = 0; i < n; ++i) REQUIRE(hits[i] == 1);
      CHECK(static_cast<size_t>(calls.load()) == chunk_count(n, grain));
    }
  }
}

TEST_CASE("parallel_for with n = 0 calls nothing; grain 0 is treated as 1", "[parallel]") {
  ThreadGuard guard;
  set_thread_count(3);
  int calls = 0;
  parallel_for(0, 10, [&](size_t, size_t) { ++calls; });
  CHECK(calls == 0);
  const double r = parallel_map_reduce(0, 10, 1.5, [](size_t, size_t) { return 100.0; },
                                       [](double& a, double p) { a += p; });
  CHECK(r == 1.5);  // no chunks: the initial value comes back
  std::atomic<int> covered{0};
  parallel_for(5, 0, [&](size_t b, size_t e) { covered += static_cast<int>(e - b); });
  CHECK(covered == 5);
}

TEST_CASE("an exception in a chunk is rethrown on the caller", "[parallel]") {
  ThreadGuard guard;
  for (size_t threads : {1, 2, 8}) {
    set_thread_count(threads);
    std::atomic<int> after{0};
    INFO("threads " << threads);
    CHECK_THROWS_WITH(parallel_for(1000, 10,
                                   [&](size_t b, size_t e) {
                                     if (b <= 500 && 500 < e) throw std::runtime_error("chunk 50 failed");
                                     ++after;
                                   }),
                      "chunk 50 failed");
    // Work stops early, but never runs a chunk twice.
    CHECK(after.load() <= 99);
  }
}

TEST_CASE("parallel_map_reduce gives identical bits at 1, 2, 3 and 8 threads", "[parallel]") {
  ThreadGuard guard;
  // Values from 1e-300 to 1e300 with both signs: any change in the summation
  // order changes the rounded result.
  Rng rng(11);
  std::vector<double> v(100000);
  for (auto& x : v) x = (rng.uniform() < 0.5 ? -1 : 1) * std::pow(10.0, rng.uniform(-300, 300)) * rng.uniform();
  auto sum_at = [&](size_t threads) {
    set_thread_count(threads);
    return parallel_map_reduce(
        v.size(), 997, 0.0,
        [&](size_t b, size_t e) {
          double s = 0;
          for (size_t i = b; i < e; ++i) s += v[i];
          return s;
        },
        [](double& a, double p) { a += p; });
  };
  // The expected value by the documented rule: chunk sums folded in chunk order.
  double expected = 0;
  for (size_t b = 0; b < v.size(); b += 997) {
    double s = 0;
    for (size_t i = b; i < std::min(v.size(), b + 997); ++i) s += v[i];
    expected += s;
  }
  for (size_t threads : {1, 2, 3, 8}) {
    const double got = sum_at(threads);
    INFO("threads " << threads);
    CHECK(std::memcmp(&got, &expected, sizeof got) == 0);
  }
  // Sanity: the order does matter for this data (so the test can fail).
  double plain = 0;
  for (double x : v) plain += x;
  double reversed = 0;
  for (size_t i = v.size(); i-- > 0;) reversed += v[i];
  CHECK(plain != reversed);
}

TEST_CASE("set_thread_count: 0 restores the default, large values are capped", "[parallel]") {
  ThreadGuard guard;
  set_thread_count(5);
  CHECK(thread_count() == (threads_available() ? 5u : 1u));
  set_thread_count(100000);
  CHECK(thread_count() <= 64);
  set_thread_count(0);
  CHECK(thread_count() >= 1);
}
