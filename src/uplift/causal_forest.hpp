// A causal forest in the manner of grf (Athey, Tibshirani & Wager 2019, "Generalized random forests"; Wager
// & Athey 2018):
//   1. nuisance models by honest regression forests, out of bag: y_hat(x) = E[Y | x] and, unless the
//      propensity is known, w_hat(x) = E[W | x] (each with max(50, trees / 4) trees);
//   2. local centering: the trees see Y - y_hat(x) and W - w_hat(x);
//   3. honest causal trees (learn/honest_forest.hpp) grown in little bags of ci_group_size trees that share a
//      half-sample;
//   4. the estimate at x solves the forest-weighted moment equation
//        tau(x) = (mean wy - mean y * mean w) / (mean ww - (mean w)^2),
//      each mean being the average over trees of the leaf averages that x falls in (grf's forest weights);
//      for a training row only trees that did not draw it (out of bag) are used;
//   5. its variance: with psi_b the tree's leaf average of the moment
//      (w - mean w)(y - mean y - tau (w - mean w)), the spread of little-bag means of psi beyond what the
//      trees within a bag explain, by the bootstrap of little bags, made positive by the posterior mean of a
//      variance under a flat prior on [0, inf) (the objective-Bayes step grf applies too), divided by the
//      squared slope mean ww - (mean w)^2.
#pragma once
#include <Eigen/Dense>
#include <vector>

#include "core/run_context.hpp"
#include "learn/feature_bins.hpp"
#include "learn/honest_forest.hpp"

namespace incrementa {

struct CausalForestOptions {
  ForestOptions forest = [] {
    ForestOptions f;
    f.trees = 200;
    f.ci_group_size = 2;
    return f;
  }();
  size_t nuisance_trees = 0;       // 0: max(50, trees / 4)
  bool estimate_propensity = true; // false: w_hat = known_propensity for every row
  double known_propensity = 0.5;
};

class CausalForest {
 public:
  // w: 0/1 treatment. x: rows x features (numeric; categorical already one-hot).
  void fit(const Eigen::Ref<const Eigen::MatrixXd>& x, const std::vector<double>& y, const std::vector<double>& w,
           const CausalForestOptions& options, const RunContext* context = nullptr);

  // Out-of-bag results for the training rows.
  const std::vector<double>& tau() const { return tau_; }
  const std::vector<double>& se() const { return se_; }     // NaN without ci groups
  const std::vector<double>& y_hat() const { return y_hat_; }
  const std::vector<double>& w_hat() const { return w_hat_; }
  // tau for new rows, with every tree (and their se).
  void predict(const Eigen::Ref<const Eigen::MatrixXd>& x, std::vector<double>& tau, std::vector<double>& se) const;

  const HonestForest& forest() const { return forest_; }
  size_t memory_bytes() const;

 private:
  FeatureBins bins_;
  HonestForest forest_;
  std::vector<double> tau_, se_, y_hat_, w_hat_;
};

// E[X | X > 0] for X ~ N(estimate, scale^2): the posterior mean of a variance under a flat prior on [0, inf)
// given an unbiased but noisy estimate of it.
double positive_posterior_mean(double estimate, double scale);

}  // namespace incrementa
