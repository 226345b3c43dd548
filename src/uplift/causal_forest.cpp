#include "uplift/causal_forest.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "learn/regression_forest.hpp"

namespace incrementa {

double positive_posterior_mean(double estimate, double scale) {
  if (!(scale > 0)) return std::max(estimate, 0.0);
  // Below r = -30 the normal tail underflows; E[X | X > 0] -> scale^2 / |estimate| there.
  const double r = std::max(estimate / scale, -30.0);
  const double density = std::exp(-0.5 * r * r) / std::sqrt(2 * M_PI);
  const double tail = 0.5 * std::erfc(-r / std::sqrt(2.0));
  return std::max(0.0, r * scale + scale * density / tail);
}

namespace {

struct Estimate {
  double tau = std::numeric_limits<double>::quiet_NaN();
  double se = std::numeric_limits<double>::quiet_NaN();
};

// The forest's estimate for one row from its leaf in each tree (nullptr: tree not used, out of bag or empty
// leaf). Leaves keep [mean y, mean w, mean wy, mean ww].
Estimate estimate_from(const HonestForest& forest, const double* const* leaves) {
  const size_t trees = forest.tree_count();
  double k = 0, sy = 0, sw = 0, swy = 0, sww = 0;
  for (size_t t = 0; t < trees; ++t) {
    const double* s = leaves[t];
    if (!s) continue;
    k += 1, sy += s[0], sw += s[1], swy += s[2], sww += s[3];
  }
  Estimate e;
  if (k == 0) return e;
  const double ybar = sy / k, wbar = sw / k, slope = sww / k - wbar * wbar;
  if (!(slope > 1e-12)) return e;
  e.tau = (swy / k - ybar * wbar) / slope;

  // Bootstrap of little bags over the groups whose every tree has a leaf for the row.
  const size_t size = forest.group_size();
  if (size < 2) return e;
  auto psi = [&](const double* s) {
    return (s[2] - ybar * s[1] - wbar * s[0] + wbar * ybar) - e.tau * (s[3] - 2 * wbar * s[1] + wbar * wbar);
  };
  double groups = 0, sum = 0;
  for (size_t g = 0; g * size < trees; ++g) {
    bool good = true;
    for (size_t l = 0; l < size; ++l) good = good && leaves[g * size + l];
    if (!good) continue;
    groups += 1;
    for (size_t l = 0; l < size; ++l) sum += psi(leaves[g * size + l]);
  }
  if (groups < 2) return e;
  const double mean = sum / (groups * static_cast<double>(size));
  double between = 0, total = 0;
  for (size_t g = 0; g * size < trees; ++g) {
    bool good = true;
    for (size_t l = 0; l < size; ++l) good = good && leaves[g * size + l];
    if (!good) continue;
    double group_sum = 0;
    for (size_t l = 0; l < size; ++l) {
      const double v = psi(leaves[g * size + l]);
      group_sum += v;
      total += (v - mean) * (v - mean);
    }
    const double d = group_sum / static_cast<double>(size) - mean;
    between += d * d;
  }
  between /= groups;
  total /= groups * static_cast<double>(size);
  const double noise = (total - between) / static_cast<double>(size - 1);
  const double variance =
      positive_posterior_mean(between - noise, std::max(between, noise) * std::sqrt(2.0 / groups));
  e.se = std::sqrt(variance) / slope;
  return e;
}

// Estimates for rows [0, rows) of `codes`, in blocks (see HonestForest::block_leaves); use(t, i) says whether
// tree t may serve row i. A row no tree may serve is estimated from all trees.
template <class Use>
void estimate_rows(const HonestForest& forest, const uint8_t* codes, size_t rows, Use use, std::vector<double>& tau,
                   std::vector<double>& se) {
  tau.assign(rows, 0.0);
  se.assign(rows, 0.0);
  const size_t trees = forest.tree_count();
  parallel_for(rows, 64, [&](size_t b, size_t e) {
    std::vector<const double*> leaves;
    forest.block_leaves(codes, rows, b, e, use, leaves);
    for (size_t i = b; i < e; ++i) {
      Estimate est = estimate_from(forest, leaves.data() + (i - b) * trees);
      if (std::isnan(est.tau)) {  // every tree drew the row (only with very few trees): use them all
        std::vector<const double*> all;
        forest.block_leaves(codes, rows, i, i + 1, [](size_t, size_t) { return true; }, all);
        est = estimate_from(forest, all.data());
      }
      tau[i] = est.tau;
      se[i] = est.se;
    }
  });
}

}  // namespace

void CausalForest::fit(const Eigen::Ref<const Eigen::MatrixXd>& x, const std::vector<double>& y,
                       const std::vector<double>& w, const CausalForestOptions& o, const RunContext* context) {
  const size_t n = static_cast<size_t>(x.rows());
  if (y.size() != n || w.size() != n) throw InputError("causal forest: rows of x, y and w differ");
  size_t treated = 0;
  for (double v : w) {
    if (v != 0 && v != 1) throw InputError("causal forest: the treatment must be 0 or 1");
    treated += v == 1;
  }
  if (treated < 2 || n - treated < 2)
    throw InputError("causal forest: needs at least 2 treated and 2 control rows; got " + std::to_string(treated) +
                     " and " + std::to_string(n - treated));
  if (!o.estimate_propensity && !(o.known_propensity > 0 && o.known_propensity < 1))
    throw ConfigError("causal forest: the known propensity must be in (0, 1)");
  // Each stage shares the caller's cancel token, so Cancel stops a tree loop at once.
  RunContext standalone;
  const RunContext& parent = context ? *context : standalone;
  auto stage = [&](double from, double to, const char* name) { return parent.child(from, to, name); };

  bins_ = bin_features(x);
  ForestOptions nuisance = o.forest;
  nuisance.trees = o.nuisance_trees ? o.nuisance_trees : std::max<size_t>(50, o.forest.trees / 4);
  nuisance.ci_group_size = 1;

  // 1. Nuisances, out of bag.
  {
    RunContext sub = stage(0.0, 0.2, "outcome model E[Y|x]");
    HonestForest f;
    nuisance.seed = o.forest.seed + 1;
    f.grow(HonestForest::Kind::Regression, bins_, y.data(), nullptr, nullptr, nuisance, &sub);
    y_hat_ = regression_forest_oob(f, bins_);
  }
  if (o.estimate_propensity) {
    RunContext sub = stage(0.2, 0.35, "propensity model E[W|x]");
    HonestForest f;
    nuisance.seed = o.forest.seed + 2;
    f.grow(HonestForest::Kind::Regression, bins_, w.data(), nullptr, nullptr, nuisance, &sub);
    w_hat_ = regression_forest_oob(f, bins_);
  } else {
    w_hat_.assign(n, o.known_propensity);
  }
  if (context) context->check();

  // 2-3. Centred data, causal trees.
  std::vector<double> yc(n), wc(n);
  for (size_t i = 0; i < n; ++i) {
    yc[i] = y[i] - y_hat_[i];
    wc[i] = w[i] - w_hat_[i];
  }
  {
    RunContext sub = stage(0.35, 0.95, "causal trees");
    forest_.grow(HonestForest::Kind::Causal, bins_, yc.data(), wc.data(), nullptr, o.forest, &sub);
  }
  if (context) {
    context->check();
    context->progress(0.95, "out-of-bag estimates");
  }

  // 4-5. Out-of-bag estimates and standard errors.
  estimate_rows(forest_, bins_.codes.data(), n, [&](size_t t, size_t i) { return !forest_.in_sample(t, i); }, tau_, se_);
  for (size_t i = 0; i < n; ++i)
    if (std::isnan(tau_[i]))
      throw InputError("causal forest: no treatment variation around row " + std::to_string(i + 1) +
                       "; the arms do not overlap there (check the propensity diagnostics)");
}

void CausalForest::predict(const Eigen::Ref<const Eigen::MatrixXd>& x, std::vector<double>& tau,
                           std::vector<double>& se) const {
  const std::vector<uint8_t> codes = apply_bins(bins_, x);
  estimate_rows(forest_, codes.data(), static_cast<size_t>(x.rows()), [](size_t, size_t) { return true; }, tau, se);
}

size_t CausalForest::memory_bytes() const {
  return forest_.memory_bytes() + bins_.codes.capacity() +
         (tau_.capacity() + se_.capacity() + y_hat_.capacity() + w_hat_.capacity()) * sizeof(double);
}

}  // namespace incrementa
