// Base learners for the uplift estimators: one small interface (fit on rows x
// features with optional weights, predict), a factory by name, and the design
// matrix built from Table columns (one-hot, drop-first, for categorical ones).
// Every learner is deterministic: the same data give the same bits at any
// thread count (fits go through the chunked reductions of core/regression).
#pragma once
#include <Eigen/Dense>
#include <memory>
#include <string>
#include <vector>

#include "core/table.hpp"

namespace incrementa {

class RunContext;

using MatrixRef = Eigen::Ref<const Eigen::MatrixXd>;
using VectorRef = Eigen::Ref<const Eigen::VectorXd>;

// Rows x features, no intercept column (learners add their own).
struct Design {
  Eigen::MatrixXd x;
  std::vector<std::string> names;  // one per column: "age", or "channel=Web" for a one-hot column
};

// Numeric columns as they are; a categorical column with L levels becomes L-1
// 0/1 columns (the first level, byte-wise, is the reference). A missing cell is
// an InputError naming the column and the line; so is a categorical column with
// more than `max_levels` levels (an id, most likely).
Design build_design(const Table& table, const std::vector<std::string>& features, size_t max_levels = 100);

struct LearnerOptions {
  // Ridge penalty per unit of total weight, on standardised features (so it
  // does not depend on the features' units or the row count). Negative: the
  // learner's default (linear 1e-6, logistic 1e-4: small, but enough to keep a
  // separated logistic fit finite).
  double ridge = -1;
  uint64_t seed = 1;
  size_t trees = 0;  // tree learners: number of trees (0: the learner's default)
  // Tree learners check it between boosting rounds / batches of trees, so Cancel stops a fit at once.
  const RunContext* context = nullptr;
};

class Learner {
 public:
  virtual ~Learner() = default;
  // w empty = every row weighs 1.
  virtual void fit(const MatrixRef& x, const VectorRef& y, const Eigen::VectorXd& w = {}) = 0;
  virtual Eigen::VectorXd predict(const MatrixRef& x) const = 0;
  virtual std::string name() const = 0;
  // True for learners whose predictions are probabilities of a 0/1 outcome.
  virtual bool is_classifier() const { return false; }
};

// kind: "linear" (ridge least squares), "logistic" (ridge logistic regression;
// predicts probabilities), "forest" (honest regression forest), "gbm" (histogram
// gradient boosting). Anything else is an InputError naming the known kinds.
std::unique_ptr<Learner> make_learner(const std::string& kind, const LearnerOptions& options = {});
// The kinds make_learner builds: every kind the CLI contract names.
const std::vector<std::string>& learner_kinds_built();

}  // namespace incrementa
