#include "causal_graph/augment_eval.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "learn/gbm.hpp"

namespace incrementa::causal_graph {

namespace {

Eigen::MatrixXd take_rows(const Eigen::MatrixXd& x, const std::vector<size_t>& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), x.cols());
  for (size_t k = 0; k < rows.size(); ++k) out.row(static_cast<Eigen::Index>(k)) = x.row(static_cast<Eigen::Index>(rows[k]));
  return out;
}

Eigen::MatrixXd take_cols(const Eigen::MatrixXd& x, const std::vector<size_t>& cols) {
  Eigen::MatrixXd out(x.rows(), static_cast<Eigen::Index>(cols.size()));
  for (size_t k = 0; k < cols.size(); ++k) out.col(static_cast<Eigen::Index>(k)) = x.col(static_cast<Eigen::Index>(cols[k]));
  return out;
}

double rmse(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  double s = 0;
  for (Eigen::Index i = 0; i < a.size(); ++i) s += (a(i) - b(i)) * (a(i) - b(i));
  return std::sqrt(s / static_cast<double>(a.size()));
}

GbmOptions gbm_options(uint64_t seed, const RunContext& context) {
  GbmOptions g;
  g.loss = GbmLoss::Squared;
  g.seed = seed;
  g.early_stopping = 0;  // the same trees with and without augmentation: only the data differ
  g.context = &context;
  return g;
}

struct Split {
  Eigen::MatrixXd train, test;
};

Split split_rows(const Eigen::MatrixXd& data, double holdout, uint64_t seed) {
  const size_t n = static_cast<size_t>(data.rows());
  const size_t n_test = static_cast<size_t>(std::llround(holdout * static_cast<double>(n)));
  if (n_test < 2 || n - n_test < 10)
    throw InputError("augment: " + std::to_string(n) + " rows are too few for a held-out check (need at least 10 training "
                     "and 2 held-out rows at holdout " + std::to_string(holdout) + ")");
  std::vector<size_t> idx(n);
  for (size_t i = 0; i < n; ++i) idx[i] = i;
  Rng rng(seed, 0xCA05A1);
  rng.shuffle(idx);
  const std::vector<size_t> test(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(n_test));
  const std::vector<size_t> train(idx.begin() + static_cast<std::ptrdiff_t>(n_test), idx.end());
  return {take_rows(data, train), take_rows(data, test)};
}

// Held-out RMSE of the GBM on the training rows plus the augmented points. The augmented weights are
// rescaled to weigh as much as the training rows together, so pruning (which drops mass) does not also
// decide how much the augmentation counts.
double fit_with(const Split& s, const Augmented& aug, size_t target, const std::vector<size_t>& features,
                uint64_t seed, const RunContext& context) {
  const Eigen::Index n = s.train.rows(), m = aug.x.rows();
  Eigen::MatrixXd x(n + m, static_cast<Eigen::Index>(features.size()));
  Eigen::VectorXd y(n + m), w(n + m);
  x.topRows(n) = take_cols(s.train, features);
  y.head(n) = s.train.col(static_cast<Eigen::Index>(target));
  w.head(n).setOnes();
  if (m > 0) {
    x.bottomRows(m) = take_cols(aug.x, features);
    y.tail(m) = aug.x.col(static_cast<Eigen::Index>(target));
    double total = 0;
    for (Eigen::Index k = 0; k < m; ++k) total += aug.w(k);
    for (Eigen::Index k = 0; k < m; ++k) w(n + k) = aug.w(k) * static_cast<double>(n) / total;
  }
  GbmLearner gbm(gbm_options(seed, context));
  gbm.fit(x, y, w);
  return rmse(gbm.predict(take_cols(s.test, features)), s.test.col(static_cast<Eigen::Index>(target)));
}

}  // namespace

AugmentEval evaluate_augmentation(const Eigen::MatrixXd& data, const Graph& dag, size_t target,
                                  const std::vector<size_t>& features, const AugmentEvalOptions& o,
                                  const RunContext& context) {
  if (!(o.holdout > 0 && o.holdout < 1)) throw ConfigError("augment: holdout must be in (0, 1)");
  if (features.empty()) throw InputError("augment: at least one feature is needed");
  for (size_t f : features)
    if (f == target) throw InputError("augment: the target '" + dag.name(target) + "' cannot also be a feature");
  const Split s = split_rows(data, o.holdout, o.seed);
  AugmentEval r;
  r.train_rows = static_cast<size_t>(s.train.rows());
  r.test_rows = static_cast<size_t>(s.test.rows());
  r.bandwidth_used = o.augment.bandwidth > 0 ? o.augment.bandwidth
                                              : reference_bandwidth(r.train_rows, dag.parents(target).size());
  const uint64_t gbm_seed = o.seed * 2 + 1;
  {
    GbmLearner gbm(gbm_options(gbm_seed, context));
    gbm.fit(take_cols(s.train, features), s.train.col(static_cast<Eigen::Index>(target)));
    r.rmse_without = rmse(gbm.predict(take_cols(s.test, features)), s.test.col(static_cast<Eigen::Index>(target)));
  }
  const size_t runs = 1 + o.thetas.size();
  auto one = [&](double theta, size_t k) {
    AugmentOptions a = o.augment;
    a.theta = theta;
    a.seed = o.seed;
    const RunContext stage = context.child(static_cast<double>(k) / runs, static_cast<double>(k + 1) / runs);
    const Augmented aug = admg_augment(s.train, dag, a, stage);
    SweepPoint p{theta, fit_with(s, aug, target, features, gbm_seed, context), aug.kept_mass,
                 static_cast<size_t>(aug.x.rows())};
    return p;
  };
  const SweepPoint main = one(o.augment.theta, 0);
  r.rmse_with = main.rmse_with;
  r.augmented_points = main.augmented_points;
  r.kept_mass = main.kept_mass;
  for (size_t k = 0; k < o.thetas.size(); ++k) r.sweep.push_back(one(o.thetas[k], k + 1));
  return r;
}

}  // namespace incrementa::causal_graph
