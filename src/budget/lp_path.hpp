// The LP relaxation of the multiple-choice knapsack for every budget at once
// (Kellerer, Pferschy & Pisinger, ch. 11; the path grf-labs' maq computes).
// Every customer's hull steps are merged into one list sorted by marginal
// ratio dv/dc, decreasing (ties: customer index, then step order, so the order
// is total and the same on every platform and thread count). Because each
// customer's own ratios strictly decrease, any prefix of the list takes every
// customer's steps in order, so a prefix is a plan; the LP optimum at budget B
// is the prefix whose cumulative cost reaches B, with at most one step (one
// customer) taken fractionally.
//
// ROI floor (vpc * conversions / cost >= R): the marginal ROI of the steps
// decreases along the list (the conversions objective sorts by dconv/dc; the
// profit objective by vpc*dconv/dc - 1, the same order), so the average ROI
// of a prefix decreases too and the floor holds exactly on an initial part of
// the path. With both constraints the LP optimum is therefore the path at
// min(budget position, ROI position): the ROI floor is a cap on the path
// position. The integer plan loses at most the one fractional step, and the
// rounding pass below may win part of that back.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "budget/problem.hpp"

namespace incrementa {

// One hull step of one customer (16 bytes, so sorting moves little memory).
struct PathStep {
  double ratio;       // dv / dc (+infinity when dc == 0)
  uint32_t customer;
  uint8_t from, to;   // options before and after the step (0 = none)
  uint8_t step;       // index of the step in the customer's hull
  uint8_t unused;
};

struct LpPath {
  std::vector<PathStep> order;  // sorted: ratio decreasing, then customer, then step
  std::vector<double> cum_cost, cum_value, cum_conv;  // after the first j steps (size steps()+1)
  size_t steps() const { return order.size(); }
};

LpPath build_lp_path(const BudgetProblem& problem);

constexpr double kNoRoiFloor = -std::numeric_limits<double>::infinity();

struct LpPoint {
  double position = 0;  // whole steps taken + fraction of the next
  double cost = 0, value = 0, conversions = 0;
  int64_t fractional_customer = -1;  // -1 when no step is taken fractionally
  double fraction = 0;
  std::string binding;  // "budget", "roi_floor" or "none" (end of the path)
};

// LP optimum at `budget` with the ROI floor (kNoRoiFloor = none).
LpPoint lp_point(const BudgetProblem& problem, const LpPath& path, double budget, double roi_floor);

// Integer plan: walks the path in order, taking each step whose customer is
// at the step's start, that fits the remaining budget, keeps the ROI floor
// and the offer's cap. Without caps this is the LP prefix (value at least the
// LP bound minus the fractional step) plus later steps that still fit, then
// the window repair (window_repair.hpp) re-chooses the customers at the cut exactly.
Plan round_lp_plan(const BudgetProblem& problem, const LpPath& path, double budget, double roi_floor);

}  // namespace incrementa
