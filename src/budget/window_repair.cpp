#include "budget/window_repair.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace incrementa {

namespace {

// A partial choice for the window's first customers: totals and, to rebuild
// the choice, the option and the state it came from.
struct State {
  double cost, conv, value;
  int32_t parent;
  uint8_t option;
};

// The window: customers whose path steps lie around the LP optimum's cut (the
// fractional step), nearest first, alternating after and before it.
std::vector<uint32_t> window_customers(const BudgetProblem& pr, const LpPath& path, double budget, double roi_floor,
                                       size_t w) {
  const size_t S = path.steps();
  if (S == 0) return {};
  const size_t cut = std::min(static_cast<size_t>(lp_point(pr, path, budget, roi_floor).position), S - 1);
  std::vector<uint32_t> out;
  std::vector<uint8_t> in(pr.customers(), 0);
  auto add = [&](size_t j) {
    const uint32_t c = path.order[j].customer;
    if (!in[c]) in[c] = 1, out.push_back(c);
  };
  for (size_t d = 0; out.size() < w && (cut + d < S || d <= cut); ++d) {
    if (cut + d < S) add(cut + d);
    if (out.size() < w && d >= 1 && d <= cut) add(cut - d);
  }
  return out;
}

}  // namespace

Plan repair_window(const BudgetProblem& pr, const LpPath& path, Plan plan, double budget, double roi_floor,
                   const WindowRepairOptions& opt) {
  for (const auto& f : pr.spec().offers)
    if (std::isfinite(f.cap)) return plan;
  // Only where the ROI floor binds: there the rounded plan can stop a whole
  // step short; with the budget alone it loses at most the fractional step.
  if (lp_point(pr, path, budget, roi_floor).binding != "roi_floor") return plan;
  const size_t K = pr.offers();
  const std::vector<uint32_t> win = window_customers(pr, path, budget, roi_floor, opt.window);
  if (win.empty()) return plan;
  // Totals of everyone outside the window, summed in customer order.
  std::vector<uint8_t> in(pr.customers(), 0);
  for (uint32_t c : win) in[c] = 1;
  double cost0 = 0, conv0 = 0;
  for (size_t i = 0; i < pr.customers(); ++i) {
    if (in[i]) continue;
    cost0 += pr.cost(i, plan.choice[i]);
    conv0 += pr.conv(i, plan.choice[i]);
  }
  const double limit = budget + 1e-12 * std::max(1.0, std::fabs(budget));
  const double vpc = pr.value_per_conversion();
  const bool floor_on = roi_floor > kNoRoiFloor && std::isfinite(vpc);
  // ROI slack vpc*conv - R*cost: >= 0 is the floor; more is better for later customers.
  auto slack = [&](const State& s) { return floor_on ? vpc * (conv0 + s.conv) - roi_floor * (cost0 + s.cost) : 0.0; };

  // With the conversions objective (value = conversions) or no floor, a state
  // with lower cost and higher value also has more slack.
  const bool slack_follows_value = !floor_on || pr.objective() == Objective::Conversions;
  std::vector<std::vector<State>> stages;
  stages.push_back({State{0, 0, 0, -1, 0}});
  for (uint32_t c : win) {
    const std::vector<State>& prev = stages.back();
    std::vector<State> next;
    next.reserve(prev.size() * (K + 1));
    for (size_t s = 0; s < prev.size(); ++s)
      for (size_t k = 0; k <= K; ++k) {
        State t{prev[s].cost + pr.cost(c, k), prev[s].conv + pr.conv(c, k), prev[s].value + pr.value(c, k),
                static_cast<int32_t>(s), static_cast<uint8_t>(k)};
        if (cost0 + t.cost > limit) continue;  // costs are >= 0: a state over the budget stays over
        next.push_back(t);
      }
    // Keep the Pareto front: lower cost, higher value, more ROI slack. Sorted by
    // cost, then value descending (ties by construction order), a state is
    // dropped when an earlier kept one is at least as good on value and slack.
    std::stable_sort(next.begin(), next.end(), [](const State& a, const State& b) {
      return a.cost != b.cost ? a.cost < b.cost : a.value > b.value;
    });
    std::vector<State> front;
    if (slack_follows_value) {
      // Slack rises with value and falls with cost: a 2-D front, one pass.
      double top = -std::numeric_limits<double>::infinity();
      for (const State& t : next)
        if (t.value > top) front.push_back(t), top = t.value;
    } else {
      for (const State& t : next) {
        const double ts = slack(t);
        bool dominated = false;
        for (const State& f : front)
          if (f.value >= t.value && slack(f) >= ts) {
            dominated = true;
            break;
          }
        if (!dominated) front.push_back(t);
      }
    }
    if (front.size() > opt.max_states) return plan;
    stages.push_back(std::move(front));
  }
  // The best final state that keeps both constraints.
  const std::vector<State>& last = stages.back();
  int32_t best = -1;
  for (size_t s = 0; s < last.size(); ++s) {
    if (cost0 + last[s].cost > limit) continue;
    if (!meets_roi(pr, conv0 + last[s].conv, cost0 + last[s].cost, roi_floor)) continue;
    if (best < 0 || last[s].value > last[best].value) best = static_cast<int32_t>(s);
  }
  if (best < 0) return plan;
  std::vector<uint8_t> choice = plan.choice;
  int32_t s = best;
  for (size_t stage = win.size(); stage > 0; --stage) {
    const State& st = stages[stage][s];
    choice[win[stage - 1]] = st.option;
    s = st.parent;
  }
  Plan repaired = evaluate_plan(pr, std::move(choice));
  // Accept only a real gain that still keeps both constraints on the plan's own totals.
  const double gain_floor = 1e-12 * std::max(1.0, std::fabs(plan.value));
  if (!(repaired.value > plan.value + gain_floor)) return plan;
  if (repaired.cost > limit || !meets_roi(pr, repaired.conversions, repaired.cost, roi_floor)) return plan;
  return repaired;
}

}  // namespace incrementa
