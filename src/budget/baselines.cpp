#include "budget/baselines.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "budget/radix_sort.hpp"
#include "core/rng.hpp"

namespace incrementa {

Plan greedy_plan(const BudgetProblem& pr, double budget, double roi_floor) {
  const size_t n = pr.customers(), K = pr.offers();
  std::vector<uint8_t> best(n, 0);
  std::vector<double> ratio(n, 0);
  for (size_t i = 0; i < n; ++i) {
    double br = 0, bv = 0;
    for (size_t k = 1; k <= K; ++k) {
      const double v = pr.value(i, k), c = pr.cost(i, k);
      if (!(v > 0)) continue;
      const double r = c > 0 ? v / c : std::numeric_limits<double>::infinity();
      if (r > br || (r == br && v > bv)) {
        br = r;
        bv = v;
        best[i] = static_cast<uint8_t>(k);
      }
    }
    ratio[i] = br;
  }
  std::vector<uint32_t> order;
  for (size_t i = 0; i < n; ++i)
    if (best[i]) order.push_back(static_cast<uint32_t>(i));
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return ratio[a] > ratio[b]; });
  std::vector<uint8_t> choice(n, 0);
  std::vector<double> used(K + 1, 0);
  double cost = 0, conv = 0;
  const double limit = budget + 1e-12 * std::max(1.0, std::fabs(budget));  // ties fit (rounding of sums)
  for (uint32_t i : order) {
    const uint8_t k = best[i];
    const double c = pr.cost(i, k), cv = pr.conv(i, k);
    if (cost + c > limit && c > 0) continue;
    if (used[k] + 1 > pr.spec().offers[k - 1].cap) continue;
    if (!meets_roi(pr, conv + cv, cost + c, roi_floor)) continue;
    cost += c;
    conv += cv;
    used[k] += 1;
    choice[i] = k;
  }
  return evaluate_plan(pr, std::move(choice));
}

void RankedPlan::at(double budget, double& cost, double& value, double& conv) const {
  const size_t j = static_cast<size_t>(std::upper_bound(cum_cost.begin(), cum_cost.end(), budget) - cum_cost.begin());
  const size_t p = j == 0 ? 0 : j - 1;
  cost = cum_cost[p];
  value = cum_value[p];
  conv = cum_conv[p];
}

namespace {
RankedPlan accumulate(const BudgetProblem& pr, std::vector<uint32_t> order, const std::vector<uint8_t>& offer_of) {
  RankedPlan r;
  r.customer = std::move(order);
  const size_t m = r.customer.size();
  r.offer.resize(m);
  r.cum_cost.assign(m + 1, 0);
  r.cum_value.assign(m + 1, 0);
  r.cum_conv.assign(m + 1, 0);
  for (size_t j = 0; j < m; ++j) {
    const uint32_t i = r.customer[j];
    const uint8_t k = offer_of[i];
    r.offer[j] = k;
    r.cum_cost[j + 1] = r.cum_cost[j] + pr.cost(i, k);
    r.cum_value[j + 1] = r.cum_value[j] + pr.value(i, k);
    r.cum_conv[j + 1] = r.cum_conv[j] + pr.conv(i, k);
  }
  return r;
}
}  // namespace

RankedPlan response_ranking(const BudgetProblem& pr) {
  const size_t n = pr.customers(), K = pr.offers();
  std::vector<uint8_t> offer_of(n, 1);
  std::vector<double> score(n);
  for (size_t i = 0; i < n; ++i) {
    size_t bk = 1;
    for (size_t k = 2; k <= K; ++k)
      if (pr.p(i, k) > pr.p(i, bk) || (pr.p(i, k) == pr.p(i, bk) && pr.cost(i, k) < pr.cost(i, bk))) bk = k;
    offer_of[i] = static_cast<uint8_t>(bk);
    score[i] = pr.p(i, bk);
  }
  // Highest probability first; ties in customer order (stable radix sort, p >= 0).
  struct Rec {
    double score;
    uint32_t customer;
  };
  std::vector<Rec> recs(n);
  for (size_t i = 0; i < n; ++i) recs[i] = {score[i], static_cast<uint32_t>(i)};
  radix_sort_desc(recs, [](const Rec& r) { return r.score; });
  std::vector<uint32_t> order(n);
  for (size_t j = 0; j < n; ++j) order[j] = recs[j].customer;
  return accumulate(pr, std::move(order), offer_of);
}

RankedPlan random_ranking(const BudgetProblem& pr, uint64_t seed) {
  const size_t n = pr.customers(), K = pr.offers();
  Rng rng(seed, 0x6275646765ull);  // "budge"
  std::vector<uint8_t> offer_of(n);
  for (size_t i = 0; i < n; ++i) offer_of[i] = static_cast<uint8_t>(1 + rng.uniform_int(K));
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  rng.shuffle(order);
  return accumulate(pr, std::move(order), offer_of);
}

Plan everyone_plan(const BudgetProblem& pr, size_t k) {
  return evaluate_plan(pr, std::vector<uint8_t>(pr.customers(), static_cast<uint8_t>(k)));
}

}  // namespace incrementa
