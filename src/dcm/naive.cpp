#include "dcm/naive.hpp"

#include <algorithm>
#include <cmath>

namespace incrementa::dcm {

NaiveComparison naive_comparison(const Panel& p, const std::vector<ResolvedShock>& shocks) {
  NaiveComparison out;
  const size_t n = p.n(), T = p.periods, V = p.vars(), F = p.features.size();
  out.x0_difference.assign(F, 0.0);
  // The factor that turns "users vs non-users" into the value of this shock.
  double factor = 1;
  for (size_t i = 0; i < shocks.size(); ++i) {
    const auto& s = shocks[i];
    const double f = s.type == ShockType::Zero ? 1.0 : s.type == ShockType::Scale ? 1.0 - s.value : NAN;
    if (std::isnan(f) || (i > 0 && f != factor)) {
      out.reason = std::isnan(f) ? "not defined for an 'add' shock (no users to compare with)"
                                 : "not defined for shocks of different types or values";
      return out;
    }
    factor = f;
  }
  size_t w0 = T;
  std::vector<bool> shocked(V, false);
  for (const auto& s : shocks) {
    w0 = std::min(w0, s.from);
    for (size_t v : s.vars) shocked[v] = true;
  }
  std::vector<double> use(n, 0.0), outcome(n, 0.0);
  for (size_t c = 0; c < n; ++c)
    for (size_t t = w0; t < T; ++t) {
      for (size_t v = 0; v + 1 < V; ++v)
        if (shocked[v]) use[c] += p.value(c, t, v);
      outcome[c] += p.value(c, t, V - 1);
    }
  std::vector<double> sorted = use;
  std::sort(sorted.begin(), sorted.end());
  out.threshold = n % 2 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  std::vector<double> x0u(F, 0.0), x0n(F, 0.0);
  double su = 0, sn = 0, uu = 0, un = 0, total_use = 0;
  for (size_t c = 0; c < n; ++c) {
    const bool user = use[c] > out.threshold;
    (user ? out.users : out.non_users) += 1;
    (user ? su : sn) += outcome[c];
    (user ? uu : un) += use[c];
    total_use += use[c];
    for (size_t f = 0; f < F; ++f) (user ? x0u : x0n)[f] += p.x0[c * F + f];
  }
  if (out.users == 0 || out.non_users == 0) {
    out.reason = "every customer is on the same side of the median use, so there is no one to compare with";
    return out;
  }
  const double nu = static_cast<double>(out.users), nn = static_cast<double>(out.non_users);
  out.mean_users = su / nu;
  out.mean_non_users = sn / nn;
  for (size_t f = 0; f < F; ++f) out.x0_difference[f] = x0u[f] / nu - x0n[f] / nn;
  out.mean_use_users = uu / nu;
  out.mean_use_non_users = un / nn;
  out.total_use = total_use;
  out.per_unit = (out.mean_users - out.mean_non_users) / (out.mean_use_users - out.mean_use_non_users);
  out.incremental = out.per_unit * total_use * factor;
  return out;
}

}  // namespace incrementa::dcm
