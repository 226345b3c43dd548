#include "causal_graph/ci_test.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/distributions.hpp"
#include "core/error.hpp"

namespace incrementa::causal_graph {

Eigen::MatrixXd correlation_matrix(const Eigen::MatrixXd& x, const std::vector<std::string>& names) {
  const Eigen::Index n = x.rows(), p = x.cols();
  Eigen::MatrixXd z(n, p);
  for (Eigen::Index j = 0; j < p; ++j) {
    const double mean = x.col(j).mean();
    double ss = 0;
    for (Eigen::Index i = 0; i < n; ++i) ss += (x(i, j) - mean) * (x(i, j) - mean);
    if (!(ss > 0)) throw NumericError("causal graph: the column '" + names[static_cast<size_t>(j)] + "' does not vary");
    const double sd = std::sqrt(ss);
    for (Eigen::Index i = 0; i < n; ++i) z(i, j) = (x(i, j) - mean) / sd;
  }
  // Explicit loops (not a BLAS-style product) so the sums run in one fixed order everywhere.
  Eigen::MatrixXd c(p, p);
  for (Eigen::Index a = 0; a < p; ++a)
    for (Eigen::Index b = a; b < p; ++b) {
      double s = 0;
      for (Eigen::Index i = 0; i < n; ++i) s += z(i, a) * z(i, b);
      c(a, b) = c(b, a) = a == b ? 1.0 : std::clamp(s, -1.0, 1.0);
    }
  return c;
}

double partial_correlation(const Eigen::MatrixXd& corr, size_t i, size_t j, const std::vector<size_t>& s) {
  if (s.empty()) return corr(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  std::vector<size_t> idx{i, j};
  idx.insert(idx.end(), s.begin(), s.end());
  const Eigen::Index k = static_cast<Eigen::Index>(idx.size());
  Eigen::MatrixXd block(k, k);
  for (Eigen::Index a = 0; a < k; ++a)
    for (Eigen::Index b = 0; b < k; ++b)
      block(a, b) = corr(static_cast<Eigen::Index>(idx[static_cast<size_t>(a)]), static_cast<Eigen::Index>(idx[static_cast<size_t>(b)]));
  Eigen::LDLT<Eigen::MatrixXd> ldlt(block);
  Eigen::MatrixXd prec;
  if (ldlt.info() == Eigen::Success && ldlt.isPositive() && ldlt.vectorD().minCoeff() > 1e-12) {
    prec = ldlt.solve(Eigen::MatrixXd::Identity(k, k));
  } else {
    prec = block.completeOrthogonalDecomposition().pseudoInverse();
  }
  const double d = prec(0, 0) * prec(1, 1);
  if (!(d > 0)) return 0.0;
  return std::clamp(-prec(0, 1) / std::sqrt(d), -1.0, 1.0);
}

CiResult fisher_z_test(const Eigen::MatrixXd& corr, size_t n, size_t i, size_t j, const std::vector<size_t>& s) {
  CiResult r;
  r.partial_r = partial_correlation(corr, i, j, s);
  const double dof = static_cast<double>(n) - static_cast<double>(s.size()) - 3.0;
  if (!(dof > 0)) return r;
  // Clamp |r| below 1 so a perfect correlation gives a huge, finite z.
  const double rr = std::clamp(r.partial_r, -1.0 + 1e-15, 1.0 - 1e-15);
  r.z = std::sqrt(dof) * std::atanh(rr);
  r.p_value = std::min(1.0, 2.0 * normal_cdf(-std::abs(r.z)));
  return r;
}

}  // namespace incrementa::causal_graph
