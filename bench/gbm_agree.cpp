// Native vs WASM agreement of the gbm learner (bench/gbm_agree.sh builds this file both ways).
// Fits squared and logistic gbm on seeded simulated data (10,000 x 6, early stopping on, row and feature
// subsampling on) and prints every test prediction with 17 significant digits.
#include <cmath>
#include <cstdio>
#include <exception>

#include "core/rng.hpp"
#include "learn/gbm.hpp"

using namespace incrementa;

int run() {
  Rng r(5);
  const Eigen::Index n = 10000, m = 2000, p = 6;
  Eigen::MatrixXd x(n + m, p);
  Eigen::VectorXd y(n + m), yb(n + m);
  for (Eigen::Index i = 0; i < n + m; ++i) {
    for (Eigen::Index j = 0; j < p; ++j) x(i, j) = r.uniform(-1, 1);
    const double f = std::sin(4 * x(i, 0)) + x(i, 1) * x(i, 1) - 0.5 * x(i, 2);
    y[i] = f + 0.5 * r.normal();
    yb[i] = r.uniform() < 1 / (1 + std::exp(-2 * f)) ? 1 : 0;
  }
  GbmOptions o;
  o.subsample = 0.8;
  o.colsample = 0.7;
  o.early_stopping = 1;
  for (int logistic = 0; logistic < 2; ++logistic) {
    GbmLearner g(o);
    g.fit(x.topRows(n), (logistic ? yb : y).head(n));
    const Eigen::VectorXd pr = g.predict(x.bottomRows(m));
    std::printf("model %d trees %zu\n", logistic, g.trees());
    for (Eigen::Index i = 0; i < m; ++i) std::printf("%.17g\n", pr[i]);
  }
  return 0;
}

int main() {
  try {
    return run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
