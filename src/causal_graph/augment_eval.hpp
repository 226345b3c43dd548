// Does augmentation help a predictor on these data? The original rows are
// split once (seeded) into training and held-out rows; our GBM is fitted on the
// training rows alone and on the training rows plus their augmentation
// (augmented from the training rows only, so nothing of the held-out rows
// leaks in), and both are scored by RMSE on the held-out original rows.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "causal_graph/augment.hpp"
#include "causal_graph/graph.hpp"
#include "core/run_context.hpp"

namespace incrementa::causal_graph {

struct AugmentEvalOptions {
  double holdout = 0.3;  // share of the rows held out
  uint64_t seed = 1;     // the split, the augmentation's tie-breaks and the GBM
  AugmentOptions augment;
  std::vector<double> thetas;  // optional sweep (each θ augments and refits)
};

struct SweepPoint {
  double theta = 0, rmse_with = 0, kept_mass = 0;
  size_t augmented_points = 0;
};

struct AugmentEval {
  size_t train_rows = 0, test_rows = 0;
  double rmse_without = 0, rmse_with = 0;
  size_t augmented_points = 0;
  double kept_mass = 0;
  double bandwidth_used = 0;  // the target's kernel bandwidth (standardised), for the report
  std::vector<SweepPoint> sweep;
};

// data: rows × variables in the DAG's node order; target and features index those variables.
AugmentEval evaluate_augmentation(const Eigen::MatrixXd& data, const Graph& dag, size_t target,
                                  const std::vector<size_t>& features, const AugmentEvalOptions& options,
                                  const RunContext& context);

}  // namespace incrementa::causal_graph
