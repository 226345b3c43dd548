#include "uplift/evaluation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace incrementa {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<size_t> order_desc(const std::vector<double>& score) {
  std::vector<size_t> idx(score.size());
  std::iota(idx.begin(), idx.end(), size_t{0});
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return score[a] > score[b]; });
  return idx;
}

double trapezoid(const std::vector<double>& x, const std::vector<double>& y) {
  double a = 0;
  for (size_t i = 1; i < x.size(); ++i) a += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
  return a;
}

// Sum over every k = 1..n of the curve, linear between the points of a tie group.
double sum_over_rows(const std::vector<double>& k, const std::vector<double>& c) {
  double s = 0;
  for (size_t i = 1; i < k.size(); ++i) {
    const double m = k[i] - k[i - 1];
    s += m * c[i - 1] + (c[i] - c[i - 1]) * (m + 1) / 2;
  }
  return s;
}
}  // namespace

UpliftCurves uplift_curves(const std::vector<double>& score, const std::vector<double>& y, const std::vector<int>& w) {
  const std::vector<size_t> idx = order_desc(score);
  UpliftCurves c;
  c.k.push_back(0);
  c.uplift.push_back(0);
  c.qini.push_back(0);
  double yt = 0, yc = 0, nt = 0, nc = 0;
  for (size_t i = 0; i < idx.size(); ++i) {
    const size_t r = idx[i];
    if (w[r] == 1) {
      yt += y[r];
      nt += 1;
    } else {
      yc += y[r];
      nc += 1;
    }
    if (i + 1 < idx.size() && score[idx[i + 1]] == score[r]) continue;  // ties share a point
    const double k = static_cast<double>(i + 1);
    const double mt = nt > 0 ? yt / nt : 0.0, mc = nc > 0 ? yc / nc : 0.0;
    c.k.push_back(k);
    c.uplift.push_back((mt - mc) * k);
    c.qini.push_back(yt - (nc > 0 ? yc * nt / nc : 0.0));
  }
  return c;
}

UpliftMetrics uplift_metrics(const std::vector<double>& score, const std::vector<double>& y, const std::vector<int>& w,
                             bool binary) {
  const double n = static_cast<double>(score.size());
  const UpliftCurves a = uplift_curves(score, y, w);
  const double un = a.uplift.back(), qn = a.qini.back();
  const double base_u = n * un / 2, base_q = n * qn / 2;  // areas under the random lines
  UpliftMetrics m;
  // Perfect rankings.
  if (binary) {
    double cr = 0, tn = 0;  // control responders, treated non-responders
    for (size_t i = 0; i < y.size(); ++i) {
      cr += (y[i] == 1 && w[i] == 0) ? 1 : 0;
      tn += (y[i] == 0 && w[i] == 1) ? 1 : 0;
    }
    std::vector<double> perfect(y.size());
    for (size_t i = 0; i < y.size(); ++i)
      perfect[i] = 2.0 * ((y[i] == static_cast<double>(w[i])) ? 1 : 0) + (cr > tn ? y[i] : static_cast<double>(w[i]));
    const UpliftCurves p = uplift_curves(perfect, y, w);
    m.auuc_sklift = (trapezoid(a.k, a.uplift) - base_u) / (trapezoid(p.k, p.uplift) - base_u);
  } else {
    m.auuc_sklift = kNaN;
  }
  {
    std::vector<double> perfect(y.size());
    for (size_t i = 0; i < y.size(); ++i) perfect[i] = y[i] * (2.0 * w[i] - 1.0);
    const UpliftCurves p = uplift_curves(perfect, y, w);
    m.qini_sklift = (trapezoid(a.k, a.qini) - base_q) / (trapezoid(p.k, p.qini) - base_q);
  }
  // CausalML: points k = 0..n (n + 1 of them), the first is 0.
  m.auuc_causalml = un != 0 ? sum_over_rows(a.k, a.uplift) / std::fabs(un) / (n + 1) : kNaN;
  m.qini_causalml = qn != 0 ? (sum_over_rows(a.k, a.qini) - qn * (n + 1) / 2) / std::fabs(qn) / (n + 1) : kNaN;
  m.uplift_area_over_random = (trapezoid(a.k, a.uplift) - base_u) / (n * n);
  m.qini_area_over_random = (trapezoid(a.k, a.qini) - base_q) / (n * n);
  return m;
}

std::vector<DecileRow> uplift_by_decile(const std::vector<double>& score, const std::vector<double>& y,
                                        const std::vector<int>& w, size_t groups) {
  const std::vector<size_t> idx = order_desc(score);
  const size_t n = idx.size();
  std::vector<DecileRow> out(groups);
  struct Acc {
    double n = 0, s = 0, ss = 0;
  };
  std::vector<Acc> t(groups), c(groups);
  std::vector<double> pred(groups, 0.0), cnt(groups, 0.0);
  for (size_t i = 0; i < n; ++i) {
    const size_t g = i * groups / n, r = idx[i];
    Acc& a = w[r] == 1 ? t[g] : c[g];
    a.n += 1;
    a.s += y[r];
    a.ss += y[r] * y[r];
    pred[g] += score[r];
    cnt[g] += 1;
  }
  for (size_t g = 0; g < groups; ++g) {
    DecileRow& d = out[g];
    d.n_treated = static_cast<size_t>(t[g].n);
    d.n_control = static_cast<size_t>(c[g].n);
    d.predicted = cnt[g] > 0 ? pred[g] / cnt[g] : kNaN;
    if (t[g].n < 2 || c[g].n < 2) {
      d.observed = d.se = d.lo = d.hi = kNaN;
      continue;
    }
    auto mean_var = [](const Acc& a, double& mean, double& var) {
      mean = a.s / a.n;
      var = std::max(0.0, (a.ss - a.n * mean * mean) / (a.n - 1));
    };
    double mt, vt, mc, vc;
    mean_var(t[g], mt, vt);
    mean_var(c[g], mc, vc);
    d.observed = mt - mc;
    d.se = std::sqrt(vt / t[g].n + vc / c[g].n);
    d.lo = d.observed - 1.959963984540054 * d.se;
    d.hi = d.observed + 1.959963984540054 * d.se;
  }
  return out;
}

PolicyValue evaluate_policy(const std::vector<double>& pol, const std::vector<double>& y, const std::vector<int>& w,
                            const std::vector<double>& e, const std::vector<double>& mu0, const std::vector<double>& mu1) {
  const size_t n = y.size();
  const double nd = static_cast<double>(n);
  std::vector<double> ipw(n), rho(n), dr(n), gain(n);
  double share = 0, srho = 0, sry = 0;
  for (size_t i = 0; i < n; ++i) {
    const double p = pol[i];
    share += p;
    rho[i] = w[i] == 1 ? p / e[i] : (1 - p) / (1 - e[i]);
    ipw[i] = rho[i] * y[i];
    srho += rho[i];
    sry += rho[i] * y[i];
    const double psi1 = mu1[i] + (w[i] == 1 ? (y[i] - mu1[i]) / e[i] : 0.0);
    const double psi0 = mu0[i] + (w[i] == 0 ? (y[i] - mu0[i]) / (1 - e[i]) : 0.0);
    dr[i] = p * psi1 + (1 - p) * psi0;
    gain[i] = p * (psi1 - psi0);
  }
  auto mean_se = [&](const std::vector<double>& v, double& mean, double& se) {
    double s = 0;
    for (double x : v) s += x;
    mean = s / nd;
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    se = std::sqrt(ss / (nd - 1) / nd);
  };
  PolicyValue r;
  r.treated_share = share / nd;
  mean_se(ipw, r.ipw, r.ipw_se);
  mean_se(dr, r.dr, r.dr_se);
  mean_se(gain, r.dr_gain, r.dr_gain_se);
  r.snipw = sry / srho;
  std::vector<double> lin(n);
  const double mrho = srho / nd;
  for (size_t i = 0; i < n; ++i) lin[i] = rho[i] * (y[i] - r.snipw) / mrho;
  double unused;
  mean_se(lin, unused, r.snipw_se);
  return r;
}

}  // namespace incrementa
