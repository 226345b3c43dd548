#include "core/regression.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/parallel.hpp"

namespace incrementa {

namespace {
constexpr size_t kChunk = 8192;

struct Gram {
  Eigen::MatrixXd xtx;
  Eigen::VectorXd xty;
};

std::string column_label(const RegressionOptions& o, Eigen::Index j) {
  return j < static_cast<Eigen::Index>(o.names.size()) ? "'" + o.names[j] + "'" : "column " + std::to_string(j + 1);
}

void check_shapes(const MatrixRef& x, const VectorRef& y, const Eigen::VectorXd& w) {
  if (y.size() != x.rows()) throw InputError("regression: the outcome has a different number of rows from the design");
  if (w.size() != 0 && w.size() != x.rows())
    throw InputError("regression: the weights have a different number of rows from the design");
  if (x.rows() <= x.cols())
    throw InputError("regression needs more rows (" + std::to_string(x.rows()) + ") than coefficients (" +
                     std::to_string(x.cols()) + ")");
  for (Eigen::Index i = 0; i < y.size(); ++i)
    if (!std::isfinite(y[i])) throw InputError("regression: the outcome has a missing or infinite value at row " + std::to_string(i + 1));
}

// Adds the ridge penalty and factorises; names the collinear column on failure.
Eigen::LDLT<Eigen::MatrixXd> factor(Eigen::MatrixXd h, const RegressionOptions& o) {
  const Eigen::Index p = h.rows();
  for (Eigen::Index j = o.intercept_first ? 1 : 0; j < p; ++j) h(j, j) += o.ridge;
  Eigen::LDLT<Eigen::MatrixXd> ldlt(h);
  const Eigen::VectorXd d = ldlt.vectorD();
  const double scale = h.diagonal().cwiseAbs().maxCoeff();
  for (Eigen::Index j = 0; j < p; ++j) {
    if (!(d[j] > 1e-12 * scale)) {
      // Find the first column that is a combination of the ones before it.
      for (Eigen::Index k = 1; k <= p; ++k) {
        Eigen::FullPivLU<Eigen::MatrixXd> lu(h.topLeftCorner(k, k));
        lu.setThreshold(1e-10);
        if (lu.rank() < k)
          throw NumericError("the design is singular: " + column_label(o, k - 1) +
                             " is constant or a linear combination of the columns before it (drop it or add a ridge penalty)");
      }
      throw NumericError("the design is singular (collinear columns); drop one or add a ridge penalty");
    }
  }
  return ldlt;
}
}  // namespace

void weighted_gram(const MatrixRef& x, const VectorRef& y, const Eigen::VectorXd& w, Eigen::MatrixXd& xtx,
                   Eigen::VectorXd& xty) {
  const Eigen::Index p = x.cols();
  Gram zero{Eigen::MatrixXd::Zero(p, p), Eigen::VectorXd::Zero(p)};
  Gram g = parallel_map_reduce(
      static_cast<size_t>(x.rows()), kChunk, zero,
      [&](size_t b, size_t e) {
        const Eigen::Index len = static_cast<Eigen::Index>(e - b);
        auto xb = x.middleRows(static_cast<Eigen::Index>(b), len);
        Gram part;
        if (w.size() == 0) {
          part.xtx.noalias() = xb.transpose() * xb;
          part.xty.noalias() = xb.transpose() * y.segment(static_cast<Eigen::Index>(b), len);
        } else {
          const auto wb = w.segment(static_cast<Eigen::Index>(b), len);
          Eigen::MatrixXd xw = xb.array().colwise() * wb.array();
          part.xtx.noalias() = xw.transpose() * xb;
          part.xty.noalias() = xw.transpose() * y.segment(static_cast<Eigen::Index>(b), len);
        }
        return part;
      },
      [](Gram& acc, const Gram& part) {
        acc.xtx += part.xtx;
        acc.xty += part.xty;
      });
  xtx = std::move(g.xtx);
  xty = std::move(g.xty);
}

LinearFit fit_linear(const MatrixRef& x, const VectorRef& y, const Eigen::VectorXd& w, const RegressionOptions& o) {
  check_shapes(x, y, w);
  Eigen::MatrixXd g;
  Eigen::VectorXd xty;
  weighted_gram(x, y, w, g, xty);
  const auto ldlt = factor(g, o);
  LinearFit fit;
  fit.coef = ldlt.solve(xty);
  // Residual and total sums of squares in one more deterministic pass.
  struct Sums {
    double rss = 0, sw = 0, swy = 0, swyy = 0;
  };
  Sums s = parallel_map_reduce(
      static_cast<size_t>(x.rows()), kChunk, Sums{},
      [&](size_t b, size_t e) {
        Sums part;
        const Eigen::Index len = static_cast<Eigen::Index>(e - b);
        Eigen::VectorXd r = y.segment(static_cast<Eigen::Index>(b), len) -
                            x.middleRows(static_cast<Eigen::Index>(b), len) * fit.coef;
        for (Eigen::Index i = 0; i < len; ++i) {
          const double wi = w.size() ? w[static_cast<Eigen::Index>(b) + i] : 1.0;
          const double yi = y[static_cast<Eigen::Index>(b) + i];
          part.rss += wi * r[i] * r[i];
          part.sw += wi;
          part.swy += wi * yi;
          part.swyy += wi * yi * yi;
        }
        return part;
      },
      [](Sums& a, const Sums& p) {
        a.rss += p.rss;
        a.sw += p.sw;
        a.swy += p.swy;
        a.swyy += p.swyy;
      });
  const double n = static_cast<double>(x.rows());
  const double p = static_cast<double>(x.cols());
  fit.n = n;
  // Weights are precision weights, as in R's lm(weights =): sigma2 = RSS_w / (n - p).
  fit.sigma2 = s.rss / (n - p);
  const double tss = s.swyy - s.swy * s.swy / s.sw;
  fit.r2 = tss > 0 ? 1 - s.rss / tss : 0.0;
  Eigen::MatrixXd hinv = ldlt.solve(Eigen::MatrixXd::Identity(x.cols(), x.cols()));
  Eigen::MatrixXd cov = o.ridge > 0 ? Eigen::MatrixXd(hinv * g * hinv) : hinv;
  cov *= fit.sigma2;
  fit.se = cov.diagonal().cwiseMax(0.0).cwiseSqrt();
  return fit;
}

LogisticFit fit_logistic(const MatrixRef& x, const VectorRef& y, const Eigen::VectorXd& w,
                         const RegressionOptions& o) {
  check_shapes(x, y, w);
  for (Eigen::Index i = 0; i < y.size(); ++i)
    if (y[i] < 0 || y[i] > 1)
      throw InputError("logistic regression needs an outcome in [0, 1]; row " + std::to_string(i + 1) + " holds " +
                       std::to_string(y[i]));
  const Eigen::Index p = x.cols();
  const size_t n = static_cast<size_t>(x.rows());
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(p);

  // One pass: weighted Gram X' W X (W = w mu (1-mu)), score X' w (y - mu), deviance.
  struct Pass {
    Eigen::MatrixXd h;
    Eigen::VectorXd score;
    double deviance = 0;
    double max_abs_eta = 0;  // a max is order-free: still identical at any thread count
  };
  auto pass = [&](const Eigen::VectorXd& b) {
    Pass zero{Eigen::MatrixXd::Zero(p, p), Eigen::VectorXd::Zero(p), 0.0};
    return parallel_map_reduce(
        n, kChunk, zero,
        [&](size_t s, size_t e) {
          const Eigen::Index len = static_cast<Eigen::Index>(e - s);
          auto xb = x.middleRows(static_cast<Eigen::Index>(s), len);
          Eigen::VectorXd eta = xb * b;
          Eigen::VectorXd wr(len), resid(len);
          double dev = 0, max_eta = 0;
          for (Eigen::Index i = 0; i < len; ++i) {
            max_eta = std::max(max_eta, std::fabs(eta[i]));
            const Eigen::Index r = static_cast<Eigen::Index>(s) + i;
            const double wi = w.size() ? w[r] : 1.0;
            const double mu = 1.0 / (1.0 + std::exp(-eta[i]));
            wr[i] = wi * mu * (1 - mu);
            resid[i] = wi * (y[r] - mu);
            // Deviance via log1p(exp(.)) forms that stay finite for large |eta|.
            const double log1pexp = eta[i] > 0 ? eta[i] + std::log1p(std::exp(-eta[i])) : std::log1p(std::exp(eta[i]));
            dev += 2 * wi * (log1pexp - y[r] * eta[i]);
          }
          Eigen::MatrixXd xw = xb.array().colwise() * wr.array();
          Pass part;
          part.h.noalias() = xw.transpose() * xb;
          part.score.noalias() = xb.transpose() * resid;
          part.deviance = dev;
          part.max_abs_eta = max_eta;
          return part;
        },
        [](Pass& a, const Pass& q) {
          a.h += q.h;
          a.score += q.score;
          a.deviance += q.deviance;
          a.max_abs_eta = std::max(a.max_abs_eta, q.max_abs_eta);
        });
  };
  auto penalty = [&](const Eigen::VectorXd& b) {
    double s = 0;
    for (Eigen::Index j = o.intercept_first ? 1 : 0; j < p; ++j) s += b[j] * b[j];
    return o.ridge * s;
  };

  auto throw_separation = [&](const Eigen::VectorXd& b) {
    // Name the feature whose term moves the linear predictor most.
    Eigen::Index worst = o.intercept_first ? 1 : 0;
    double biggest = -1;
    for (Eigen::Index j = o.intercept_first ? 1 : 0; j < p; ++j) {
      const double size = std::fabs(b[j]) * x.col(j).cwiseAbs().maxCoeff();
      if (size > biggest) biggest = size, worst = j;
    }
    throw NumericError("logistic regression does not converge: the outcome is (almost) perfectly separated by " +
                       column_label(o, worst) + "; add a ridge penalty or drop it");
  };
  LogisticFit fit;
  Pass cur = pass(beta);
  double objective = cur.deviance + penalty(beta);
  for (int it = 1; it <= o.max_iterations; ++it) {
    Eigen::VectorXd grad = cur.score;
    for (Eigen::Index j = o.intercept_first ? 1 : 0; j < p; ++j) grad[j] -= o.ridge * beta[j];
    const auto ldlt = factor(cur.h, o);
    Eigen::VectorXd step = ldlt.solve(grad);
    // Step halving keeps every accepted step a descent step.
    double t = 1.0;
    Pass next;
    double next_objective = 0;
    for (int half = 0; half < 30; ++half, t *= 0.5) {
      next = pass(beta + t * step);
      next_objective = next.deviance + penalty(beta + t * step);
      if (next_objective <= objective + 1e-12 * std::fabs(objective)) break;
    }
    beta += t * step;
    fit.iterations = it;
    const double change = std::fabs(objective - next_objective);
    cur = std::move(next);
    objective = next_objective;
    // Separation (complete or quasi-complete) has no finite maximum: the linear
    // predictor of some rows runs off to +-infinity. |eta| > 30 means a fitted
    // probability within 1e-13 of 0 or 1, whatever the units of x.
    if (cur.max_abs_eta > 30 && o.ridge == 0) throw_separation(beta);
    if (change <= o.tolerance * (std::fabs(objective) + 0.1)) break;
    if (it == o.max_iterations)
      throw NumericError("logistic regression did not converge in " + std::to_string(o.max_iterations) + " iterations");
  }
  fit.coef = beta;
  fit.deviance = cur.deviance;
  const auto ldlt = factor(cur.h, o);
  Eigen::MatrixXd cov = ldlt.solve(Eigen::MatrixXd::Identity(p, p));
  fit.se = cov.diagonal().cwiseMax(0.0).cwiseSqrt();
  if (o.ridge == 0) {
    // Quasi-complete separation stops the deviance from changing before |eta|
    // is huge; it shows as fitted probabilities near 0 or 1 together with a
    // coefficient whose standard error, in units of the linear predictor, is
    // enormous (the likelihood is flat along a ray to infinity).
    double worst_se = 0;
    for (Eigen::Index j = 0; j < p; ++j) worst_se = std::max(worst_se, fit.se[j] * x.col(j).cwiseAbs().maxCoeff());
    if (cur.max_abs_eta > 30 || (cur.max_abs_eta > 15 && worst_se > 1e3)) throw_separation(beta);
  }
  return fit;
}

}  // namespace incrementa
