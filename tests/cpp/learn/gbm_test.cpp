// The histogram gradient boosting learner (src/learn/gbm, src/learn/hist_tree): accuracy against known
// functions, calibration of the logistic loss, weights, determinism across thread counts, raw-vs-bin
// prediction, an exhaustive-search check of the leaf-wise tree, and input errors.
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <limits>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"
#include "learn/gbm.hpp"
#include "learn/learner.hpp"

using namespace incrementa;
using Catch::Matchers::Contains;

namespace {

struct ThreadGuard {
  ~ThreadGuard() { set_thread_count(0); }
};

// x ~ U(-1, 1)^p; y = f(x) + N(0, sd^2).
struct Sample {
  Eigen::MatrixXd x;
  Eigen::VectorXd y, truth;
};

Sample nonlinear(size_t n, size_t p, double sd, uint64_t seed) {
  Rng r(seed);
  Sample s;
  s.x.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(p));
  s.y.resize(static_cast<Eigen::Index>(n));
  s.truth.resize(static_cast<Eigen::Index>(n));
  for (Eigen::Index i = 0; i < s.x.rows(); ++i) {
    for (Eigen::Index j = 0; j < s.x.cols(); ++j) s.x(i, j) = r.uniform(-1, 1);
    s.truth[i] = std::sin(4 * s.x(i, 0)) + s.x(i, 1) * s.x(i, 1);
    s.y[i] = s.truth[i] + sd * r.normal();
  }
  return s;
}

double mse(const Eigen::VectorXd& a, const Eigen::VectorXd& b) { return (a - b).squaredNorm() / static_cast<double>(a.size()); }

bool same_bits(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  if (a.size() != b.size()) return false;
  for (Eigen::Index i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i])) return false;
  return true;
}

}  // namespace

TEST_CASE("gbm: recovers a nonlinear function and beats the linear learner", "[learn]") {
  const double sd = 0.5;  // noise variance 0.25
  const Sample train = nonlinear(10000, 3, sd, 11), test = nonlinear(5000, 3, sd, 12);
  auto m = make_learner("gbm");
  m->fit(train.x, train.y);
  CHECK_FALSE(m->is_classifier());
  const Eigen::VectorXd p = m->predict(test.x);
  const double test_mse = mse(p, test.y), err_truth = mse(p, test.truth);
  // The test MSE is the noise variance (0.25; its sampling SD over 5000 rows is 0.25*sqrt(2/5000) = 0.005)
  // plus the model's error against the truth. 10,000 rows and 31-leaf trees should estimate this smooth
  // 2-D function to a mean squared error of about 0.01 (4% of the noise variance); we allow 0.025
  // (10%) for the excess, so the test MSE must lie in [0.235, 0.275].
  INFO("test MSE " << test_mse << ", MSE against the truth " << err_truth);
  CHECK(err_truth < 0.025);
  CHECK(test_mse < 0.25 + 0.025);
  CHECK(test_mse > 0.25 - 0.015);
  // A linear fit misses sin(4 x1) and x2^2 (their non-linear parts carry variance ~0.25 + 0.09).
  auto lin = make_learner("linear");
  lin->fit(train.x, train.y);
  const double lin_mse = mse(lin->predict(test.x), test.y);
  INFO("linear test MSE " << lin_mse);
  CHECK(lin_mse > test_mse + 0.2);
}

TEST_CASE("gbm: logistic loss gives calibrated probabilities", "[learn]") {
  // Logistic world: logit p = -0.5 + 1.5 x1 - x2 + sin(3 x3), x ~ U(-1, 1)^4.
  auto world = [](size_t n, uint64_t seed, Eigen::MatrixXd& x, Eigen::VectorXd& y, Eigen::VectorXd& p) {
    Rng r(seed);
    x.resize(static_cast<Eigen::Index>(n), 4);
    y.resize(static_cast<Eigen::Index>(n));
    p.resize(static_cast<Eigen::Index>(n));
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      for (Eigen::Index j = 0; j < 4; ++j) x(i, j) = r.uniform(-1, 1);
      p[i] = 1 / (1 + std::exp(-(-0.5 + 1.5 * x(i, 0) - x(i, 1) + std::sin(3 * x(i, 2)))));
      y[i] = r.uniform() < p[i] ? 1 : 0;
    }
  };
  Eigen::MatrixXd xtr, xte;
  Eigen::VectorXd ytr, ptr, yte, pte;
  world(20000, 21, xtr, ytr, ptr);
  world(10000, 22, xte, yte, pte);
  auto m = make_learner("gbm");
  CHECK_FALSE(m->is_classifier());  // decided by the data at fit time
  m->fit(xtr, ytr);
  CHECK(m->is_classifier());
  const Eigen::VectorXd q = m->predict(xte);
  for (Eigen::Index i = 0; i < q.size(); ++i) REQUIRE((q[i] > 0 && q[i] < 1));
  // Mean predicted vs observed rate on 10,000 test rows: the observed rate's SE is about
  // sqrt(0.25 / 10000) = 0.005; 0.015 is three SEs.
  CHECK(std::fabs(q.mean() - yte.mean()) < 0.015);
  // Per decile of the prediction (1000 rows each, SE <= 0.016): within 0.05, three SEs.
  std::vector<Eigen::Index> order(static_cast<size_t>(q.size()));
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<Eigen::Index>(i);
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return q[a] < q[b]; });
  for (size_t d = 0; d < 10; ++d) {
    double sq = 0, sy = 0;
    for (size_t k = d * 1000; k < (d + 1) * 1000; ++k) sq += q[order[k]], sy += yte[order[k]];
    INFO("decile " << d << ": predicted " << sq / 1000 << ", observed " << sy / 1000);
    CHECK(std::fabs(sq - sy) / 1000 < 0.05);
  }
  // Against the true probabilities: mean absolute error under 0.05 (20,000 rows; a well-fitted model is
  // about 0.03 off here).
  CHECK((q - pte).cwiseAbs().mean() < 0.05);
  // Log loss: below the constant model's, and within 0.02 of the true model's.
  auto logloss = [&](const Eigen::VectorXd& pr) {
    double s = 0;
    for (Eigen::Index i = 0; i < yte.size(); ++i) s -= yte[i] * std::log(pr[i]) + (1 - yte[i]) * std::log(1 - pr[i]);
    return s / static_cast<double>(yte.size());
  };
  const double ll = logloss(q), ll_true = logloss(pte),
               ll_const = logloss(Eigen::VectorXd::Constant(yte.size(), ytr.mean()));
  INFO("log loss " << ll << ", true model " << ll_true << ", constant " << ll_const);
  CHECK(ll < ll_const - 0.05);
  CHECK(ll < ll_true + 0.02);
}

TEST_CASE("gbm: one class only predicts that class exactly", "[learn]") {
  const Sample s = nonlinear(200, 2, 0.1, 3);
  auto m = make_learner("gbm");
  m->fit(s.x, Eigen::VectorXd::Zero(200));
  CHECK(m->is_classifier());
  CHECK(m->predict(s.x).cwiseAbs().maxCoeff() == 0.0);
  m->fit(s.x, Eigen::VectorXd::Ones(200));
  CHECK((m->predict(s.x).array() == 1.0).all());
  // A constant numeric target: the constant.
  m->fit(s.x, Eigen::VectorXd::Constant(200, 2.5));
  CHECK_FALSE(m->is_classifier());
  CHECK((m->predict(s.x).array() - 2.5).abs().maxCoeff() < 1e-12);
}

TEST_CASE("gbm: a weight-0 block of rows has no influence", "[learn]") {
  const Sample s = nonlinear(3000, 3, 0.3, 31), junk = nonlinear(1000, 3, 0.3, 32), test = nonlinear(500, 3, 0.3, 33);
  // Interleave: junk rows (outcome 100, weight 0) every fourth row.
  Eigen::MatrixXd x(4000, 3);
  Eigen::VectorXd y(4000), w(4000);
  Eigen::Index a = 0, b = 0;
  for (Eigen::Index i = 0; i < 4000; ++i) {
    if (i % 4 == 3) {
      x.row(i) = junk.x.row(b++);
      y[i] = 100;
      w[i] = 0;
    } else {
      x.row(i) = s.x.row(a);
      y[i] = s.y[a++];
      w[i] = 1;
    }
  }
  GbmOptions o;
  o.subsample = 0.8;  // the random draws, too, must ignore the dropped rows
  o.early_stopping = 1;
  GbmLearner with(o), without(o);
  with.fit(x, y, w);
  without.fit(s.x, s.y);
  CHECK(same_bits(with.predict(test.x), without.predict(test.x)));
  CHECK(with.trees() == without.trees());
}

TEST_CASE("gbm: weights move the fit to the weighted mean", "[learn]") {
  // y is 0 or 10 regardless of x; with weights 1 and 3 the weighted mean is 7.5, unweighted 5.
  Rng r(41);
  Eigen::MatrixXd x(4000, 2);
  Eigen::VectorXd y(4000), w(4000);
  for (Eigen::Index i = 0; i < 4000; ++i) {
    x(i, 0) = r.uniform();
    x(i, 1) = r.uniform();
    y[i] = i % 2 ? 10 : 0;
    w[i] = i % 2 ? 3 : 1;
  }
  Eigen::MatrixXd fresh(2000, 2);
  for (Eigen::Index i = 0; i < fresh.rows(); ++i) fresh(i, 0) = r.uniform(), fresh(i, 1) = r.uniform();
  // Early stopping on (x carries no signal, so the fit stops after a few rounds instead of chasing noise in
  // leaves of ~130 rows). The average prediction at fresh points is then the weighted mean up to the noise
  // of a few shrunken trees: within 0.3 (the SE of the overall weighted mean is about 0.1).
  GbmOptions o;
  o.early_stopping = 1;
  GbmLearner m(o);
  m.fit(x, y, w);
  const double weighted = m.predict(fresh).mean();
  m.fit(x, y);
  const double plain = m.predict(fresh).mean();
  INFO("weighted " << weighted << ", unweighted " << plain);
  CHECK(std::fabs(weighted - 7.5) < 0.3);
  CHECK(std::fabs(plain - 5.0) < 0.3);
}

TEST_CASE("gbm: early stopping (on from 10,000 rows) stops on pure noise", "[learn]") {
  // y ~ N(0, 1) independent of x: no round improves the held-out loss for long, so the fit keeps only the
  // trees up to the best validation round (patience 10; here 0 or a few). Without it, 150 rounds fit noise.
  Rng r(45);
  Eigen::MatrixXd x(12000, 3);
  Eigen::VectorXd y(12000);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    for (Eigen::Index j = 0; j < 3; ++j) x(i, j) = r.uniform();
    y[i] = r.normal();
  }
  GbmLearner auto_es;  // early_stopping -1: on at 12,000 rows
  auto_es.fit(x, y);
  INFO("trees kept " << auto_es.trees());
  CHECK(auto_es.trees() < 30);
  // Predictions stay near the mean: each kept tree moves them by at most lr x a leaf mean of ~N(0, 1/400).
  CHECK(auto_es.predict(x).cwiseAbs().maxCoeff() < 0.3);
  GbmOptions off;
  off.early_stopping = 0;
  GbmLearner no_es(off);
  no_es.fit(x, y);
  CHECK(no_es.trees() == 150);
}

TEST_CASE("gbm: identical predictions at 1 and 2 threads", "[learn]") {
  ThreadGuard guard;
  // 20,000 rows x 5 features: big enough for the parallel paths (chunked histograms of 8192 rows,
  // row-parallel gradient and prediction passes), with subsampling and early stopping on.
  const Sample s = nonlinear(20000, 5, 0.5, 51), test = nonlinear(3000, 5, 0.5, 52);
  GbmOptions o;
  o.subsample = 0.7;
  o.colsample = 0.8;
  o.rounds = 60;
  Eigen::VectorXd p1, p2, c1, c2;
  Eigen::VectorXd yb(s.y.size());
  for (Eigen::Index i = 0; i < yb.size(); ++i) yb[i] = s.y[i] > 0.5 ? 1 : 0;
  for (size_t t : {1, 2}) {
    set_thread_count(t);
    GbmLearner m(o), c(o);
    m.fit(s.x, s.y);
    c.fit(s.x, yb);
    (t == 1 ? p1 : p2) = m.predict(test.x);
    (t == 1 ? c1 : c2) = c.predict(test.x);
  }
  CHECK(same_bits(p1, p2));
  CHECK(same_bits(c1, c2));
}

TEST_CASE("gbm: a raw row predicts exactly as its training bin code", "[learn]") {
  Sample s = nonlinear(3000, 3, 0.3, 61);
  for (Eigen::Index i = 0; i < s.x.rows(); ++i) s.x(i, 2) = std::floor(s.x(i, 2) * 5);  // a few distinct values
  GbmOptions o;
  o.early_stopping = 0;  // every row trains, so the model's bins are bin_features(x)
  GbmLearner m(o);
  m.fit(s.x, s.y);
  const FeatureBins b = bin_features(s.x);
  REQUIRE(m.bins().upper == b.upper);
  CHECK(apply_bins(m.bins(), s.x) == b.codes);
  const std::vector<double> from_codes = m.predict_codes(b.codes, b.rows);
  const Eigen::VectorXd from_raw = m.predict(s.x);
  CHECK(same_bits(from_raw, Eigen::Map<const Eigen::VectorXd>(from_codes.data(), static_cast<Eigen::Index>(from_codes.size()))));
  // Values exactly on a cut point go left (bin <= b), as in training.
  Eigen::MatrixXd edge(1, 3);
  edge << b.upper[0][10], b.upper[1][20], b.upper[2][1];
  const std::vector<uint8_t> codes{10, 20, 1};
  CHECK(m.predict(edge)[0] == m.predict_codes(codes, 1)[0]);
}

TEST_CASE("gbm: leaf-wise tree equals an exhaustive best-first search", "[learn]") {
  // One round, learning rate 1, no penalty: the tree's predictions are leaf means of y, and its splits
  // must be the best-first exhaustive ones (features with <= 256 distinct values, so bins are values).
  // An independent brute-force grower on raw values checks the histogram search and subtraction.
  Rng r(71);
  const Eigen::Index n = 400;
  Eigen::MatrixXd x(n, 3);
  Eigen::VectorXd y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < 3; ++j) x(i, j) = std::floor(r.uniform() * 40) / 40;
    y[i] = std::sin(5 * x(i, 0)) + (x(i, 1) > 0.5 ? 1 : 0) + 0.3 * r.normal();
  }
  GbmOptions o;
  o.rounds = 1;
  o.learning_rate = 1;
  o.lambda = 0;
  o.min_hessian = 0;
  o.min_rows_leaf = 7;
  o.max_leaves = 6;
  o.early_stopping = 0;
  GbmLearner m(o);
  m.fit(x, y);
  const Eigen::VectorXd p = m.predict(x);

  struct Node {
    std::vector<Eigen::Index> rows;
    double gain = -1;
    Eigen::Index f = -1;
    double thr = 0;
  };
  auto best = [&](Node& nd) {
    nd.gain = -1;
    const double G = [&] { double s = 0; for (auto i : nd.rows) s += y[i]; return s; }();
    const double N = static_cast<double>(nd.rows.size());
    if (nd.rows.size() < 14) return;
    for (Eigen::Index f = 0; f < 3; ++f)
      for (int v = 0; v < 40; ++v) {
        const double t = v / 40.0;
        double gl = 0, nl = 0;
        for (auto i : nd.rows)
          if (x(i, f) <= t) gl += y[i], nl += 1;
        if (nl < 7 || N - nl < 7) continue;
        // Residuals y - mean: the sum per side is gl - nl * mean.
        const double mean = G / N, rl = gl - nl * mean, rr = -rl;
        const double gain = rl * rl / nl + rr * rr / (N - nl);
        if (gain > nd.gain + 1e-9) nd.gain = gain, nd.f = f, nd.thr = t;
      }
  };
  std::vector<Node> leaves(1);
  for (Eigen::Index i = 0; i < n; ++i) leaves[0].rows.push_back(i);
  best(leaves[0]);
  while (leaves.size() < 6) {
    size_t pick = 0;
    for (size_t k = 1; k < leaves.size(); ++k)
      if (leaves[k].gain > leaves[pick].gain) pick = k;
    if (leaves[pick].gain <= 0) break;
    Node l, rt;
    for (auto i : leaves[pick].rows) (x(i, leaves[pick].f) <= leaves[pick].thr ? l : rt).rows.push_back(i);
    best(l);
    best(rt);
    leaves[pick] = l;
    leaves.push_back(rt);
  }
  REQUIRE(leaves.size() == 6);
  double worst = 0;
  for (const auto& lf : leaves) {
    double s = 0;
    for (auto i : lf.rows) s += y[i];
    const double mean = s / static_cast<double>(lf.rows.size());
    for (auto i : lf.rows) worst = std::max(worst, std::fabs(p[i] - mean));
  }
  // Same partition => predictions equal the leaf means up to rounding (sums of 400 terms): 1e-9.
  CHECK(worst < 1e-9);
}

TEST_CASE("gbm: bad input is a clear error", "[learn]") {
  auto m = make_learner("gbm");
  Eigen::MatrixXd x = Eigen::MatrixXd::Random(50, 2);
  Eigen::VectorXd y = Eigen::VectorXd::Random(50);
  CHECK_THROWS_WITH(m->predict(x), Contains("before fit"));
  CHECK_THROWS_AS(m->fit(Eigen::MatrixXd(0, 2), Eigen::VectorXd(0)), InputError);
  CHECK_THROWS_WITH(m->fit(Eigen::MatrixXd(0, 2), Eigen::VectorXd(0)), Contains("no rows"));
  Eigen::MatrixXd bad = x;
  bad(7, 1) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(m->fit(bad, y), Contains("feature column 2") && Contains("row 8"));
  Eigen::VectorXd ybad = y;
  ybad[3] = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(m->fit(x, ybad), Contains("target") && Contains("row 4"));
  Eigen::VectorXd w = Eigen::VectorXd::Ones(50);
  w[5] = -1;
  CHECK_THROWS_WITH(m->fit(x, y, w), Contains("weight") && Contains("row 6"));
  CHECK_THROWS_WITH(m->fit(x, y, Eigen::VectorXd::Zero(50)), Contains("weight 0"));
  CHECK_THROWS_WITH(m->fit(x, Eigen::VectorXd::Ones(49)), Contains("49 targets"));
  m->fit(x, y);
  CHECK_THROWS_WITH(m->predict(bad), Contains("feature column 2") && Contains("row 8"));
  CHECK_THROWS_WITH(m->predict(Eigen::MatrixXd::Zero(3, 5)), Contains("5 features"));
  GbmOptions o;
  o.loss = GbmLoss::Logistic;
  GbmLearner lg(o);
  CHECK_THROWS_WITH(lg.fit(x, y), Contains("0/1 target"));
  o.learning_rate = 0;
  CHECK_THROWS_AS(GbmLearner(o), ConfigError);
}
