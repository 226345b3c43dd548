// Exact repair of the last few customers of a rounded LP plan. The LP path
// leaves an integer plan a step short of the optimum mostly where both
// constraints bind (budget and ROI floor) or where the best integer choice is
// an option off the customer's hull (dominated in the LP, not in integers).
// Here every customer but a window of W near the path's cut keeps its option;
// the window's customers are re-chosen exactly over all their options by a
// Pareto dynamic programme over (cost, value, ROI slack), so the result is the
// best plan that differs from the input only inside the window. Plans with
// per-offer caps are returned unchanged (the caps couple the window to the rest),
// and so are plans where the ROI floor does not bind.
#pragma once
#include "budget/lp_path.hpp"

namespace incrementa {

struct WindowRepairOptions {
  size_t window = 64;          // customers re-chosen exactly (64 closes the gap on all 20 instances of bench/budget_run.sh; 24 did not)
  size_t max_states = 20000;  // Pareto states per stage: beyond this the repair gives up (returns the input)
};

Plan repair_window(const BudgetProblem& problem, const LpPath& path, Plan plan, double budget, double roi_floor,
                   const WindowRepairOptions& options = {});

}  // namespace incrementa
