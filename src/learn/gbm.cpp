#include "learn/gbm.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"
#include "core/run_context.hpp"

namespace incrementa {

namespace {

constexpr size_t kRowGrain = 16384;  // rows per chunk for per-row work (no reductions across rows)

double sigmoid(double f) { return 1.0 / (1.0 + std::exp(-f)); }

Eigen::MatrixXd take_rows(const MatrixRef& x, const std::vector<uint32_t>& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), x.cols());
  for (Eigen::Index j = 0; j < x.cols(); ++j)
    for (size_t k = 0; k < rows.size(); ++k) out(static_cast<Eigen::Index>(k), j) = x(rows[k], j);
  return out;
}

std::string row_text(Eigen::Index i) { return "row " + std::to_string(i + 1); }

}  // namespace

GbmLearner::GbmLearner(const GbmOptions& o) : o_(o) {
  if (o.rounds < 1) throw ConfigError("gbm: rounds must be at least 1");
  if (!(o.learning_rate > 0 && o.learning_rate <= 1)) throw ConfigError("gbm: learning_rate must be in (0, 1]");
  if (o.max_leaves < 2) throw ConfigError("gbm: max_leaves must be at least 2");
  if (o.min_rows_leaf < 1) throw ConfigError("gbm: min_rows_leaf must be at least 1");
  if (!(o.lambda >= 0)) throw ConfigError("gbm: lambda must be >= 0");
  if (!(o.min_hessian >= 0)) throw ConfigError("gbm: min_hessian must be >= 0");
  if (o.max_bins < 2 || o.max_bins > 256) throw ConfigError("gbm: max_bins must be from 2 to 256");
  if (!(o.subsample > 0 && o.subsample <= 1)) throw ConfigError("gbm: subsample must be in (0, 1]");
  if (!(o.colsample > 0 && o.colsample <= 1)) throw ConfigError("gbm: colsample must be in (0, 1]");
  if (!(o.validation_fraction > 0 && o.validation_fraction < 1))
    throw ConfigError("gbm: validation_fraction must be in (0, 1)");
  if (o.early_stopping < -1 || o.early_stopping > 1) throw ConfigError("gbm: early_stopping must be -1, 0 or 1");
  logistic_ = o.loss == GbmLoss::Logistic;
}

void GbmLearner::fit(const MatrixRef& x, const VectorRef& y, const Eigen::VectorXd& w) {
  const Eigen::Index n = x.rows(), p = x.cols();
  fitted_ = false;
  trees_.clear();
  if (n == 0) throw InputError("gbm: no rows to fit");
  if (p == 0) throw InputError("gbm: no feature columns to fit on");
  if (y.size() != n)
    throw InputError("gbm: " + std::to_string(y.size()) + " targets for " + std::to_string(n) + " rows");
  if (w.size() != 0 && w.size() != n)
    throw InputError("gbm: " + std::to_string(w.size()) + " weights for " + std::to_string(n) + " rows");
  if (static_cast<uint64_t>(n) > std::numeric_limits<uint32_t>::max())  // row ids are 32-bit
    throw InputError("gbm: too many rows (at most 4,294,967,295)");
  for (Eigen::Index j = 0; j < p; ++j)
    for (Eigen::Index i = 0; i < n; ++i)
      if (!std::isfinite(x(i, j)))
        throw InputError("gbm: feature column " + std::to_string(j + 1) + " has a missing or infinite value on " +
                         row_text(i) + "; fill or drop such rows first");
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!std::isfinite(y[i])) throw InputError("gbm: the target is missing or infinite on " + row_text(i));
    if (w.size() && !(std::isfinite(w[i]) && w[i] >= 0))
      throw InputError("gbm: the weight on " + row_text(i) + " is " + format_number(w[i]) +
                       "; weights must be finite and >= 0");
  }

  // Rows that count (positive weight), in order.
  std::vector<uint32_t> kept;
  kept.reserve(static_cast<size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i)
    if (w.size() == 0 || w[i] > 0) kept.push_back(static_cast<uint32_t>(i));
  if (kept.empty()) throw InputError("gbm: every row has weight 0");
  const size_t m = kept.size();

  bool logistic = o_.loss == GbmLoss::Logistic;
  if (o_.loss == GbmLoss::Auto) {
    logistic = true;
    for (uint32_t i : kept)
      if (y[i] != 0 && y[i] != 1) logistic = false;
  } else if (logistic) {
    for (uint32_t i : kept)
      if (y[i] != 0 && y[i] != 1)
        throw InputError("gbm: the logistic loss needs a 0/1 target; got " + format_number(y[i]) + " on " +
                         row_text(i));
  }
  logistic_ = logistic;

  // Weights scaled to mean 1 over the rows that count, so lambda and
  // min_hessian mean the same at any weight scale.
  std::vector<double> wk(m, 1.0);
  if (w.size()) {
    double s = 0;
    for (uint32_t i : kept) s += w[i];
    const double scale = static_cast<double>(m) / s;
    for (size_t k = 0; k < m; ++k) wk[k] = w[kept[k]] * scale;
  }

  // Validation split for early stopping.
  Rng rng(o_.seed, 0x6b6d);
  const bool want_es = o_.early_stopping == 1 || (o_.early_stopping == -1 && m >= 10000);
  size_t n_val = want_es ? static_cast<size_t>(std::floor(o_.validation_fraction * static_cast<double>(m))) : 0;
  if (n_val < 1 || m - n_val < 2 * o_.min_rows_leaf) n_val = 0;
  std::vector<char> is_val(m, 0);
  if (n_val) {
    std::vector<uint32_t> perm(m);
    for (size_t k = 0; k < m; ++k) perm[k] = static_cast<uint32_t>(k);
    Rng r = rng.split(0);
    r.shuffle(perm);
    for (size_t k = 0; k < n_val; ++k) is_val[perm[k]] = 1;
  }
  std::vector<uint32_t> train_rows, val_rows;  // into x
  std::vector<double> yt, wt, yv, wv;
  for (size_t k = 0; k < m; ++k) {
    (is_val[k] ? val_rows : train_rows).push_back(kept[k]);
    (is_val[k] ? yv : yt).push_back(y[kept[k]]);
    (is_val[k] ? wv : wt).push_back(wk[k]);
  }
  const size_t nt = train_rows.size(), nv = val_rows.size();

  if (nt == static_cast<size_t>(n)) {
    bins_ = bin_features(x, o_.max_bins);
  } else {
    bins_ = bin_features(take_rows(x, train_rows), o_.max_bins);
  }
  std::vector<uint8_t> vcodes;
  if (nv) vcodes = apply_bins(bins_, take_rows(x, val_rows));

  // Initial score: the weighted mean (its log-odds under the logistic loss).
  double sw = 0, swy = 0;
  for (size_t k = 0; k < nt; ++k) sw += wt[k], swy += wt[k] * yt[k];
  const double mean = swy / sw;
  if (logistic) {
    if (mean <= 0 || mean >= 1) {
      // One class only: the model is that constant probability, exactly.
      init_ = mean <= 0 ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
      bins_.codes.clear();
      bins_.codes.shrink_to_fit();
      fitted_ = true;
      return;
    }
    init_ = std::log(mean / (1 - mean));
  } else {
    init_ = mean;
  }

  TreeParams tp;
  tp.max_leaves = o_.max_leaves;
  tp.max_depth = o_.max_depth;
  tp.min_rows_leaf = o_.min_rows_leaf;
  tp.lambda = o_.lambda;
  tp.min_hessian = o_.min_hessian;
  tp.learning_rate = o_.learning_rate;

  std::vector<double> f(nt, init_), fv(nv, init_), gh(2 * nt);
  std::vector<uint32_t> all_rows(nt);
  for (size_t k = 0; k < nt; ++k) all_rows[k] = static_cast<uint32_t>(k);
  std::vector<uint32_t> all_features(static_cast<size_t>(p));
  for (size_t j = 0; j < all_features.size(); ++j) all_features[j] = static_cast<uint32_t>(j);

  auto val_loss = [&] {
    double s = 0, sw_v = 0;
    for (size_t k = 0; k < nv; ++k) {
      double l;
      if (logistic) {
        const double q = std::clamp(sigmoid(fv[k]), 1e-15, 1 - 1e-15);
        l = -(yv[k] * std::log(q) + (1 - yv[k]) * std::log(1 - q));
      } else {
        l = (fv[k] - yv[k]) * (fv[k] - yv[k]);
      }
      s += wv[k] * l;
      sw_v += wv[k];
    }
    return s / sw_v;
  };
  double best_loss = nv ? val_loss() : 0;
  size_t best_rounds = 0;

  for (size_t round = 0; round < o_.rounds; ++round) {
    if (o_.context) o_.context->check();
    parallel_for(nt, kRowGrain, [&](size_t b, size_t e) {
      for (size_t k = b; k < e; ++k) {
        if (logistic) {
          const double q = sigmoid(f[k]);
          gh[2 * k] = wt[k] * (q - yt[k]);
          gh[2 * k + 1] = wt[k] * std::max(q * (1 - q), 1e-16);
        } else {
          gh[2 * k] = wt[k] * (f[k] - yt[k]);
          gh[2 * k + 1] = wt[k];
        }
      }
    });
    std::vector<uint32_t> rows;
    if (o_.subsample < 1) {
      Rng r = rng.split(1 + 2 * round);
      for (size_t k = 0; k < nt; ++k)
        if (r.uniform() < o_.subsample) rows.push_back(static_cast<uint32_t>(k));
      if (rows.empty()) rows.push_back(static_cast<uint32_t>(r.uniform_int(nt)));
    } else {
      rows = all_rows;
    }
    std::vector<uint32_t> features;
    if (o_.colsample < 1) {
      const size_t k = std::max<size_t>(1, static_cast<size_t>(std::lround(o_.colsample * static_cast<double>(p))));
      std::vector<uint32_t> perm = all_features;
      Rng r = rng.split(2 + 2 * round);
      r.shuffle(perm);
      features.assign(perm.begin(), perm.begin() + static_cast<std::ptrdiff_t>(k));
      std::sort(features.begin(), features.end());  // distinct values: no ties
    } else {
      features = all_features;
    }

    GrownTree g = grow_tree(bins_, gh, std::move(rows), features, tp);
    if (o_.subsample < 1) {
      parallel_for(nt, kRowGrain, [&](size_t b, size_t e) {
        for (size_t k = b; k < e; ++k) f[k] += g.tree.predict(bins_.codes.data(), nt, k);
      });
    } else {
      for (const auto& s : g.leaves) {
        const double v = g.tree.nodes[static_cast<size_t>(s.node)].value;
        for (size_t k = s.begin; k < s.end; ++k) f[g.rows[k]] += v;
      }
    }
    const bool stump = g.tree.nodes.size() == 1;
    trees_.push_back(std::move(g.tree));

    if (nv) {
      const GradTree& t = trees_.back();
      parallel_for(nv, kRowGrain, [&](size_t b, size_t e) {
        for (size_t k = b; k < e; ++k) fv[k] += t.predict(vcodes.data(), nv, k);
      });
      const double loss = val_loss();
      if (loss < best_loss - o_.tolerance * std::fabs(best_loss)) {
        best_loss = loss;
        best_rounds = trees_.size();
      } else if (trees_.size() - best_rounds >= o_.patience) {
        break;
      }
    } else if (stump && o_.subsample == 1 && o_.colsample == 1) {
      break;  // nothing left to split on: later trees would only nudge the constant
    }
  }
  if (nv) trees_.resize(best_rounds);
  bins_.codes.clear();
  bins_.codes.shrink_to_fit();
  bins_.rows = 0;
  fitted_ = true;
}

std::vector<double> GbmLearner::predict_codes(const std::vector<uint8_t>& codes, size_t rows) const {
  std::vector<double> s(rows, init_);
  parallel_for(rows, kRowGrain, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i)
      for (const auto& t : trees_) s[i] += t.predict(codes.data(), rows, i);
  });
  return s;
}

Eigen::VectorXd GbmLearner::predict(const MatrixRef& x) const {
  if (!fitted_) throw InputError("gbm: predict called before fit");
  if (static_cast<size_t>(x.cols()) != bins_.features)
    throw InputError("gbm: rows to predict have " + std::to_string(x.cols()) + " features; the model was fitted on " +
                     std::to_string(bins_.features));
  for (Eigen::Index j = 0; j < x.cols(); ++j)
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      if (!std::isfinite(x(i, j)))
        throw InputError("gbm: feature column " + std::to_string(j + 1) + " has a missing or infinite value on " +
                         row_text(i) + " of the rows to predict");
  const size_t rows = static_cast<size_t>(x.rows());
  const std::vector<double> s = predict_codes(apply_bins(bins_, x), rows);
  Eigen::VectorXd out(x.rows());
  for (size_t i = 0; i < rows; ++i) out[static_cast<Eigen::Index>(i)] = logistic_ ? sigmoid(s[i]) : s[i];
  return out;
}

std::unique_ptr<Learner> make_gbm_learner(const LearnerOptions& options) {
  GbmOptions o;
  o.seed = options.seed;
  o.context = options.context;
  if (options.trees > 0) o.rounds = options.trees;
  return std::make_unique<GbmLearner>(o);
}

}  // namespace incrementa
