// Shapley values: exact enumeration (n <= 20; each coalition evaluated once)
// and permutation sampling with antithetic pairs (any n), with standard
// errors and a stop rule at a target standard error.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/run_context.hpp"
#include "shapley/game.hpp"

namespace incrementa {

struct ShapleyResult {
  std::string method;            // "exact" or "permutation"
  std::vector<double> values;    // one per player
  std::vector<double> se;        // 0 for exact
  double grand = 0, empty = 0;   // v(N), v(empty)
  double efficiency_gap = 0;     // (v(N) - v(empty)) - sum(values), before adjustment
  size_t evaluations = 0;        // calls of the value function
  size_t permutations = 0;       // sampling only
  // Naive numbers people use instead, for the side-by-side view.
  std::vector<double> leave_one_out;  // v(N) - v(N \ i)
  std::vector<double> alone;          // v({i}) - v(empty)
  // Pairwise Shapley interaction indices (Grabisch 1997), exact method only,
  // when asked for: one per pair a < b, in order (0,1), (0,2), ..., (n-2,n-1).
  struct Interaction {
    size_t a = 0, b = 0;
    double value = 0;
  };
  std::vector<Interaction> interactions;
};

constexpr size_t kMaxExactPlayers = 20;

// Interaction indices come from the same 2^n coalition values (n <= 20):
// n (n - 1) / 2 pairs x 2^(n-2) terms each.
ShapleyResult exact_shapley(const Game& game, RunContext& context, bool interactions = false);

// The pairwise Shapley interaction index from all 2^n coalition values v[S]:
//   I(a, b) = sum over S without a, b of |S|! (n - |S| - 2)! / (n - 1)!
//             * (v(S + a + b) - v(S + a) - v(S + b) + v(S)).
// For a game with Harsanyi dividends d(T) it equals sum over T containing a, b of d(T) / (|T| - 1).
std::vector<ShapleyResult::Interaction> interaction_indices(const std::vector<double>& v, size_t n);

struct SamplingOptions {
  uint64_t seed = 1;
  size_t max_permutations = 100000;  // counted as single permutations (pairs count 2)
  double target_se = 0;              // stop when every player's SE is at most this (0 = run to max)
};
ShapleyResult sampled_shapley(const Game& game, const SamplingOptions& options, RunContext& context);

}  // namespace incrementa
