#include "learn/regression_forest.hpp"

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/parallel.hpp"

namespace incrementa {

namespace {

// Mean of the non-null leaf values among one row's `trees` leaves, in tree order; NaN when there are none.
double mean_of_leaves(const double* const* leaves, size_t trees) {
  double sum = 0, count = 0;
  for (size_t t = 0; t < trees; ++t)
    if (leaves[t]) sum += leaves[t][0], count += 1;
  return count > 0 ? sum / count : std::numeric_limits<double>::quiet_NaN();
}

// Rows per block of the tree-by-tree prediction: the block's leaf pointers stay in cache (64 x 200 x 8 bytes).
constexpr size_t kBlock = 64;

template <class Use>
void predict_rows(const HonestForest& forest, const uint8_t* codes, size_t rows, Use use, std::vector<double>& out) {
  out.resize(rows);
  const size_t trees = forest.tree_count();
  parallel_for(rows, kBlock, [&](size_t b, size_t e) {
    std::vector<const double*> leaves;
    forest.block_leaves(codes, rows, b, e, use, leaves);
    for (size_t i = b; i < e; ++i) {
      double v = mean_of_leaves(leaves.data() + (i - b) * trees, trees);
      if (std::isnan(v)) {  // every tree drew the row (only with very few trees): use them all
        std::vector<const double*> all;
        forest.block_leaves(codes, rows, i, i + 1, [](size_t, size_t) { return true; }, all);
        v = mean_of_leaves(all.data(), trees);
      }
      out[i] = v;
    }
  });
}

}  // namespace

std::vector<double> regression_forest_oob(const HonestForest& forest, const FeatureBins& bins) {
  std::vector<double> out;
  predict_rows(forest, bins.codes.data(), bins.rows, [&](size_t t, size_t i) { return !forest.in_sample(t, i); }, out);
  return out;
}

std::vector<double> regression_forest_predict(const HonestForest& forest, const uint8_t* codes, size_t rows) {
  std::vector<double> out;
  predict_rows(forest, codes, rows, [](size_t, size_t) { return true; }, out);
  return out;
}

namespace {

class ForestLearner : public Learner {
 public:
  explicit ForestLearner(const LearnerOptions& o) {
    options_.trees = o.trees ? o.trees : 100;
    options_.seed = o.seed;
    // The caller's cancel token without its progress (a base learner's trees are not the run's progress).
    if (o.context) watch_ = o.context->with_progress(nullptr);
  }
  void fit(const MatrixRef& x, const VectorRef& y, const Eigen::VectorXd& w) override {
    if (x.rows() != y.size() || (w.size() && w.size() != y.size()))
      throw InputError("forest: rows of x, y and weights differ");
    bins_ = bin_features(x);
    forest_.grow(HonestForest::Kind::Regression, bins_, y.data(), nullptr, w.size() ? w.data() : nullptr, options_, &watch_);
    // The weighted mean of y: the prediction for a row whose leaves are empty in every tree.
    fallback_ = 0;
    double sw = 0;
    for (Eigen::Index i = 0; i < y.size(); ++i) {
      const double wi = w.size() ? w[i] : 1.0;
      fallback_ += wi * y[i];
      sw += wi;
    }
    fallback_ = sw > 0 ? fallback_ / sw : 0;
  }
  Eigen::VectorXd predict(const MatrixRef& x) const override {
    const std::vector<uint8_t> codes = apply_bins(bins_, x);
    const std::vector<double> p = regression_forest_predict(forest_, codes.data(), static_cast<size_t>(x.rows()));
    Eigen::VectorXd out(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) out[i] = std::isnan(p[static_cast<size_t>(i)]) ? fallback_ : p[static_cast<size_t>(i)];
    return out;
  }
  std::string name() const override { return "forest"; }

 private:
  RunContext watch_;
  ForestOptions options_;
  FeatureBins bins_;
  HonestForest forest_;
  double fallback_ = 0;
};

}  // namespace

std::unique_ptr<Learner> make_forest_learner(const LearnerOptions& options) {
  return std::make_unique<ForestLearner>(options);
}

}  // namespace incrementa
