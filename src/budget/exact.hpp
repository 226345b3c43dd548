// Exact multiple-choice knapsack for small instances: dynamic programming over
// costs measured in whole units of `cost_unit`. best[c] = the largest
// objective value of a plan costing exactly c units, so both constraints are
// exact: the budget (c <= budget) and the ROI floor (for a fixed cost, the
// largest value also has the most conversions, hence the best ROI).
// Exact when every option's cost is a whole number of units (costs_on_grid);
// otherwise costs are rounded up to the grid (the plan still never breaks the
// budget, but it is no longer guaranteed optimal). Per-offer caps are not
// supported (ConfigError).
#pragma once
#include "budget/problem.hpp"
#include "core/run_context.hpp"

namespace incrementa {

struct ExactOptions {
  double cost_unit = 0.01;
  double max_cells = 2e8;  // customers x (budget units + 1) x options: refuse beyond this
};

struct ExactResult {
  Plan plan;
  bool costs_on_grid = true;
};

ExactResult solve_exact(const BudgetProblem& problem, double budget, double roi_floor, const ExactOptions& options,
                        const RunContext* context = nullptr);

}  // namespace incrementa
