// Simulated uplift worlds with a known CATE tau(x) and a known propensity e(x).
//
// Features x_1..x_p ~ U(0, 1) (p >= 3). With s(x) = 1 + 1 / (1 + exp(-20 (x - 1/3))):
//   heterogeneity h:  tau(x) = 2.8 + h (s(x1) s(x2) - 2.8)   (h = 1: the Wager-Athey tau; h = 0: constant 2.8)
//   confounding c:    e(x) = 1 / (1 + exp(-4 c (x3 - 1/2)))   (x3 also drives the outcome, so c > 0 biases
//                                                              the naive difference of means)
//   positivity v:     rows with x1 < v are (almost) never treated: e(x) = 0.01
//   noise sigma:      numeric outcome Y = tau(x) (W - 1/2) + 2 x3 + sigma N(0, 1)
// With h = 1, c = 0, v = 0, sigma = 1 this is the design of Wager & Athey (2018) used by the bars:
// W ~ Bernoulli(0.5), Y = tau(x)(W - 1/2) + 2 x3 + N(0, 1).
// Binary outcome: P(Y = 1 | W = 0) = logistic(eta0), eta0 = -0.5 + 2 (x3 - 1/2); P(Y = 1 | W = 1) =
// logistic(eta0 + 0.5 h (s(x1) s(x2) - 2)); tau(x) is the difference of the two probabilities (negative for
// some x when h > 0: the "sleeping dogs").
#pragma once
#include <cstdint>
#include <vector>

#include "core/table.hpp"

namespace incrementa {

struct UpliftWorld {
  size_t rows = 2000;
  size_t features = 5;
  double heterogeneity = 1.0;
  double confounding = 0.0;
  double positivity = 0.0;  // share of the x1 range with no treated rows, 0 to 0.5
  double noise = 1.0;
  bool binary = false;
  uint64_t seed = 1;
};

struct UpliftSimulation {
  Table table;                     // x1..xp, w (0/1), y; plus true_cate, true_propensity when asked
  std::vector<double> tau;         // true CATE per row
  std::vector<double> propensity;  // true P(W = 1 | x) per row
  std::vector<double> mu0, mu1;    // true E[Y | x, W = 0] and E[Y | x, W = 1]
};

// Rows are drawn in fixed chunks, each from its own RNG stream: the same world at any thread count.
UpliftSimulation simulate_uplift(const UpliftWorld& world, bool truth_columns = false);

}  // namespace incrementa
