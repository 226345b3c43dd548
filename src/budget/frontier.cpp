#include "budget/frontier.hpp"

namespace incrementa {

std::vector<FrontierPoint> budget_frontier(const BudgetProblem& pr, const LpPath& path, size_t points, uint64_t seed) {
  std::vector<FrontierPoint> out;
  if (points == 0) return out;
  const RankedPlan response = response_ranking(pr), random = random_ranking(pr, seed);
  const double end = path.cum_cost.back();
  for (size_t j = 0; j < points; ++j) {
    FrontierPoint f;
    f.budget = points == 1 ? end : end * static_cast<double>(j) / static_cast<double>(points - 1);
    const LpPoint lp = lp_point(pr, path, f.budget, kNoRoiFloor);
    f.uplift = {lp.cost, lp.value, lp.conversions};
    response.at(f.budget, f.response.cost, f.response.value, f.response.conversions);
    random.at(f.budget, f.random.cost, f.random.value, f.random.conversions);
    out.push_back(f);
  }
  return out;
}

}  // namespace incrementa
