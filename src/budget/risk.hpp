// Realised cost of a plan is random: a customer given offer k costs
// cost_per_offer_k always plus cost_per_conversion_k if they convert
// (Bernoulli(pk), independent across customers). Mean and variance are exact;
// P(cost > budget) and quantiles use the normal approximation (sum of many
// independent bounded terms); an optional seeded Monte Carlo checks it.
#pragma once
#include <cstdint>

#include "budget/problem.hpp"

namespace incrementa {

struct CostRisk {
  double mean = 0, sd = 0;
  double p_exceed = 0;             // normal approximation of P(realised cost > budget)
  double q05 = 0, q50 = 0, q95 = 0;  // normal-approximation quantiles
  size_t mc_draws = 0;             // 0 = no Monte Carlo
  double mc_p_exceed = 0, mc_q05 = 0, mc_q50 = 0, mc_q95 = 0;
};

CostRisk cost_risk(const BudgetProblem& problem, const Plan& plan, double budget, size_t mc_draws, uint64_t seed);

}  // namespace incrementa
