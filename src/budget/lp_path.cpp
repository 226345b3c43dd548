#include "budget/lp_path.hpp"

#include <algorithm>
#include <cmath>

#include "budget/hull.hpp"
#include "core/parallel.hpp"

namespace incrementa {

namespace {
struct Key {
  double ratio;
  uint32_t id;  // customer-major step index
};
inline bool before(const Key& a, const Key& b) { return a.ratio > b.ratio || (a.ratio == b.ratio && a.id < b.id); }
}  // namespace

LpPath build_lp_path(const BudgetProblem& pr) {
  const size_t n = pr.customers(), K = pr.offers();
  constexpr size_t kGrain = 8192;
  // Hulls into fixed slots (K per customer), in parallel.
  std::vector<HullStep> slots(n * K);
  std::vector<uint8_t> count(n);
  parallel_for(n, kGrain, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) count[i] = static_cast<uint8_t>(customer_hull(pr, i, &slots[i * K]));
  });
  std::vector<size_t> offset(n + 1, 0);
  for (size_t i = 0; i < n; ++i) offset[i + 1] = offset[i] + count[i];
  const size_t S = offset[n];
  std::vector<Key> keys(S);
  parallel_for(n, kGrain, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i)
      for (size_t s = 0; s < count[i]; ++s)
        keys[offset[i] + s] = {slots[i * K + s].ratio(), static_cast<uint32_t>(offset[i] + s)};
  });
  // Sort fixed chunks in parallel, then merge pairs of runs: the order is
  // total, so the result does not depend on the chunking or thread count.
  constexpr size_t kRun = 1 << 16;
  parallel_for(chunk_count(S, kRun), 1, [&](size_t c0, size_t c1) {
    for (size_t c = c0; c < c1; ++c)
      std::sort(keys.begin() + c * kRun, keys.begin() + std::min(S, (c + 1) * kRun), before);
  });
  for (size_t width = kRun; width < S; width *= 2) {
    const size_t pairs = chunk_count(S, 2 * width);
    parallel_for(pairs, 1, [&](size_t p0, size_t p1) {
      for (size_t p = p0; p < p1; ++p) {
        const size_t b = p * 2 * width, m = std::min(S, b + width), e = std::min(S, b + 2 * width);
        if (m < e) std::inplace_merge(keys.begin() + b, keys.begin() + m, keys.begin() + e, before);
      }
    });
  }
  // Step id -> customer.
  std::vector<uint32_t> owner(S);
  for (size_t i = 0; i < n; ++i)
    for (size_t s = offset[i]; s < offset[i + 1]; ++s) owner[s] = static_cast<uint32_t>(i);

  LpPath path;
  path.customer.resize(S);
  path.from.resize(S);
  path.to.resize(S);
  path.step.resize(S);
  path.cum_cost.assign(S + 1, 0);
  path.cum_value.assign(S + 1, 0);
  path.cum_conv.assign(S + 1, 0);
  for (size_t j = 0; j < S; ++j) {
    const uint32_t id = keys[j].id;
    const uint32_t i = owner[id];
    const size_t s = id - offset[i];
    const HullStep& st = slots[i * K + s];
    path.customer[j] = i;
    path.from[j] = st.from;
    path.to[j] = st.to;
    path.step[j] = static_cast<uint8_t>(s);
    path.cum_cost[j + 1] = path.cum_cost[j] + st.dc;
    path.cum_value[j + 1] = path.cum_value[j] + st.dv;
    path.cum_conv[j + 1] = path.cum_conv[j] + st.dconv;
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
    pt.fractional_customer = path.customer[j];
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
    const uint32_t i = path.customer[j];
    if (taken[i] != path.step[j]) continue;  // an earlier step of this customer was skipped
    const uint8_t to = path.to[j], from = path.from[j];
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
