// Pairwise Shapley interaction indices against closed forms: a game written
// as Harsanyi dividends d(T) (v(S) = sum of d(T) over T inside S) has
// I(a, b) = sum over T containing a and b of d(T) / (|T| - 1); plus symmetry,
// additivity and dummies, and the JSON face (errors, names).
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "api/commands.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "shapley/shapley.hpp"

using namespace incrementa;

namespace {
RunContext ctx;

std::vector<std::string> names_of(size_t n) {
  std::vector<std::string> names;
  for (size_t i = 0; i < n; ++i) names.push_back("p" + std::to_string(i));
  return names;
}

// Random dividends on every coalition of 2..4 players and on singletons.
std::map<Coalition, double> random_dividends(size_t n, uint64_t seed) {
  Rng rng(seed);
  std::map<Coalition, double> d;
  for (Coalition t = 1; t < (Coalition{1} << n); ++t)
    if (__builtin_popcountll(t) <= 4) d[t] = 10 * rng.uniform() - 5;
  return d;
}

FunctionGame dividend_game(size_t n, const std::map<Coalition, double>& d) {
  return FunctionGame(names_of(n), [d](Coalition s) {
    double v = 0;
    for (const auto& [t, x] : d)
      if ((t & s) == t) v += x;
    return v;
  });
}
}  // namespace

// Sums of <= 2^n terms of size <= 5 with weights <= 1: 1e-10 absolute is rounding only.
TEST_CASE("interaction indices equal the dividend closed form", "[shapley][interactions]") {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    const size_t n = 4 + seed;  // 5..8 players
    const auto d = random_dividends(n, seed);
    const FunctionGame g = dividend_game(n, d);
    const auto r = exact_shapley(g, ctx, true);
    REQUIRE(r.interactions.size() == n * (n - 1) / 2);
    for (const auto& x : r.interactions) {
      double closed = 0;
      const Coalition pair = (Coalition{1} << x.a) | (Coalition{1} << x.b);
      for (const auto& [t, dt] : d)
        if ((t & pair) == pair) closed += dt / (__builtin_popcountll(t) - 1);
      INFO("n " << n << " pair " << x.a << "," << x.b);
      CHECK(x.value == Approx(closed).margin(1e-10));
    }
    // The Shapley values of the same game: sum over T containing i of d(T) / |T|.
    for (size_t i = 0; i < n; ++i) {
      double closed = 0;
      for (const auto& [t, dt] : d)
        if ((t >> i) & 1) closed += dt / __builtin_popcountll(t);
      CHECK(r.values[i] == Approx(closed).margin(1e-10));
    }
  }
}

TEST_CASE("a purely pairwise game: the interaction is the pair's synergy", "[shapley][interactions]") {
  // v(S) = 3 [a,b in S] - 2 [b,c in S] + 1 [a in S]: I(a,b) = 3, I(b,c) = -2, I(a,c) = 0.
  FunctionGame g({"a", "b", "c"}, [](Coalition s) {
    return 3.0 * ((s & 3) == 3) - 2.0 * ((s & 6) == 6) + 1.0 * (s & 1);
  });
  const auto r = exact_shapley(g, ctx, true);
  REQUIRE(r.interactions.size() == 3);
  CHECK(r.interactions[0].value == Approx(3).margin(1e-12));   // (a, b)
  CHECK(std::fabs(r.interactions[1].value) < 1e-12);          // (a, c)
  CHECK(r.interactions[2].value == Approx(-2).margin(1e-12));  // (b, c)
}

TEST_CASE("interaction indices: symmetry, dummy and additivity", "[shapley][interactions]") {
  // Depends only on how many of a..d are in (symmetric), e is a dummy.
  FunctionGame sym({"a", "b", "c", "d", "e"}, [](Coalition s) {
    const double k = __builtin_popcountll(s & 0xF);
    return k * k * k;
  });
  const auto r = exact_shapley(sym, ctx, true);
  double first = 0;
  for (const auto& x : r.interactions) {
    if (x.b == 4) {
      CHECK(std::fabs(x.value) < 1e-12);  // any pair with the dummy
    } else if (first == 0) {
      first = x.value;
      CHECK(first != 0);
    } else {
      CHECK(x.value == Approx(first).margin(1e-12));
    }
  }
  const auto d1 = random_dividends(6, 11), d2 = random_dividends(6, 12);
  const FunctionGame g1 = dividend_game(6, d1), g2 = dividend_game(6, d2);
  const FunctionGame sum(names_of(6), [&](Coalition s) { return g1.value(s) + g2.value(s); });
  const auto r1 = exact_shapley(g1, ctx, true), r2 = exact_shapley(g2, ctx, true), rs = exact_shapley(sum, ctx, true);
  for (size_t p = 0; p < rs.interactions.size(); ++p)
    CHECK(rs.interactions[p].value == Approx(r1.interactions[p].value + r2.interactions[p].value).margin(1e-10));
}

TEST_CASE("interactions in JSON: named pairs, and clear errors", "[shapley][interactions]") {
  const Json game = {{"type", "glove"}, {"left", {"L"}}, {"right", {"R1", "R2"}}};
  const Json r = run_standalone("shapley", {{"game", game}, {"interactions", true}}, ctx);
  REQUIRE(r["interactions"].size() == 3);
  // Glove game: v = min(#left, #right). Pair (L, R1): S = {} gives 1 - 0 - 0 + 0, S = {R2}: 1 - 1 - 0 + 0;
  // weights 1/2 each: I = 1/2. Pair (R1, R2): S = {} gives 0, S = {L}: 1 - 1 - 1 + 0 = -1; I = -1/2.
  CHECK(r["interactions"][0]["a"] == "L");
  CHECK(r["interactions"][0]["b"] == "R1");
  CHECK(r["interactions"][0]["value"].get<double>() == Approx(0.5).margin(1e-12));
  CHECK(r["interactions"][2]["value"].get<double>() == Approx(-0.5).margin(1e-12));
  CHECK(r["definitions"].contains("interactions"));
  CHECK_FALSE(run_standalone("shapley", {{"game", game}}, ctx).contains("interactions"));
  CHECK_THROWS_WITH(run_standalone("shapley", {{"game", game}, {"interactions", true}, {"method", "permutation"}}, ctx),
                    Catch::Contains("exact method"));
  CHECK_THROWS_WITH(run_standalone("shapley", {{"game", game}, {"interactions", "yes"}}, ctx), Catch::Contains("true or false"));
  CHECK_THROWS_AS(interaction_indices(std::vector<double>(8), 4), InputError);
}
