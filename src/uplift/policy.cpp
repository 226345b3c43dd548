#include "uplift/policy.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/error.hpp"
#include "core/table.hpp"

namespace incrementa {

std::vector<double> dr_scores(const std::vector<double>& y, const std::vector<int>& w, const std::vector<double>& e,
                              const std::vector<double>& mu0, const std::vector<double>& mu1) {
  std::vector<double> g(y.size());
  for (size_t i = 0; i < y.size(); ++i) {
    // Written as evaluate_policy writes psi1 - psi0, so the two agree to the last bit on the same rows.
    const double psi1 = mu1[i] + (w[i] == 1 ? (y[i] - mu1[i]) / e[i] : 0.0);
    const double psi0 = mu0[i] + (w[i] == 0 ? (y[i] - mu0[i]) / (1 - e[i]) : 0.0);
    g[i] = psi1 - psi0;
  }
  return g;
}

std::vector<double> CostModel::policy(const std::vector<double>& tau_hat) const {
  std::vector<double> p(tau_hat.size());
  for (size_t i = 0; i < tau_hat.size(); ++i) p[i] = value * tau_hat[i] > cost ? 1.0 : 0.0;
  return p;
}

void check_cost_model(const CostModel& c) {
  if (!(std::isfinite(c.cost) && c.cost >= 0))
    throw ConfigError("uplift: cost (per treated row) must be a number >= 0, got " + format_number(c.cost));
  if (!(std::isfinite(c.value) && c.value > 0))
    throw ConfigError("uplift: value (per unit of outcome) must be a number > 0, got " + format_number(c.value));
}

std::vector<PolicyCurvePoint> policy_curve(const std::vector<double>& tau_hat, const std::vector<double>& g,
                                           const std::vector<double>& truth, const CostModel* cost, size_t steps) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const size_t n = tau_hat.size();
  const double nd = static_cast<double>(n);
  if (steps == 0) steps = 1;
  std::vector<size_t> idx(n);
  std::iota(idx.begin(), idx.end(), size_t{0});
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return tau_hat[a] > tau_hat[b]; });
  // Prefix sums in priority order: S_k (scores), Q_k (squares), T_k (truth).
  std::vector<double> s(n + 1, 0.0), q(n + 1, 0.0), t(n + 1, 0.0);
  for (size_t k = 0; k < n; ++k) {
    const double v = g[idx[k]];
    s[k + 1] = s[k] + v;
    q[k + 1] = q[k] + v * v;
    t[k + 1] = t[k] + (truth.empty() ? 0.0 : truth[idx[k]]);
  }
  std::vector<PolicyCurvePoint> out(steps + 1);
  for (size_t j = 0; j <= steps; ++j) {
    PolicyCurvePoint& p = out[j];
    p.share = static_cast<double>(j) / static_cast<double>(steps);
    const size_t k = std::min(n, static_cast<size_t>(std::llround(p.share * nd)));
    p.treated = k;
    p.threshold = k > 0 ? tau_hat[idx[k - 1]] : kNaN;
    p.gain = s[k] / nd;
    // Per-row terms are Gamma_i for treated rows and 0 otherwise: sum of squared deviations = Q_k - S_k^2 / n.
    const double ss = std::max(0.0, q[k] - s[k] * s[k] / nd);
    p.gain_se = n > 1 ? std::sqrt(ss / (nd - 1) / nd) : kNaN;
    p.net_value = cost ? cost->value * p.gain - cost->cost * static_cast<double>(k) / nd : kNaN;
    p.true_gain = truth.empty() ? kNaN : t[k] / nd;
  }
  return out;
}

}  // namespace incrementa
