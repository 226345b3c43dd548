#include "experiment/intervals.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/distributions.hpp"

namespace incrementa {

WelchResult welch(double mean_t, double var_t, double n_t, double mean_c, double var_c, double n_c, double alpha) {
  WelchResult r;
  const double vt = var_t / n_t, vc = var_c / n_c;
  r.diff = mean_t - mean_c;
  r.se = std::sqrt(vt + vc);
  if (r.se == 0) {
    // Both arms constant: the difference is known exactly.
    r.df = n_t + n_c - 2;
    r.ci = {r.diff, r.diff};
    r.p_value = r.diff == 0 ? 1.0 : 0.0;
    return r;
  }
  r.df = (vt + vc) * (vt + vc) / (vt * vt / (n_t - 1) + vc * vc / (n_c - 1));
  r.t = r.diff / r.se;
  const double q = student_t_quantile(1 - alpha / 2, r.df);
  r.ci = {r.diff - q * r.se, r.diff + q * r.se};
  r.p_value = two_sided_p(r.t, r.df);
  return r;
}

Interval wilson(double k, double n, double alpha) {
  const double z = normal_quantile(1 - alpha / 2), z2 = z * z;
  const double p = k / n;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Interval newcombe(double k_t, double n_t, double k_c, double n_c, double alpha) {
  const double pt = k_t / n_t, pc = k_c / n_c, d = pt - pc;
  const Interval wt = wilson(k_t, n_t, alpha), wc = wilson(k_c, n_c, alpha);
  const double lo = d - std::sqrt((pt - wt.lo) * (pt - wt.lo) + (wc.hi - pc) * (wc.hi - pc));
  const double hi = d + std::sqrt((wt.hi - pt) * (wt.hi - pt) + (pc - wc.lo) * (pc - wc.lo));
  return {lo, hi};
}

Interval relative_lift_ci(double mean_t, double se_t, double mean_c, double se_c, double alpha) {
  if (!(mean_t > 0 && mean_c > 0)) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan};
  }
  const double z = normal_quantile(1 - alpha / 2);
  const double log_ratio = std::log(mean_t / mean_c);
  const double s = std::sqrt(se_t * se_t / (mean_t * mean_t) + se_c * se_c / (mean_c * mean_c));
  return {std::exp(log_ratio - z * s) - 1, std::exp(log_ratio + z * s) - 1};
}

}  // namespace incrementa
