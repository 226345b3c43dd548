#include "segment/segment_uplift.hpp"

#include <cmath>

#include "experiment/intervals.hpp"

namespace incrementa::segment {

void segment_uplift(SegmentReport& r, const UpliftColumns& u, double cost) {
  const size_t n = r.rows, c = r.clusters;
  const bool experiment = u.treatment && u.outcome;
  struct Acc {
    double n[2] = {0, 0}, sum[2] = {0, 0}, sq[2] = {0, 0};  // outcome by arm (control 0, treated 1)
    double cn = 0, csum = 0, csq = 0, negative = 0;         // cate
  };
  std::vector<Acc> acc(c);
  for (size_t i = 0; i < n; ++i) {
    Acc& a = acc[static_cast<size_t>(r.labels[i] - 1)];
    if (experiment) {
      const int arm = (*u.treatment)[i] == 1 ? 1 : 0;
      a.n[arm] += 1;
      a.sum[arm] += (*u.outcome)[i];
    }
    if (u.cate) {
      a.cn += 1;
      a.csum += (*u.cate)[i];
      a.negative += (*u.cate)[i] < 0;
    }
  }
  // Second pass for variances about the means (numerically safer than sums of squares).
  for (size_t i = 0; i < n; ++i) {
    Acc& a = acc[static_cast<size_t>(r.labels[i] - 1)];
    if (experiment) {
      const int arm = (*u.treatment)[i] == 1 ? 1 : 0;
      const double d = (*u.outcome)[i] - a.sum[arm] / a.n[arm];
      a.sq[arm] += d * d;
    }
    if (u.cate) {
      const double d = (*u.cate)[i] - a.csum / a.cn;
      a.csq += d * d;
    }
  }
  for (size_t s = 0; s < c; ++s) {
    const Acc& a = acc[s];
    Effect e;
    if (experiment) {
      e.source = "experiment";
      if (a.n[0] >= 2 && a.n[1] >= 2) {
        const double mt = a.sum[1] / a.n[1], mc = a.sum[0] / a.n[0];
        const WelchResult w = welch(mt, a.sq[1] / (a.n[1] - 1), a.n[1], mc, a.sq[0] / (a.n[0] - 1), a.n[0], 0.05);
        e.estimate = w.diff;
        e.lower = w.ci.lo;
        e.upper = w.ci.hi;
      }
    } else {
      e.source = "cate";
      if (a.cn >= 1) {
        e.estimate = a.csum / a.cn;
        if (a.cn >= 2) {
          const double half = 1.96 * std::sqrt(a.csq / (a.cn - 1)) / std::sqrt(a.cn);
          e.lower = e.estimate - half;
          e.upper = e.estimate + half;
        }
      }
    }
    r.segments[s].effect = e;
    if (u.cate && a.cn > 0) r.segments[s].sleeping_dog_share = a.negative / a.cn;
    r.segments[s].treat = std::isfinite(e.estimate) && e.estimate > cost;
  }

  UpliftSummary sum;
  sum.source = u.cate ? "cate" : "experiment";
  sum.cost = cost;
  const double dn = static_cast<double>(n);
  if (u.cate) {
    double by_customer = 0, by_segment = 0, everyone = 0, t_customer = 0, t_segment = 0;
    for (size_t i = 0; i < n; ++i) {
      const double net = (*u.cate)[i] - cost;
      everyone += net;
      if ((*u.cate)[i] > cost) by_customer += net, t_customer += 1;
      if (*r.segments[static_cast<size_t>(r.labels[i] - 1)].treat) by_segment += net, t_segment += 1;
    }
    sum.value = {by_customer / dn, by_segment / dn, everyone / dn, 0.0};
    sum.treated_share = {t_customer / dn, t_segment / dn, 1.0, 0.0};
    sum.segment_targeting_loss = sum.value.by_customer - sum.value.by_segment;
  } else {
    // From the per-segment experiment estimates, weighted by segment share.
    double by_segment = 0, everyone = 0, t_segment = 0;
    bool ok = true;
    for (const auto& g : r.segments) {
      if (!std::isfinite(g.effect->estimate)) {
        ok = ok && g.size == 0;
        continue;
      }
      everyone += g.share * (g.effect->estimate - cost);
      if (*g.treat) by_segment += g.share * (g.effect->estimate - cost), t_segment += g.share;
    }
    sum.value = {NAN, ok ? by_segment : NAN, ok ? everyone : NAN, 0.0};
    sum.treated_share = {NAN, t_segment, 1.0, 0.0};
  }
  r.uplift = sum;
}

}  // namespace incrementa::segment
