// The RNG: exact stream (checked against a tiny reimplementation of the
// published SplitMix64 / xoshiro256** definitions), streams, and the
// distributions' statistical properties.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <set>
#include <vector>

#include "core/rng.hpp"

using incrementa::Rng;

namespace ref {
// SplitMix64 and xoshiro256** written out from Vigna's reference C code.
uint64_t splitmix(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
struct Xoshiro {
  uint64_t s[4];
  uint64_t next() {
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
  }
};
// Seeding as documented in core/rng.hpp: SplitMix64 from seed ^ (C * (stream + 1)).
Xoshiro seeded(uint64_t seed, uint64_t stream) {
  uint64_t sm = seed ^ (0xD1B54A32D192ED03ULL * (stream + 1));
  Xoshiro x;
  for (auto& w : x.s) w = splitmix(sm);
  return x;
}
}  // namespace ref

TEST_CASE("rng: the reference implementation matches published values", "[rng]") {
  // SplitMix64 from state 0: first outputs as in Vigna's splitmix64.c test vectors.
  uint64_t sm = 0;
  CHECK(ref::splitmix(sm) == 0xe220a8397b1dcdafULL);
  CHECK(ref::splitmix(sm) == 0x6e789e6aa1b965f4ULL);
  // xoshiro256** from state {1, 2, 3, 4}, by hand: rotl(2*5, 7) * 9 = 1280 * 9;
  // after one step s[1] = 2 ^ (3 ^ 1) = 0, so the second output is 0.
  ref::Xoshiro x{{1, 2, 3, 4}};
  CHECK(x.next() == 11520u);
  CHECK(x.next() == 0u);
}

TEST_CASE("rng: golden values for seed 42 from the reference", "[rng]") {
  Rng r(42);
  ref::Xoshiro x = ref::seeded(42, 0);
  for (int i = 0; i < 1000; ++i) REQUIRE(r.next_u64() == x.next());
  // split(i) reseeds from s[0] ^ s[3] of the parent's current state.
  Rng parent(42);
  ref::Xoshiro px = ref::seeded(42, 0);
  uint64_t sm = px.s[0] ^ px.s[3];
  const uint64_t child_seed = ref::splitmix(sm);
  Rng child = parent.split(3);
  ref::Xoshiro cx = ref::seeded(child_seed, 3);
  for (int i = 0; i < 100; ++i) REQUIRE(child.next_u64() == cx.next());
}

TEST_CASE("rng: determinism and distinct streams", "[rng]") {
  Rng a(7), b(7), c(8);
  std::vector<uint64_t> va, vb, vc;
  for (int i = 0; i < 64; ++i) {
    va.push_back(a.next_u64());
    vb.push_back(b.next_u64());
    vc.push_back(c.next_u64());
  }
  CHECK(va == vb);
  CHECK(va != vc);
  const Rng base(7);
  Rng s0 = base.split(0), s1 = base.split(1), s0again = base.split(0);
  std::set<uint64_t> firsts;
  for (uint64_t i = 0; i < 100; ++i) firsts.insert(base.split(i).next_u64());
  CHECK(firsts.size() == 100);  // 100 streams, 100 different first draws
  const uint64_t x0 = s0.next_u64();
  CHECK(x0 == s0again.next_u64());
  CHECK(x0 != s1.next_u64());
  CHECK(Rng(7, 1).next_u64() != Rng(7, 0).next_u64());
}

TEST_CASE("rng: uniform lies in [0, 1) with mean 1/2", "[rng]") {
  Rng r(1);
  const int n = 1000000;
  double lo = 1, hi = 0, sum = 0;
  for (int i = 0; i < n; ++i) {
    const double u = r.uniform();
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    sum += u;
  }
  CHECK(lo >= 0.0);
  CHECK(hi < 1.0);
  // sd of the mean = sqrt(1/12 / n) = 2.9e-4: 5 sd.
  CHECK(std::fabs(sum / n - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
  // The largest value uniform() can make is 1 - 2^-53 (53 bits): never rounds to 1.
  CHECK(static_cast<double>(~0ULL >> 11) * 0x1.0p-53 < 1.0);
}

namespace {
double chi_square(const std::vector<double>& counts, const std::vector<double>& expected) {
  double x2 = 0;
  for (size_t i = 0; i < counts.size(); ++i) x2 += (counts[i] - expected[i]) * (counts[i] - expected[i]) / expected[i];
  return x2;
}
}  // namespace

TEST_CASE("rng: uniform_int is unbiased (chi-square)", "[rng]") {
  Rng r(99);
  SECTION("small n = 7, 70,000 draws") {
    std::vector<double> counts(7, 0);
    for (int i = 0; i < 70000; ++i) {
      const uint64_t k = r.uniform_int(7);
      REQUIRE(k < 7);
      counts[k] += 1;
    }
    // Critical value of chi-square with 6 df at p = 0.001 is 22.458.
    CHECK(chi_square(counts, std::vector<double>(7, 10000)) < 22.458);
  }
  SECTION("huge n = 3 * 2^62, where a plain modulo would give bucket 0 half the mass") {
    const uint64_t n = 3ULL << 62;
    std::vector<double> counts(3, 0);
    for (int i = 0; i < 30000; ++i) {
      const uint64_t k = r.uniform_int(n);
      REQUIRE(k < n);
      counts[k >> 62] += 1;  // thirds of [0, n)
    }
    // Chi-square with 2 df at p = 0.001: 13.816. (The biased version scores ~7500.)
    CHECK(chi_square(counts, std::vector<double>(3, 10000)) < 13.816);
  }
  CHECK(r.uniform_int(0) == 0u);
  CHECK(r.uniform_int(1) == 0u);
}

TEST_CASE("rng: normal has mean 0 and variance 1", "[rng]") {
  Rng r(2024);
  const int n = 400000;
  double s = 0, ss = 0;
  for (int i = 0; i < n; ++i) {
    const double z = r.normal();
    s += z;
    ss += z * z;
  }
  const double mean = s / n, var = ss / n - mean * mean;
  // 5 standard errors: sd(mean) = 1/sqrt(n) = 0.0016, sd(var) = sqrt(2/n) = 0.0022.
  CHECK(std::fabs(mean) < 5 / std::sqrt(n));
  CHECK(std::fabs(var - 1) < 5 * std::sqrt(2.0 / n));
  Rng q(3);
  double s2 = 0;
  for (int i = 0; i < n; ++i) s2 += q.normal(10, 2);
  CHECK(std::fabs(s2 / n - 10) < 5 * 2 / std::sqrt(n));
}

TEST_CASE("rng: shuffle is a permutation and not the identity", "[rng]") {
  Rng r(5);
  std::vector<int> v(1000);
  std::iota(v.begin(), v.end(), 0);
  std::vector<int> w = v;
  r.shuffle(w);
  CHECK(w != v);
  std::vector<int> sorted = w;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == v);
  // Each position ends up anywhere: over many shuffles of 4 items, all 24 orders appear.
  std::set<std::vector<int>> orders;
  for (int i = 0; i < 2000; ++i) {
    std::vector<int> small{0, 1, 2, 3};
    r.shuffle(small);
    orders.insert(small);
  }
  CHECK(orders.size() == 24);
  std::vector<int> empty;
  r.shuffle(empty);
  CHECK(empty.empty());
}
