#include "learn/regression_forest.hpp"

#include "core/error.hpp"
#include "core/parallel.hpp"

namespace incrementa {

namespace {

// Mean leaf value over the trees `use` accepts; NaN when none does.
template <class Use>
double forest_mean(const HonestForest& forest, const uint8_t* codes, size_t rows, size_t row, Use use) {
  double sum = 0, count = 0;
  for (size_t t = 0; t < forest.tree_count(); ++t) {
    if (!use(t)) continue;
    const double* leaf = forest.leaf(t, codes, rows, row);
    if (!leaf) continue;
    sum += leaf[0];
    count += 1;
  }
  return count > 0 ? sum / count : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

std::vector<double> regression_forest_oob(const HonestForest& forest, const FeatureBins& bins) {
  std::vector<double> out(bins.rows);
  parallel_for(bins.rows, 512, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) {
      double v = forest_mean(forest, bins.codes.data(), bins.rows, i, [&](size_t t) { return !forest.in_sample(t, i); });
      if (std::isnan(v)) v = forest_mean(forest, bins.codes.data(), bins.rows, i, [](size_t) { return true; });
      out[i] = v;
    }
  });
  return out;
}

std::vector<double> regression_forest_predict(const HonestForest& forest, const uint8_t* codes, size_t rows) {
  std::vector<double> out(rows);
  parallel_for(rows, 512, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) out[i] = forest_mean(forest, codes, rows, i, [](size_t) { return true; });
  });
  return out;
}

namespace {

class ForestLearner : public Learner {
 public:
  explicit ForestLearner(const LearnerOptions& o) {
    options_.trees = o.trees ? o.trees : 100;
    options_.seed = o.seed;
  }
  void fit(const MatrixRef& x, const VectorRef& y, const Eigen::VectorXd& w) override {
    if (x.rows() != y.size() || (w.size() && w.size() != y.size()))
      throw InputError("forest: rows of x, y and weights differ");
    bins_ = bin_features(x);
    const std::vector<double> yy(y.data(), y.data() + y.size());
    forest_.grow(HonestForest::Kind::Regression, bins_, yy.data(), nullptr, w.size() ? w.data() : nullptr, options_);
    // Every row must reach a leaf with an estimate in some tree, or predictions would be undefined.
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
