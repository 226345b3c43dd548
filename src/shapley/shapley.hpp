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
};

constexpr size_t kMaxExactPlayers = 20;

ShapleyResult exact_shapley(const Game& game, RunContext& context);

struct SamplingOptions {
  uint64_t seed = 1;
  size_t max_permutations = 100000;  // counted as single permutations (pairs count 2)
  double target_se = 0;              // stop when every player's SE is at most this (0 = run to max)
};
ShapleyResult sampled_shapley(const Game& game, const SamplingOptions& options, RunContext& context);

}  // namespace incrementa
