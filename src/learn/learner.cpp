#include "learn/learner.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/regression.hpp"
#include "learn/gbm.hpp"
#include "learn/regression_forest.hpp"

namespace incrementa {

Design build_design(const Table& table, const std::vector<std::string>& features, size_t max_levels) {
  if (features.empty()) throw InputError("no feature columns: name at least one with --features");
  const size_t n = table.rows();
  std::vector<const Column*> cols;
  size_t p = 0;
  for (const auto& f : features) {
    const Column& c = table.column(f);
    for (size_t r = 0; r < n; ++r)
      if (c.missing(r))
        throw InputError(table.source() + ": feature '" + f + "' has a missing value on line " +
                         std::to_string(table.line_of_row(r)) + "; fill or drop such rows first (" +
                         std::to_string(c.missing_count()) + " missing in that column)");
    if (c.type == ColumnType::Categorical) {
      if (c.levels.size() > max_levels)
        throw InputError(table.source() + ": categorical feature '" + f + "' has " + std::to_string(c.levels.size()) +
                         " levels (at most " + std::to_string(max_levels) + "); is it an id? exclude it");
      p += c.levels.size() - 1;
    } else {
      p += 1;
    }
    cols.push_back(&c);
  }
  Design d;
  d.x.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(p));
  Eigen::Index j = 0;
  for (const Column* c : cols) {
    if (c->type == ColumnType::Categorical) {
      for (size_t l = 1; l < c->levels.size(); ++l, ++j) {
        d.names.push_back(c->name + "=" + c->levels[l]);
        for (size_t r = 0; r < n; ++r)
          d.x(static_cast<Eigen::Index>(r), j) = c->codes[r] == static_cast<int32_t>(l) ? 1.0 : 0.0;
      }
    } else {
      d.names.push_back(c->name);
      for (size_t r = 0; r < n; ++r) d.x(static_cast<Eigen::Index>(r), j) = c->values[r];
      ++j;
    }
  }
  return d;
}

namespace {

// Centres and scales the training columns; constant columns keep scale 1 (the
// ridge keeps the fit defined).
struct Standardizer {
  Eigen::VectorXd mean, scale;
  void fit(const MatrixRef& x) {
    const Eigen::Index p = x.cols();
    const double n = static_cast<double>(x.rows());
    mean.resize(p);
    scale.resize(p);
    for (Eigen::Index j = 0; j < p; ++j) {
      double s = 0;
      for (Eigen::Index i = 0; i < x.rows(); ++i) s += x(i, j);
      const double m = s / n;
      double ss = 0;
      for (Eigen::Index i = 0; i < x.rows(); ++i) ss += (x(i, j) - m) * (x(i, j) - m);
      const double sd = std::sqrt(ss / n);
      mean[j] = m;
      scale[j] = sd > 1e-12 * (1 + std::fabs(m)) ? sd : 1.0;
    }
  }
  // [1, (x - mean) / scale]
  Eigen::MatrixXd apply(const MatrixRef& x) const {
    Eigen::MatrixXd z(x.rows(), x.cols() + 1);
    z.col(0).setOnes();
    for (Eigen::Index j = 0; j < x.cols(); ++j) z.col(j + 1) = (x.col(j).array() - mean[j]) / scale[j];
    return z;
  }
};

double total_weight(const Eigen::VectorXd& w, Eigen::Index n) { return w.size() ? w.sum() : static_cast<double>(n); }

class LinearLearner : public Learner {
 public:
  explicit LinearLearner(double ridge) : ridge_(ridge < 0 ? 1e-6 : ridge) {}
  void fit(const MatrixRef& x, const VectorRef& y, const Eigen::VectorXd& w) override {
    std_.fit(x);
    RegressionOptions o;
    o.ridge = ridge_ * total_weight(w, x.rows());
    coef_ = fit_linear(std_.apply(x), y, w, o).coef;
  }
  Eigen::VectorXd predict(const MatrixRef& x) const override { return std_.apply(x) * coef_; }
  std::string name() const override { return "linear"; }

 private:
  double ridge_;
  Standardizer std_;
  Eigen::VectorXd coef_;
};

class LogisticLearner : public Learner {
 public:
  explicit LogisticLearner(double ridge) : ridge_(ridge < 0 ? 1e-4 : ridge) {}
  void fit(const MatrixRef& x, const VectorRef& y, const Eigen::VectorXd& w) override {
    for (Eigen::Index i = 0; i < y.size(); ++i)
      if (!(y[i] >= 0 && y[i] <= 1))
        throw InputError("the logistic learner needs a 0/1 outcome; got " + format_number(y[i]) +
                         " (use the linear base for a numeric outcome)");
    std_.fit(x);
    RegressionOptions o;
    o.ridge = ridge_ * total_weight(w, x.rows());
    coef_ = fit_logistic(std_.apply(x), y, w, o).coef;
  }
  Eigen::VectorXd predict(const MatrixRef& x) const override {
    Eigen::VectorXd eta = std_.apply(x) * coef_;
    for (Eigen::Index i = 0; i < eta.size(); ++i) eta[i] = 1.0 / (1.0 + std::exp(-eta[i]));
    return eta;
  }
  std::string name() const override { return "logistic"; }
  bool is_classifier() const override { return true; }

 private:
  double ridge_;
  Standardizer std_;
  Eigen::VectorXd coef_;
};

}  // namespace

const std::vector<std::string>& learner_kinds_built() {
  static const std::vector<std::string> k{"linear", "logistic", "forest", "gbm"};
  return k;
}

std::unique_ptr<Learner> make_learner(const std::string& kind, const LearnerOptions& o) {
  if (kind == "linear") return std::make_unique<LinearLearner>(o.ridge);
  if (kind == "logistic") return std::make_unique<LogisticLearner>(o.ridge);
  if (kind == "forest") return make_forest_learner(o);
  if (kind == "gbm") return make_gbm_learner(o);
  throw InputError("unknown base learner '" + kind + "' (known: linear, logistic, forest, gbm)");
}

}  // namespace incrementa
