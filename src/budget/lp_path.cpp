#include "budget/lp_path.hpp"
#include "budget/window_repair.hpp"

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
  auto cap_of = [&](uint8_t k) { return k == 0 ? std::numeric_limits<double>::infinity() : pr.spec().offers[k - 1].cap; };
  size_t first_skip = S;  // where the LP prefix ends
  for (size_t j = 0; j < S; ++j) {
    const PathStep& st = path.order[j];
    const uint32_t i = st.customer;
    if (taken[i] != st.step) continue;  // an earlier step of this customer was skipped
    const uint8_t to = st.to, from = st.from;
    const double dc = pr.cost(i, to) - pr.cost(i, from), dconv = pr.conv(i, to) - pr.conv(i, from);
    if ((cost + dc > limit && dc > 0) || used[to] + 1 > cap_of(to) || !meets_roi(pr, conv + dconv, cost + dc, roi_floor)) {
      first_skip = std::min(first_skip, j);
      continue;
    }
    cost += dc;
    conv += dconv;
    if (from) used[from] -= 1;
    used[to] += 1;
    choice[i] = to;
    ++taken[i];
  }
  // Repair near the end of the prefix: swap one taken step (a customer's last)
  // for one untaken step (a customer's next) when that adds value and keeps
  // the budget, the ROI floor and the caps. With the ROI floor binding, the
  // integer plan otherwise often stops one step short of what fits.
  constexpr size_t kWindow = 128;
  for (int round = 0; round < 8 && first_skip < S; ++round) {
    std::vector<size_t> adds, removes;
    for (size_t j = first_skip; j < S && adds.size() < kWindow; ++j)
      if (taken[path.order[j].customer] == path.order[j].step) adds.push_back(j);
    for (size_t j = first_skip; j-- > 0 && removes.size() < kWindow;)
      if (taken[path.order[j].customer] == path.order[j].step + 1) removes.push_back(j);
    auto delta = [&](const PathStep& st, double& dc, double& dv, double& dq) {
      dc = pr.cost(st.customer, st.to) - pr.cost(st.customer, st.from);
      dv = pr.value(st.customer, st.to) - pr.value(st.customer, st.from);
      dq = pr.conv(st.customer, st.to) - pr.conv(st.customer, st.from);
    };
    // Candidate deltas, computed once per round.
    struct Cand {
      size_t j;
      double dc, dv, dq;
    };
    std::vector<Cand> ca, cr;
    for (size_t j : adds) {
      Cand c{j, 0, 0, 0};
      delta(path.order[j], c.dc, c.dv, c.dq);
      ca.push_back(c);
    }
    for (size_t j : removes) {
      Cand c{j, 0, 0, 0};
      delta(path.order[j], c.dc, c.dv, c.dq);
      cr.push_back(c);
    }
    // Caps for a move: steps added (a1, a2 optional) and one removed.
    auto caps_ok = [&](const PathStep& sr, const PathStep* a1, const PathStep* a2) {
      if (!std::isfinite(cap_of(sr.from)) && !std::isfinite(cap_of(a1->to)) && (!a2 || !std::isfinite(cap_of(a2->to))))
        return true;
      std::vector<double> u = used;
      u[sr.to] -= 1;
      if (sr.from) u[sr.from] += 1;
      for (const PathStep* a : {a1, a2}) {
        if (!a) continue;
        if (a->from) u[a->from] -= 1;
        u[a->to] += 1;
      }
      for (size_t k = 1; k < u.size(); ++k)
        if (u[k] > cap_of(static_cast<uint8_t>(k))) return false;
      return true;
    };
    double best_gain = 0;
    size_t best_add = S, best_add2 = S, best_rem = S;
    auto consider = [&](const Cand& r, const Cand& a1, const Cand* a2) {
      const double gain = a1.dv + (a2 ? a2->dv : 0) - r.dv;
      if (!(gain > best_gain * (1 + 1e-12) + 1e-15)) return;
      const double dc = a1.dc + (a2 ? a2->dc : 0) - r.dc, dq = a1.dq + (a2 ? a2->dq : 0) - r.dq;
      if (cost + dc > limit && dc > 0) return;
      if (!meets_roi(pr, conv + dq, cost + dc, roi_floor)) return;
      if (!caps_ok(path.order[r.j], &path.order[a1.j], a2 ? &path.order[a2->j] : nullptr)) return;
      best_gain = gain;
      best_rem = r.j;
      best_add = a1.j;
      best_add2 = a2 ? a2->j : S;
    };
    // One step out, one or two steps in (different customers).
    for (const Cand& r : cr) {
      const uint32_t rc = path.order[r.j].customer;
      for (size_t x = 0; x < ca.size(); ++x) {
        const uint32_t c1 = path.order[ca[x].j].customer;
        if (c1 == rc) continue;
        consider(r, ca[x], nullptr);
        for (size_t y = x + 1; y < ca.size() && y < 48; ++y) {
          const uint32_t c2 = path.order[ca[y].j].customer;
          if (c2 == rc || c2 == c1) continue;
          consider(r, ca[x], &ca[y]);
        }
      }
    }
    if (best_add == S) break;
    for (size_t j : {best_rem, best_add, best_add2}) {
      if (j == S) continue;
      const PathStep& st = path.order[j];
      double dc, dv, dq;
      delta(st, dc, dv, dq);
      if (j == best_rem) {
        cost -= dc;
        conv -= dq;
        used[st.to] -= 1;
        if (st.from) used[st.from] += 1;
        choice[st.customer] = st.from;
        --taken[st.customer];
      } else {
        cost += dc;
        conv += dq;
        if (st.from) used[st.from] -= 1;
        used[st.to] += 1;
        choice[st.customer] = st.to;
        ++taken[st.customer];
      }
    }
    // Any single candidate step that now fits.
    for (size_t j : adds) {
      const PathStep& st = path.order[j];
      if (taken[st.customer] != st.step) continue;
      double dc, dv, dq;
      delta(st, dc, dv, dq);
      if ((cost + dc > limit && dc > 0) || used[st.to] + 1 > cap_of(st.to) || !meets_roi(pr, conv + dq, cost + dc, roi_floor))
        continue;
      cost += dc;
      conv += dq;
      if (st.from) used[st.from] -= 1;
      used[st.to] += 1;
      choice[st.customer] = st.to;
      ++taken[st.customer];
    }
  }
  return repair_window(pr, path, evaluate_plan(pr, std::move(choice)), budget, roi_floor);
}

}  // namespace incrementa
