#include "uplift/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/distributions.hpp"

namespace incrementa {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

BlpCoefficient coefficient(double b, double se, double df) {
  BlpCoefficient c;
  c.estimate = b;
  c.se = se;
  if (!(se > 0) || !std::isfinite(se)) {
    c.t = c.p_greater_zero = c.p_equal_one = kNaN;
    return c;
  }
  c.t = b / se;
  c.p_greater_zero = 1.0 - student_t_cdf(c.t, df);
  c.p_equal_one = two_sided_p((b - 1.0) / se, df);
  return c;
}

BlpCoefficient missing() {
  BlpCoefficient c;
  c.estimate = c.se = c.t = c.p_greater_zero = c.p_equal_one = kNaN;
  return c;
}
}  // namespace

CalibrationTest test_calibration(const std::vector<double>& tau, const std::vector<double>& y, const std::vector<int>& w,
                                 const std::vector<double>& e, const std::vector<double>& mu0,
                                 const std::vector<double>& mu1) {
  const size_t n = tau.size();
  const double nd = static_cast<double>(n);
  CalibrationTest out;
  out.rows = n;
  double tbar = 0;
  for (double t : tau) tbar += t;
  tbar /= nd;
  out.tau_bar = tbar;
  // Regressors and target.
  std::vector<double> r(n), a(n), b(n);
  for (size_t i = 0; i < n; ++i) {
    const double m = e[i] * mu1[i] + (1 - e[i]) * mu0[i];
    const double wt = static_cast<double>(w[i]) - e[i];
    r[i] = y[i] - m;
    a[i] = wt * tbar;
    b[i] = wt * (tau[i] - tbar);
  }
  double saa = 0, sab = 0, sbb = 0, sar = 0, sbr = 0;
  for (size_t i = 0; i < n; ++i) {
    saa += a[i] * a[i];
    sab += a[i] * b[i];
    sbb += b[i] * b[i];
    sar += a[i] * r[i];
    sbr += b[i] * r[i];
  }
  // A regressor that is identically 0 (tau_bar = 0, or a constant tau_hat) is left out of the fit.
  const bool use_a = saa > 0, use_b = sbb > 0 && sbb > 1e-24 * saa;
  const double df = nd - static_cast<double>(use_a + use_b);
  if (n < 3 || (!use_a && !use_b)) {
    out.mean_prediction = missing();
    out.differential_prediction = missing();
    return out;
  }
  // (X'X)^-1 for the columns used.
  double i11 = 0, i12 = 0, i22 = 0;
  if (use_a && use_b) {
    const double det = saa * sbb - sab * sab;
    if (!(det > 1e-14 * saa * sbb)) {  // collinear: keep the mean term only
      return test_calibration(std::vector<double>(n, tbar), y, w, e, mu0, mu1);
    }
    i11 = sbb / det;
    i12 = -sab / det;
    i22 = saa / det;
  } else if (use_a) {
    i11 = 1 / saa;
  } else {
    i22 = 1 / sbb;
  }
  const double ba = i11 * sar + i12 * sbr, bb = i12 * sar + i22 * sbr;
  // HC3 meat: sum x x' u^2 / (1 - h)^2 with leverage h = x' (X'X)^-1 x.
  double m11 = 0, m12 = 0, m22 = 0;
  for (size_t i = 0; i < n; ++i) {
    const double u = r[i] - ba * a[i] - bb * b[i];
    const double h = a[i] * (i11 * a[i] + i12 * b[i]) + b[i] * (i12 * a[i] + i22 * b[i]);
    const double d = 1 - h;
    const double s = d > 1e-12 ? u * u / (d * d) : 0.0;
    m11 += a[i] * a[i] * s;
    m12 += a[i] * b[i] * s;
    m22 += b[i] * b[i] * s;
  }
  // V = I M I (I symmetric).
  const double v11 = i11 * (i11 * m11 + i12 * m12) + i12 * (i11 * m12 + i12 * m22);
  const double v22 = i12 * (i12 * m11 + i22 * m12) + i22 * (i12 * m12 + i22 * m22);
  out.mean_prediction = use_a ? coefficient(ba, std::sqrt(std::max(0.0, v11)), df) : missing();
  out.differential_prediction = use_b ? coefficient(bb, std::sqrt(std::max(0.0, v22)), df) : missing();
  return out;
}

RLoss r_loss(const std::vector<double>& tau, double ate, const std::vector<double>& y, const std::vector<int>& w,
             const std::vector<double>& e, const std::vector<double>& mu0, const std::vector<double>& mu1) {
  const size_t n = tau.size();
  double lm = 0, lc = 0;
  for (size_t i = 0; i < n; ++i) {
    const double m = e[i] * mu1[i] + (1 - e[i]) * mu0[i];
    const double yt = y[i] - m, wt = static_cast<double>(w[i]) - e[i];
    const double dm = yt - wt * tau[i], dc = yt - wt * ate;
    lm += dm * dm;
    lc += dc * dc;
  }
  RLoss r;
  r.model = lm / static_cast<double>(n);
  r.constant = lc / static_cast<double>(n);
  r.ate = ate;
  r.relative_improvement = r.constant > 0 ? 1 - r.model / r.constant : kNaN;
  return r;
}

}  // namespace incrementa
