#include "segment/profiles.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace incrementa::segment {

std::vector<std::string> factor_names(const Matrix& h, const std::vector<std::string>& features) {
  const size_t k = h.rows, p = h.cols;
  std::vector<size_t> top(k, 0);
  for (size_t t = 0; t < k; ++t)
    for (size_t j = 1; j < p; ++j)
      if (h(t, j) > h(t, top[t])) top[t] = j;
  std::vector<std::string> names(k);
  for (size_t t = 0; t < k; ++t) {
    const bool shared = std::count(top.begin(), top.end(), top[t]) > 1;
    names[t] = features[top[t]] + (shared ? " (factor " + std::to_string(t + 1) + ")" : "");
  }
  return names;
}

void build_profiles(SegmentReport& r, const Matrix& raw, const std::vector<double>* value) {
  const size_t n = r.rows, c = r.clusters, k = r.nmf.w.cols, p = raw.cols;
  const Matrix& w = r.nmf.w;
  std::vector<double> overall(k, 0.0), sd(k, 0.0);
  for (size_t i = 0; i < n; ++i)
    for (size_t t = 0; t < k; ++t) overall[t] += w(i, t);
  for (auto& m : overall) m /= static_cast<double>(n);
  for (size_t i = 0; i < n; ++i)
    for (size_t t = 0; t < k; ++t) sd[t] += (w(i, t) - overall[t]) * (w(i, t) - overall[t]);
  for (auto& s : sd) s = std::sqrt(s / static_cast<double>(n));
  double value_total = 0;
  if (value)
    for (double v : *value) value_total += v;

  r.segments.assign(c, SegmentProfile{});
  for (size_t s = 0; s < c; ++s) {
    r.segments[s].segment = static_cast<int>(s + 1);
    r.segments[s].factor_means.assign(k, 0.0);
    r.segments[s].feature_means.assign(p, 0.0);
    r.segments[s].value_share = value ? 0.0 : NAN;
  }
  for (size_t i = 0; i < n; ++i) {
    SegmentProfile& g = r.segments[static_cast<size_t>(r.labels[i] - 1)];
    ++g.size;
    for (size_t t = 0; t < k; ++t) g.factor_means[t] += w(i, t);
    for (size_t j = 0; j < p; ++j) g.feature_means[j] += raw(i, j);
    if (value) g.value_share += (*value)[i];
  }
  for (auto& g : r.segments) {
    const double m = static_cast<double>(g.size);
    g.share = m / static_cast<double>(n);
    if (g.size > 0) {
      for (auto& v : g.factor_means) v /= m;
      for (auto& v : g.feature_means) v /= m;
    }
    if (value) g.value_share = value_total != 0 ? g.value_share / value_total : NAN;
    // The two factors on which the segment stands out most (in sds from the overall mean).
    std::vector<size_t> order(k);
    std::iota(order.begin(), order.end(), size_t{0});
    std::vector<double> z(k, 0.0);
    for (size_t t = 0; t < k; ++t) z[t] = sd[t] > 0 ? (g.factor_means[t] - overall[t]) / sd[t] : 0.0;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return std::fabs(z[a]) > std::fabs(z[b]); });
    std::string name;
    for (size_t q = 0; q < std::min<size_t>(2, k); ++q) {
      const size_t t = order[q];
      if (!name.empty()) name += " \u00b7 ";
      name += std::string(z[t] >= 0 ? "high " : "low ") + r.factor_names[t];
    }
    g.name = name;
  }
}

}  // namespace incrementa::segment
