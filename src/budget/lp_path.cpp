#include "budget/lp_path.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

#include "budget/hull.hpp"
#include "budget/radix_sort.hpp"
#include "core/parallel.hpp"

namespace incrementa {

LpPath build_lp_path(const BudgetProblem& pr) {
  const size_t n = pr.customers(), K = pr.offers();
  if (n >= (size_t{1} << 32)) throw InputError("budget: at most 4,294,967,295 customers");
  constexpr size_t kGrain = 8192;
  // Hull sizes first, then the steps written in customer order (the hulls
  // are cheap to compute twice; this avoids an n x K scratch array).
  std::vector<uint8_t> count(n);
  parallel_for(n, kGrain, [&](size_t b, size_t e) {
    HullStep tmp[64];
    for (size_t i = b; i < e; ++i) count[i] = static_cast<uint8_t>(customer_hull(pr, i, tmp));
  });
  std::vector<size_t> offset(n + 1, 0);
  for (size_t i = 0; i < n; ++i) offset[i + 1] = offset[i] + count[i];
  LpPath path;
  const size_t S = offset[n];
  path.order.resize(S);
  parallel_for(n, kGrain, [&](size_t b, size_t e) {
    HullStep tmp[64];
    for (size_t i = b; i < e; ++i) {
      const size_t m = customer_hull(pr, i, tmp);
      for (size_t s = 0; s < m; ++s)
        path.order[offset[i] + s] = {tmp[s].ratio(), static_cast<uint32_t>(i), tmp[s].from, tmp[s].to,
                                     static_cast<uint8_t>(s), 0};
    }
  });
  // Ratios are > 0 (every hull step adds value); ties keep customer, then step order.
  radix_sort_desc(path.order, [](const PathStep& s) { return s.ratio; });
  path.cum_cost.resize(S + 1);
  path.cum_value.resize(S + 1);
  path.cum_conv.resize(S + 1);
  double c = 0, v = 0, q = 0;
  path.cum_cost[0] = path.cum_value[0] = path.cum_conv[0] = 0;
  for (size_t j = 0; j < S; ++j) {
    const PathStep& st = path.order[j];
    // The same expressions as customer_hull, so the same doubles.
    c += pr.cost(st.customer, st.to) - pr.cost(st.customer, st.from);
    v += pr.value(st.customer, st.to) - pr.value(st.customer, st.from);
    q += pr.conv(st.customer, st.to) - pr.conv(st.customer, st.from);
    path.cum_cost[j + 1] = c;
    path.cum_value[j + 1] = v;
    path.cum_conv[j + 1] = q;
  }
  return path;
}

LpPoint lp_point(const BudgetProblem& pr, const LpPath& path, double budget, double roi_floor) {
  const size_t S = path.steps();
  budget = std::max(budget, 0.0);
  // Budget: the last prefix whose cost fits, then a fraction of the next step.
  size_t jb = static_cast<size_t>(std::upper_bound(path.cum_cost.begin(), path.cum_cost.end(), budget) -
                                  path.cum_cost.begin()) - 1;
  double fb = 0;
  if (jb < S) {
    const double dc = path.cum_cost[jb + 1] - path.cum_cost[jb];
    fb = dc > 0 ? std::clamp((budget - path.cum_cost[jb]) / dc, 0.0, 1.0) : 0.0;
  }
  double pos = jb < S ? static_cast<double>(jb) + fb : static_cast<double>(S);
  std::string binding = jb < S ? "budget" : "none";
  if (roi_floor > kNoRoiFloor) {
    // ROI holds on an initial part of the path: binary search its end.
    size_t lo = 0, hi = S;  // invariant: prefix lo meets the floor
    while (lo < hi) {
      const size_t mid = lo + (hi - lo + 1) / 2;
      if (meets_roi(pr, path.cum_conv[mid], path.cum_cost[mid], roi_floor)) lo = mid;
      else hi = mid - 1;
    }
    double fr = 0;
    if (lo < S) {
      const double vpc = pr.value_per_conversion();
      const double dc = path.cum_cost[lo + 1] - path.cum_cost[lo], dconv = path.cum_conv[lo + 1] - path.cum_conv[lo];
      const double slack = vpc * path.cum_conv[lo] - roi_floor * path.cum_cost[lo];
      const double denom = roi_floor * dc - vpc * dconv;
      fr = denom > 0 ? std::clamp(slack / denom, 0.0, 1.0) : 1.0;
    }
    const double posr = lo < S ? static_cast<double>(lo) + fr : static_cast<double>(S);
    if (posr < pos) {
      pos = posr;
      binding = "roi_floor";
    }
  }
  LpPoint pt;
  pt.position = pos;
  pt.binding = binding;
  const size_t j = static_cast<size_t>(std::floor(pos));
  const double f = pos - static_cast<double>(j);
  auto interp = [&](const std::vector<double>& cum) { return j < S ? cum[j] + f * (cum[j + 1] - cum[j]) : cum[S]; };
  pt.cost = interp(path.cum_cost);
  pt.value = interp(path.cum_value);
  pt.conversions = interp(path.cum_conv);
  if (j < S && f > 0) {
    pt.fractional_customer = path.order[j].customer;
    pt.fraction = f;
  }
  return pt;
}

Plan round_lp_plan(const BudgetProblem& pr, const LpPath& path, double budget, double roi_floor) {
  const size_t n = pr.customers(), S = path.steps();
  std::vector<uint8_t> choice(n, 0), taken(n, 0);
  std::vector<double> used(pr.offers() + 1, 0);
  double cost = 0, conv = 0;
  const double limit = budget + 1e-12 * std::max(1.0, std::fabs(budget));  // ties fit (rounding of sums)
  for (size_t j = 0; j < S; ++j) {
    const PathStep& st = path.order[j];
    const uint32_t i = st.customer;
    if (taken[i] != st.step) continue;  // an earlier step of this customer was skipped
    const uint8_t to = st.to, from = st.from;
    const double dc = pr.cost(i, to) - pr.cost(i, from), dconv = pr.conv(i, to) - pr.conv(i, from);
    if (cost + dc > limit && dc > 0) continue;
    if (used[to] + 1 > pr.spec().offers[to - 1].cap) continue;
    if (!meets_roi(pr, conv + dconv, cost + dc, roi_floor)) continue;
    cost += dc;
    conv += dconv;
    if (from) used[from] -= 1;
    used[to] += 1;
    choice[i] = to;
    ++taken[i];
  }
  return evaluate_plan(pr, std::move(choice));
}

}  // namespace incrementa
