#include "budget/risk.hpp"

#include <algorithm>
#include <cmath>

#include "core/distributions.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"

namespace incrementa {

CostRisk cost_risk(const BudgetProblem& pr, const Plan& plan, double budget, size_t mc_draws, uint64_t seed) {
  CostRisk r;
  double var = 0;
  std::vector<uint32_t> chosen;
  for (size_t i = 0; i < plan.choice.size(); ++i) {
    const size_t k = plan.choice[i];
    if (!k) continue;
    chosen.push_back(static_cast<uint32_t>(i));
    const double c = pr.spec().offers[k - 1].cost_per_conversion, p = pr.p(i, k);
    r.mean += pr.cost(i, k);
    var += c * c * p * (1 - p);
  }
  r.sd = std::sqrt(var);
  if (r.sd > 0) {
    r.p_exceed = 1 - normal_cdf((budget - r.mean) / r.sd);
    r.q05 = r.mean + r.sd * normal_quantile(0.05);
    r.q50 = r.mean;
    r.q95 = r.mean + r.sd * normal_quantile(0.95);
  } else {
    r.p_exceed = r.mean > budget ? 1.0 : 0.0;
    r.q05 = r.q50 = r.q95 = r.mean;
  }
  if (mc_draws > 0) {
    std::vector<double> draws(mc_draws);
    const Rng base(seed, 0x7269736bull);  // "risk"
    parallel_for(mc_draws, 16, [&](size_t b, size_t e) {
      for (size_t d = b; d < e; ++d) {
        Rng rng = base.split(d);
        double total = 0;
        for (uint32_t i : chosen) {
          const size_t k = plan.choice[i];
          const auto& f = pr.spec().offers[k - 1];
          total += f.cost_per_offer + (rng.bernoulli(pr.p(i, k)) ? f.cost_per_conversion : 0.0);
        }
        draws[d] = total;
      }
    });
    size_t over = 0;
    for (double t : draws) over += t > budget;
    std::sort(draws.begin(), draws.end());
    auto q = [&](double p) { return draws[std::min(mc_draws - 1, static_cast<size_t>(p * static_cast<double>(mc_draws)))]; };
    r.mc_draws = mc_draws;
    r.mc_p_exceed = static_cast<double>(over) / static_cast<double>(mc_draws);
    r.mc_q05 = q(0.05);
    r.mc_q50 = q(0.5);
    r.mc_q95 = q(0.95);
  }
  return r;
}

}  // namespace incrementa
