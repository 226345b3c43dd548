// Histogram gradient boosting (LightGBM / scikit-learn HistGradientBoosting
// style): features binned once by quantiles (learn/feature_bins, at most 256
// bins), then `rounds` leaf-wise trees grown on gradient/hessian histograms
// (learn/hist_tree), each shrunk by the learning rate.
//
// Loss: squared error for a numeric target, logistic (log loss; predictions are
// probabilities) for a 0/1 target. With GbmLoss::Auto the loss is chosen at
// fit time from the data: logistic when every target with positive weight is 0
// or 1, squared otherwise; is_classifier() then tells which (false before a
// fit). That is what the meta-learners need: `--base gbm` fits probability
// models for a 0/1 outcome and regression models for pseudo-outcomes.
//
// Sample weights scale gradients and hessians. Rows of weight 0 are dropped
// before anything else (binning, validation split), so a fit with weight-0 rows
// is identical to one without them.
//
// Deterministic for a seed: the same bits at any thread count and natively vs
// WASM (histograms summed in fixed chunks folded in order, own Rng draws for
// the validation split and the optional row/feature subsampling, no std::
// distributions). A raw row predicts exactly as its training bin code.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "learn/feature_bins.hpp"
#include "learn/hist_tree.hpp"
#include "learn/learner.hpp"

namespace incrementa {

enum class GbmLoss { Auto, Squared, Logistic };

struct GbmOptions {
  GbmLoss loss = GbmLoss::Auto;
  size_t rounds = 150;          // boosting iterations (trees), at most
  double learning_rate = 0.1;
  size_t max_leaves = 31;
  size_t max_depth = 0;         // 0: no limit
  size_t min_rows_leaf = 20;
  double lambda = 1.0;          // L2 penalty on leaf values
  double min_hessian = 1e-3;
  size_t max_bins = 256;
  double subsample = 1.0;       // each tree sees each row with this probability (seeded draws); 1 = all
  double colsample = 1.0;       // share of features offered to each tree; 1 = all
  // Early stopping on an internal validation split (drawn with the seed):
  // stop once the validation loss has not improved by `tolerance` (relative)
  // for `patience` rounds, and keep the trees up to the best round.
  // -1: on when the fit has at least 10,000 rows (as scikit-learn's "auto"); 0 off; 1 on.
  int early_stopping = -1;
  double validation_fraction = 0.1;
  size_t patience = 10;
  double tolerance = 1e-7;
  uint64_t seed = 1;
  const RunContext* context = nullptr;  // checked every round (Cancel); not part of the model
};

class GbmLearner : public Learner {
 public:
  explicit GbmLearner(const GbmOptions& options = {});
  void fit(const MatrixRef& x, const VectorRef& y, const Eigen::VectorXd& w = {}) override;
  Eigen::VectorXd predict(const MatrixRef& x) const override;
  std::string name() const override { return "gbm"; }
  bool is_classifier() const override { return logistic_; }

  // Raw scores (log-odds under the logistic loss) of rows already binned with
  // this model's bins (codes column-major, `rows` rows).
  std::vector<double> predict_codes(const std::vector<uint8_t>& codes, size_t rows) const;
  const FeatureBins& bins() const { return bins_; }
  size_t trees() const { return trees_.size(); }
  double base_score() const { return init_; }

 private:
  GbmOptions o_;
  bool logistic_ = false, fitted_ = false;
  FeatureBins bins_;  // cut points only (codes are dropped after the fit)
  double init_ = 0;
  std::vector<GradTree> trees_;
};

// The factory's "gbm": GbmOptions defaults with the options' seed; a positive
// options.trees sets the number of rounds.
std::unique_ptr<Learner> make_gbm_learner(const LearnerOptions& options);

}  // namespace incrementa
