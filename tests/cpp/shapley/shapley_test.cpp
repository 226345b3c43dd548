#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"
#include "shapley/shapley.hpp"
#include "shapley/table_game.hpp"
#include "shapley/teaching_games.hpp"

using namespace incrementa;

namespace {
// A random game on n players: every coalition an independent value in [0, 10).
FunctionGame random_game(size_t n, uint64_t seed) {
  auto values = std::make_shared<std::vector<double>>(size_t{1} << n);
  Rng rng(seed);
  for (auto& v : *values) v = 10 * rng.uniform();
  (*values)[0] = 0;
  std::vector<std::string> names;
  for (size_t i = 0; i < n; ++i) names.push_back("p" + std::to_string(i));
  return FunctionGame(names, [values](Coalition s) { return (*values)[s]; });
}

// Independent check: average marginal contributions over all n! orders.
std::vector<double> brute_force(const Game& g) {
  const size_t n = g.players();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::vector<double> phi(n, 0.0);
  double count = 0;
  do {
    Coalition s = 0;
    for (size_t k : order) {
      phi[k] += g.value(s | Coalition{1} << k) - g.value(s);
      s |= Coalition{1} << k;
    }
    count += 1;
  } while (std::next_permutation(order.begin(), order.end()));
  for (auto& p : phi) p /= count;
  return phi;
}

RunContext ctx;
}  // namespace

// Exact values are sums of ~2^n terms of size <= 10: 1e-12 absolute leaves room for rounding only.
TEST_CASE("exact Shapley values equal the teaching games' closed forms", "[shapley]") {
  SECTION("glove game, one left and two right gloves: 2/3, 1/6, 1/6") {
    auto g = glove_game({"L"}, {"R1", "R2"});
    auto r = exact_shapley(*g, ctx);
    CHECK(r.values[0] == Approx(2.0 / 3).margin(1e-12));
    CHECK(r.values[1] == Approx(1.0 / 6).margin(1e-12));
    CHECK(r.values[2] == Approx(1.0 / 6).margin(1e-12));
  }
  SECTION("airport game: Littlechild-Owen formula") {
    const std::vector<double> costs{7, 1, 3, 3, 12, 5};
    auto g = airport_game({"a", "b", "c", "d", "e", "f"}, costs);
    auto r = exact_shapley(*g, ctx);
    // Hand computation for the cheapest plane: 1 / 6 players.
    CHECK(r.values[1] == Approx(1.0 / 6).margin(1e-12));
    const auto closed = airport_closed_form(costs);
    for (size_t i = 0; i < costs.size(); ++i) CHECK(r.values[i] == Approx(closed[i]).margin(1e-12));
  }
  SECTION("weighted voting [51; 50, 49, 1]: 2/3, 1/6, 1/6") {
    auto g = voting_game({"A", "B", "C"}, {50, 49, 1}, 51);
    auto r = exact_shapley(*g, ctx);
    CHECK(r.values[0] == Approx(2.0 / 3).margin(1e-12));
    CHECK(r.values[1] == Approx(1.0 / 6).margin(1e-12));
    CHECK(r.values[2] == Approx(1.0 / 6).margin(1e-12));
  }
}

TEST_CASE("exact values satisfy efficiency, symmetry, dummy and additivity on random games", "[shapley]") {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    const size_t n = 3 + seed % 4;
    FunctionGame g = random_game(n, seed);
    const auto r = exact_shapley(g, ctx);
    const auto bf = brute_force(g);
    for (size_t i = 0; i < n; ++i) CHECK(r.values[i] == Approx(bf[i]).margin(1e-9));
    CHECK(std::accumulate(r.values.begin(), r.values.end(), 0.0) == Approx(r.grand - r.empty).margin(1e-9));
    CHECK(std::fabs(r.efficiency_gap) < 1e-9);

    // Additivity: phi(v + w) = phi(v) + phi(w).
    FunctionGame h = random_game(n, seed + 100);
    std::vector<std::string> names;
    for (size_t i = 0; i < n; ++i) names.push_back("q" + std::to_string(i));
    FunctionGame sum_named(names, [&](Coalition s) { return g.value(s) + h.value(s); });
    const auto rs = exact_shapley(sum_named, ctx);
    const auto rh = exact_shapley(h, ctx);
    for (size_t i = 0; i < n; ++i) CHECK(rs.values[i] == Approx(r.values[i] + rh.values[i]).margin(1e-9));
  }
  // Symmetry and dummy: v(S) = f(|S without player 0... |) with player n-1 a dummy.
  std::vector<std::string> names{"a", "b", "c", "d", "e", "dummy"};
  FunctionGame sym(names, [](Coalition s) {
    const int k = __builtin_popcountll(s & 0x1F);
    return static_cast<double>(k * k);  // depends only on how many of a..e are in; "dummy" adds nothing
  });
  const auto r = exact_shapley(sym, ctx);
  for (size_t i = 1; i < 5; ++i) CHECK(r.values[i] == Approx(r.values[0]).margin(1e-12));
  CHECK(std::fabs(r.values[5]) < 1e-12);
}

TEST_CASE("naive numbers double count where Shapley values add up", "[shapley]") {
  // Two channels that only work together: each is worth the whole total when switched off alone.
  FunctionGame g({"email", "search"}, [](Coalition s) { return s == 3 ? 100.0 : 0.0; });
  const auto r = exact_shapley(g, ctx);
  CHECK(r.leave_one_out[0] == 100);
  CHECK(r.leave_one_out[1] == 100);
  CHECK(r.alone[0] == 0);
  CHECK(r.values[0] == Approx(50));
  CHECK(r.values[1] == Approx(50));
}

TEST_CASE("permutation sampling converges to the exact values within its SE", "[shapley]") {
  FunctionGame g = random_game(8, 77);
  const auto exact = exact_shapley(g, ctx);
  // Coverage of nominal 95% intervals over 100 seeds and 8 players; with 800
  // (dependent) checks, >= 90% is a loose bar that still fails for a wrong SE.
  size_t covered = 0, total = 0;
  for (uint64_t seed = 1; seed <= 100; ++seed) {
    SamplingOptions o;
    o.seed = seed;
    o.max_permutations = 400;
    const auto r = sampled_shapley(g, o, ctx);
    for (size_t i = 0; i < g.players(); ++i) {
      covered += std::fabs(r.values[i] - exact.values[i]) <= 1.96 * r.se[i] ? 1 : 0;
      ++total;
    }
    CHECK(std::accumulate(r.values.begin(), r.values.end(), 0.0) == Approx(r.grand - r.empty).margin(1e-9));
  }
  INFO("coverage " << covered << " / " << total);
  CHECK(covered >= 0.90 * total);
}

TEST_CASE("permutation sampling stops at the target SE and is the same at any thread count", "[shapley]") {
  FunctionGame g = random_game(10, 5);
  SamplingOptions o;
  o.seed = 9;
  o.max_permutations = 200000;
  o.target_se = 0.05;
  set_thread_count(1);
  const auto one = sampled_shapley(g, o, ctx);
  set_thread_count(3);
  const auto three = sampled_shapley(g, o, ctx);
  set_thread_count(0);
  CHECK(one.values == three.values);
  CHECK(one.se == three.se);
  CHECK(one.permutations < 200000);
  for (double se : one.se) CHECK(se <= 0.05);
}

TEST_CASE("bad games get clear errors", "[shapley]") {
  SECTION("more than 20 players for exact") {
    std::vector<std::string> names;
    for (int i = 0; i < 21; ++i) names.push_back("p" + std::to_string(i));
    FunctionGame g(names, [](Coalition) { return 0.0; });
    CHECK_THROWS_WITH(exact_shapley(g, ctx), Catch::Contains("21 players") && Catch::Contains("permutation"));
  }
  SECTION("a coalitions table missing a row") {
    const Table t = read_csv("a,b,value\n0,0,0\n1,0,1\n0,1,2\n", "coal.csv");
    CHECK_THROWS_WITH(table_game(t), Catch::Contains("coal.csv") && Catch::Contains("3 of the 4") && Catch::Contains("{a, b}"));
    auto filled = table_game(t, MissingCoalitions::Zero);
    CHECK(filled->value(3) == 0);
  }
  SECTION("a duplicate coalition names both lines") {
    const Table t = read_csv("a,b,value\n0,0,0\n1,0,1\n1,0,2\n1,1,3\n", "dup.csv");
    CHECK_THROWS_WITH(table_game(t), Catch::Contains("lines 3 and 4"));
  }
  SECTION("a cell that is not 0 or 1") {
    const Table t = read_csv("a,b,value\n0,0,0\n2,0,1\n0,1,2\n1,1,3\n", "bad.csv");
    CHECK_THROWS_WITH(table_game(t), Catch::Contains("line 3") && Catch::Contains("'a'") && Catch::Contains("0 or 1"));
  }
}
