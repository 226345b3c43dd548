// Plans people use instead of the LP path, for comparison.
//  - greedy: each customer's single best-ratio option (objective value per
//    unit cost, among options that add value); customers ranked by that ratio
//    and taken while the budget, ROI floor and caps allow (no upgrades).
//  - response: rank by the highest conversion probability over the offers
//    (what a response / propensity model targets), each customer given that
//    offer (ties: the cheaper one), taken in rank order.
//  - random: customers in a seeded random order, each given an offer drawn
//    uniformly at random.
//  - everyone: every customer gets offer k (one point per offer).
#pragma once
#include <cstdint>
#include <vector>

#include "budget/problem.hpp"

namespace incrementa {

Plan greedy_plan(const BudgetProblem& problem, double budget, double roi_floor);

// A ranked list of (customer, offer) with cumulative totals, so the plan at
// any budget is the longest prefix that fits.
struct RankedPlan {
  std::vector<uint32_t> customer;
  std::vector<uint8_t> offer;
  std::vector<double> cum_cost, cum_value, cum_conv;  // size()+1
  // Totals of the longest prefix costing at most `budget`: {cost, value, conversions}.
  void at(double budget, double& cost, double& value, double& conv) const;
};

RankedPlan response_ranking(const BudgetProblem& problem);
RankedPlan random_ranking(const BudgetProblem& problem, uint64_t seed);
// Everyone gets offer k (1-based).
Plan everyone_plan(const BudgetProblem& problem, size_t k);

}  // namespace incrementa
