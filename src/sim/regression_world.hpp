// A synthetic regression world with known coefficients: features x_j ~ N(0, 1),
// y = x . beta + N(0, 1) (linear) or y ~ Bernoulli(logistic(x . beta))
// (logistic), with beta_j = (-1)^(j+1) / (j + 1) for features j = 1..P and intercept 0.5. Used to check
// the regressions against the truth and to benchmark them.
#pragma once
#include <cstdint>
#include <vector>

#include "core/table.hpp"

namespace incrementa {

struct RegressionWorld {
  size_t rows = 1000;
  size_t features = 5;
  bool logistic = false;
  uint64_t seed = 1;
};

// Columns x1..xP then y. Rows are drawn in chunks of fixed size, each from its
// own RNG stream, so the table is the same at any thread count.
Table simulate_regression(const RegressionWorld& world);
// The true coefficients [intercept, beta_1 .. beta_P].
std::vector<double> regression_world_truth(const RegressionWorld& world);

}  // namespace incrementa
