// Incremental cost vs incremental conversions / value for budgets from 0 to
// the unconstrained optimum's cost (the end of the LP path), evenly spaced:
// the uplift (LP path) plan beside the response-model and random plans at the
// same budgets (see baselines.hpp). The LP values are exact LP optima (at
// most one customer fractional); the baselines are integer prefixes.
#pragma once
#include <vector>

#include "budget/baselines.hpp"
#include "budget/lp_path.hpp"

namespace incrementa {

struct Totals {
  double cost = 0, value = 0, conversions = 0;
};

struct FrontierPoint {
  double budget = 0;
  Totals uplift, response, random;
};

std::vector<FrontierPoint> budget_frontier(const BudgetProblem& problem, const LpPath& path, size_t points, uint64_t seed);

}  // namespace incrementa
