// One customer's options reduced to the upper convex hull in (cost, value),
// starting at "no offer" (0, 0). Options that cost more without adding value
// (dominated) and options below the hull (an LP mix of two neighbours is
// better) are dropped; collinear middle points are dropped too, so the
// marginal ratio dv/dc is strictly decreasing along a customer's steps. Only
// steps that add value (dv > 0) are kept: with a budget "<=" constraint and a
// maximised objective, nothing else is ever used. A zero-cost option with
// positive value gives a first step with dc = 0 (ratio +infinity).
#pragma once
#include <cstdint>

#include "budget/problem.hpp"

namespace incrementa {

struct HullStep {
  uint8_t from = 0, to = 0;  // option indices (0 = none)
  double dc = 0, dv = 0, dconv = 0;
  double ratio() const;      // dv / dc, +infinity when dc == 0
};

// Writes the customer's steps, in order, to out (room for problem.offers()
// entries); returns how many.
size_t customer_hull(const BudgetProblem& problem, size_t customer, HullStep* out);

}  // namespace incrementa
