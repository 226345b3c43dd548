#include "uplift/meta.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "learn/learner.hpp"
#include "uplift/causal_forest.hpp"

namespace incrementa {

std::vector<int> make_folds(const std::vector<int>& arm_code, size_t k, uint64_t seed) {
  if (k < 2) throw InputError("cross-fitting needs at least 2 folds");
  const size_t n = arm_code.size();
  std::vector<int> fold(n, 0);
  int lo = 0, hi = -1;
  for (int a : arm_code) lo = std::min(lo, a), hi = std::max(hi, a);
  const Rng base(seed, 0x7f01d5);
  size_t dealt = 0;  // continue the round-robin across arms so fold sizes stay balanced
  for (int a = lo; a <= hi; ++a) {
    std::vector<size_t> rows;
    for (size_t i = 0; i < n; ++i)
      if (arm_code[i] == a) rows.push_back(i);
    Rng rng = base.split(static_cast<uint64_t>(a - lo));
    rng.shuffle(rows);
    for (size_t r : rows) fold[r] = static_cast<int>(dealt++ % k);
  }
  return fold;
}

double roc_auc(const std::vector<double>& score, const std::vector<int>& label) {
  std::vector<size_t> idx(score.size());
  std::iota(idx.begin(), idx.end(), size_t{0});
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return score[a] < score[b]; });
  double rank_sum = 0, n1 = 0, n0 = 0;
  for (size_t i = 0; i < idx.size();) {
    size_t j = i;
    while (j < idx.size() && score[idx[j]] == score[idx[i]]) ++j;
    const double avg = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;  // 1-based average rank
    for (size_t t = i; t < j; ++t)
      if (label[idx[t]] == 1) rank_sum += avg;
    i = j;
  }
  for (int l : label) (l == 1 ? n1 : n0) += 1;
  if (n1 == 0 || n0 == 0) return std::numeric_limits<double>::quiet_NaN();
  return (rank_sum - n1 * (n1 + 1) / 2) / (n1 * n0);
}

namespace {

Eigen::MatrixXd take_rows(const Eigen::MatrixXd& x, const std::vector<size_t>& rows) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), x.cols());
  for (size_t i = 0; i < rows.size(); ++i) out.row(static_cast<Eigen::Index>(i)) = x.row(static_cast<Eigen::Index>(rows[i]));
  return out;
}
Eigen::VectorXd take(const std::vector<double>& v, const std::vector<size_t>& rows) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(rows.size()));
  for (size_t i = 0; i < rows.size(); ++i) out[static_cast<Eigen::Index>(i)] = v[rows[i]];
  return out;
}
// [x, w, w x] with w a constant or per row.
Eigen::MatrixXd s_design(const Eigen::MatrixXd& x, const Eigen::VectorXd& w) {
  const Eigen::Index p = x.cols();
  Eigen::MatrixXd d(x.rows(), 2 * p + 1);
  d.leftCols(p) = x;
  d.col(p) = w;
  d.rightCols(p) = x.array().colwise() * w.array();
  return d;
}

struct Split {
  std::vector<size_t> train, train_t, train_c, test;
};

// Clipped propensities into r.e and their diagnostics over the comparison's rows (arm >= 0).
void describe_propensity(ArmEstimate& r, const std::vector<double>& e_raw, const std::vector<int>& arm,
                         const MetaOptions& o) {
  const size_t n = e_raw.size();
  r.e.assign(n, 0.0);
  auto& d = r.propensity;
  d.estimated = o.estimate_propensity;
  d.hist_treated.assign(20, 0);
  d.hist_control.assign(20, 0);
  d.min = 1, d.max = 0;
  double outside = 0, used = 0;
  std::vector<double> sc;
  std::vector<int> lab;
  for (size_t i = 0; i < n; ++i) {
    const double e = e_raw[i];
    r.e[i] = std::clamp(e, o.clip, 1 - o.clip);
    if (arm[i] < 0) continue;
    used += 1;
    outside += (e < 0.05 || e > 0.95) ? 1 : 0;
    d.clipped_low += e < o.clip ? 1 : 0;
    d.clipped_high += e > 1 - o.clip ? 1 : 0;
    d.min = std::min(d.min, e), d.max = std::max(d.max, e);
    const size_t bin = std::min<size_t>(19, static_cast<size_t>(std::max(0.0, e) * 20));
    (arm[i] == 1 ? d.hist_treated : d.hist_control)[bin] += 1;
    sc.push_back(e);
    lab.push_back(arm[i]);
  }
  d.share_outside = outside / used;
  d.auc = o.estimate_propensity ? roc_auc(sc, lab) : std::numeric_limits<double>::quiet_NaN();
}

// The causal forest on the comparison's rows (out of bag), and every other row from all trees.
ArmEstimate estimate_arm_causal_forest(const Eigen::MatrixXd& x, const std::vector<double>& y,
                                       const std::vector<int>& arm, const MetaOptions& o, const RunContext* ctx) {
  const size_t n = y.size();
  std::vector<size_t> rows, others;
  for (size_t i = 0; i < n; ++i) (arm[i] >= 0 ? rows : others).push_back(i);
  std::vector<double> yy(rows.size()), ww(rows.size());
  double treated = 0;
  for (size_t j = 0; j < rows.size(); ++j) {
    yy[j] = y[rows[j]];
    ww[j] = arm[rows[j]] == 1 ? 1.0 : 0.0;
    treated += ww[j];
  }
  CausalForestOptions co;
  if (o.trees) co.forest.trees = o.trees;
  co.forest.seed = o.seed;
  co.estimate_propensity = o.estimate_propensity;
  co.known_propensity = treated / static_cast<double>(rows.size());
  CausalForest forest;
  if (others.empty())
    forest.fit(x, yy, ww, co, ctx);  // every row is in the comparison: no copy of the design
  else
    forest.fit(take_rows(x, rows), yy, ww, co, ctx);

  ArmEstimate r;
  r.cate.assign(n, 0.0);
  r.cate_se.assign(n, 0.0);
  r.mu0.assign(n, 0.0);
  r.mu1.assign(n, 0.0);
  std::vector<double> e_raw(n, co.known_propensity);
  for (size_t j = 0; j < rows.size(); ++j) {
    const size_t i = rows[j];
    const double tau = forest.tau()[j], yh = forest.y_hat()[j], wh = forest.w_hat()[j];
    r.cate[i] = tau;
    r.cate_se[i] = forest.se()[j];
    e_raw[i] = wh;
    // grf's outcome models from the same fit: E[Y | x, W = w] = y_hat + (w - w_hat) tau.
    r.mu0[i] = yh - wh * tau;
    r.mu1[i] = yh + (1 - wh) * tau;
  }
  if (!others.empty()) {
    std::vector<double> tau, se;
    forest.predict(take_rows(x, others), tau, se);
    for (size_t j = 0; j < others.size(); ++j) {
      r.cate[others[j]] = tau[j];
      r.cate_se[others[j]] = se[j];
    }
  }
  describe_propensity(r, e_raw, arm, o);
  r.forest_trees = forest.forest().tree_count();
  r.forest_nodes = forest.forest().node_count();
  r.forest_bytes = forest.memory_bytes();
  return r;
}

}  // namespace

ArmEstimate estimate_arm(const Eigen::MatrixXd& x, const std::vector<double>& y, const std::vector<int>& arm,
                         const std::vector<int>& folds, size_t k, const MetaOptions& o, const RunContext* ctx) {
  const std::string& L = o.learner;
  if (L != "s" && L != "t" && L != "x" && L != "r" && L != "dr" && L != "causal_forest")
    throw InputError("unknown learner '" + L + "' (known: s, t, x, r, dr, causal_forest)");
  if (!(o.clip > 0 && o.clip < 0.5)) throw InputError("the propensity clip must be between 0 and 0.5");
  if (L == "causal_forest") return estimate_arm_causal_forest(x, y, arm, o, ctx);
  const size_t n = y.size();
  LearnerOptions lo;
  lo.ridge = o.ridge;
  lo.seed = o.seed;
  lo.trees = o.trees;
  lo.context = ctx;
  const std::string effect_kind = make_learner(o.base, lo)->is_classifier() ? "linear" : o.base;
  auto outcome_model = [&] { return make_learner(o.base, lo); };
  auto effect_model = [&] { return make_learner(effect_kind, lo); };

  std::vector<Split> splits(k);
  for (size_t i = 0; i < n; ++i) {
    Split& s = splits[static_cast<size_t>(folds[i])];
    s.test.push_back(i);
    for (size_t f = 0; f < k; ++f) {
      if (static_cast<int>(f) == folds[i] || arm[i] < 0) continue;
      splits[f].train.push_back(i);
      (arm[i] == 1 ? splits[f].train_t : splits[f].train_c).push_back(i);
    }
  }
  const size_t min_rows = static_cast<size_t>(x.cols()) + 2;
  for (size_t f = 0; f < k; ++f)
    if (splits[f].train_t.size() < min_rows || splits[f].train_c.size() < min_rows)
      throw InputError("too few rows to fit: a training fold holds " + std::to_string(splits[f].train_t.size()) +
                       " treated and " + std::to_string(splits[f].train_c.size()) + " control rows, and " +
                       std::to_string(min_rows) + " of each are needed for " + std::to_string(x.cols()) +
                       " feature columns; use fewer folds or features");
  auto tick = [&](double frac, const char* stage) {
    if (ctx) {
      ctx->check();
      ctx->progress(frac, stage);
    }
  };

  ArmEstimate r;
  r.cate.assign(n, 0.0);
  r.e.assign(n, 0.0);
  r.mu0.assign(n, 0.0);
  r.mu1.assign(n, 0.0);
  std::vector<double> w01(n);
  for (size_t i = 0; i < n; ++i) w01[i] = arm[i] == 1 ? 1.0 : 0.0;

  // Propensity.
  std::vector<double> e_raw(n);
  r.propensity.estimated = o.estimate_propensity;
  if (o.estimate_propensity) {
    for (size_t f = 0; f < k; ++f) {
      tick(0.1 * static_cast<double>(f) / static_cast<double>(k), "propensity");
      auto m = make_learner("logistic", lo);
      m->fit(take_rows(x, splits[f].train), take(w01, splits[f].train));
      const Eigen::VectorXd p = m->predict(take_rows(x, splits[f].test));
      for (size_t i = 0; i < splits[f].test.size(); ++i) e_raw[splits[f].test[i]] = p[static_cast<Eigen::Index>(i)];
    }
  } else {
    double nt = 0, nall = 0;
    for (size_t i = 0; i < n; ++i)
      if (arm[i] >= 0) nt += w01[i], nall += 1;
    std::fill(e_raw.begin(), e_raw.end(), nt / nall);
  }
  describe_propensity(r, e_raw, arm, o);

  // Outcome models mu0, mu1 out of fold (every learner reports them: OPE and DR use them); X uses the
  // in-fold models on the training rows.
  std::vector<std::unique_ptr<Learner>> m0(k), m1(k);
  for (size_t f = 0; f < k; ++f) {
    tick(0.1 + 0.4 * static_cast<double>(f) / static_cast<double>(k), "outcome models");
    const Split& s = splits[f];
    m0[f] = outcome_model();
    m0[f]->fit(take_rows(x, s.train_c), take(y, s.train_c));
    m1[f] = outcome_model();
    m1[f]->fit(take_rows(x, s.train_t), take(y, s.train_t));
    const Eigen::MatrixXd xt = take_rows(x, s.test);
    const Eigen::VectorXd p0 = m0[f]->predict(xt), p1 = m1[f]->predict(xt);
    for (size_t i = 0; i < s.test.size(); ++i) {
      r.mu0[s.test[i]] = p0[static_cast<Eigen::Index>(i)];
      r.mu1[s.test[i]] = p1[static_cast<Eigen::Index>(i)];
    }
  }

  // The final stage, per fold.
  std::vector<double> target(n, 0.0), weight(n, 1.0);
  if (L == "dr") {
    for (size_t i = 0; i < n; ++i)
      target[i] = r.mu1[i] - r.mu0[i] + w01[i] * (y[i] - r.mu1[i]) / r.e[i] -
                  (1 - w01[i]) * (y[i] - r.mu0[i]) / (1 - r.e[i]);
  } else if (L == "r") {
    std::vector<double> m(n);
    for (size_t f = 0; f < k; ++f) {
      tick(0.5 + 0.2 * static_cast<double>(f) / static_cast<double>(k), "outcome mean m(x)");
      auto mm = outcome_model();
      mm->fit(take_rows(x, splits[f].train), take(y, splits[f].train));
      const Eigen::VectorXd p = mm->predict(take_rows(x, splits[f].test));
      for (size_t i = 0; i < splits[f].test.size(); ++i) m[splits[f].test[i]] = p[static_cast<Eigen::Index>(i)];
    }
    for (size_t i = 0; i < n; ++i) {
      const double wt = w01[i] - r.e[i];
      target[i] = (y[i] - m[i]) / wt;
      weight[i] = wt * wt;
    }
  }
  for (size_t f = 0; f < k; ++f) {
    tick(0.7 + 0.3 * static_cast<double>(f) / static_cast<double>(k), "effect model");
    const Split& s = splits[f];
    const Eigen::MatrixXd xt = take_rows(x, s.test);
    Eigen::VectorXd tau;
    if (L == "t") {
      tau = m1[f]->predict(xt) - m0[f]->predict(xt);
    } else if (L == "s") {
      auto m = outcome_model();
      m->fit(s_design(take_rows(x, s.train), take(w01, s.train)), take(y, s.train));
      const Eigen::Index nt = xt.rows();
      tau = m->predict(s_design(xt, Eigen::VectorXd::Ones(nt))) - m->predict(s_design(xt, Eigen::VectorXd::Zero(nt)));
    } else if (L == "x") {
      const Eigen::MatrixXd xtr = take_rows(x, s.train_t), xco = take_rows(x, s.train_c);
      const Eigen::VectorXd d1 = take(y, s.train_t) - m0[f]->predict(xtr);
      const Eigen::VectorXd d0 = m1[f]->predict(xco) - take(y, s.train_c);
      auto t1 = effect_model(), t0 = effect_model();
      t1->fit(xtr, d1);
      t0->fit(xco, d0);
      const Eigen::VectorXd e = take(r.e, s.test);
      tau = e.array() * t0->predict(xt).array() + (1 - e.array()) * t1->predict(xt).array();
    } else {  // dr, r
      auto m = effect_model();
      m->fit(take_rows(x, s.train), take(target, s.train),
             L == "r" ? Eigen::VectorXd(take(weight, s.train)) : Eigen::VectorXd());
      tau = m->predict(xt);
    }
    for (size_t i = 0; i < s.test.size(); ++i) r.cate[s.test[i]] = tau[static_cast<Eigen::Index>(i)];
  }
  tick(1.0, "done");
  return r;
}

}  // namespace incrementa
