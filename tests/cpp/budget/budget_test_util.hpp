// Shared helpers for the [budget] tests: random instances on a cost grid.
#pragma once
#include <vector>

#include "budget/problem.hpp"
#include "core/rng.hpp"

namespace budget_test {

// n customers x K offers; probabilities on a 0.01 grid and whole-number costs
// per conversion, so every expected cost is a whole number of cents (the
// exact DP with cost_unit 0.01 is then exact).
inline incrementa::BudgetProblem random_problem(incrementa::Rng& rng, size_t n, size_t K,
                                                incrementa::Objective obj = incrementa::Objective::Conversions) {
  incrementa::OffersSpec spec;
  spec.base = "p0";
  spec.value_per_conversion = 10;
  for (size_t k = 0; k < K; ++k) {
    incrementa::OfferSpec f;
    f.name = "o" + std::to_string(k + 1);
    f.column = f.name;
    f.cost_per_conversion = static_cast<double>(1 + rng.uniform_int(5));
    f.cost_per_offer = rng.uniform() < 0.3 ? 0.25 : 0.0;
    spec.offers.push_back(f);
  }
  std::vector<double> p0(n), pk(n * K);
  for (size_t i = 0; i < n; ++i) {
    p0[i] = static_cast<double>(rng.uniform_int(40)) / 100;
    for (size_t k = 0; k < K; ++k) {
      const double lift = (static_cast<double>(rng.uniform_int(41)) - 8) / 100;  // some offers hurt
      double p = p0[i] + lift;
      p = p < 0 ? 0 : p > 1 ? 1 : p;
      pk[i * K + k] = std::round(p * 100) / 100;
    }
  }
  return incrementa::BudgetProblem(std::move(p0), std::move(pk), spec, obj);
}

}  // namespace budget_test
