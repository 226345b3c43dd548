#include "uplift/segments.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

#include "core/error.hpp"
#include "core/table.hpp"

namespace incrementa {

namespace {

struct Best {
  bool found = false;
  size_t column = 0;
  double threshold = 0, gain = 0;
};

// Best split of the node's positions `node` (indices into rows / tau).
Best best_split(const Eigen::MatrixXd& x, const std::vector<size_t>& rows, const std::vector<double>& tau,
                const std::vector<size_t>& node, size_t min_leaf) {
  Best best;
  const size_t m = node.size();
  if (m < 2 * min_leaf) return best;
  double sum = 0, ss = 0;
  for (size_t p : node) sum += tau[p];
  const double mean = sum / static_cast<double>(m);
  for (size_t p : node) ss += (tau[p] - mean) * (tau[p] - mean);
  const double min_gain = 1e-12 * ss;
  std::vector<size_t> order(m);
  std::vector<double> prefix(m + 1), column(m);
  std::vector<std::pair<double, size_t>> keyed(m);
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    for (size_t k = 0; k < m; ++k) column[k] = x(static_cast<Eigen::Index>(rows[node[k]]), j);
    auto value = [&](size_t pos) { return column[pos]; };
    // The node's positions by value, ties in position order (what a stable sort gives), found without one:
    // a 0/1 column (most of a one-hot design) in two passes, any other by sorting (value, position) pairs.
    const bool binary = std::all_of(column.begin(), column.end(), [](double v) { return v == 0 || v == 1; });
    if (binary) {
      size_t at = 0;
      for (size_t k = 0; k < m; ++k) if (column[k] == 0) order[at++] = k;
      for (size_t k = 0; k < m; ++k) if (column[k] == 1) order[at++] = k;
    } else {
      for (size_t k = 0; k < m; ++k) keyed[k] = {column[k], k};
      std::sort(keyed.begin(), keyed.end());
      for (size_t k = 0; k < m; ++k) order[k] = keyed[k].second;
    }
    prefix[0] = 0;
    for (size_t k = 0; k < m; ++k) prefix[k + 1] = prefix[k] + tau[node[order[k]]];
    const double vmax = value(order[m - 1]);
    double last = 0;
    bool any = false;
    for (int qi = 1; qi <= 19; ++qi) {
      const double t = value(order[static_cast<size_t>(std::floor(qi / 20.0 * static_cast<double>(m - 1)))]);
      if (t >= vmax || (any && t == last)) continue;
      any = true;
      last = t;
      // Rows <= t: the first position whose value exceeds t.
      size_t lo = 0, hi = m;
      while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (value(order[mid]) <= t) lo = mid + 1; else hi = mid;
      }
      const size_t nl = lo, nr = m - lo;
      if (nl < min_leaf || nr < min_leaf) continue;
      const double sl = prefix[nl], sr = sum - sl;
      const double gain = sl * sl / static_cast<double>(nl) + sr * sr / static_cast<double>(nr) -
                          sum * sum / static_cast<double>(m);
      if (gain > min_gain && (!best.found || gain > best.gain)) {
        best.found = true;
        best.column = static_cast<size_t>(j);
        best.threshold = t;
        best.gain = gain;
      }
    }
  }
  return best;
}

bool is_binary(const Eigen::MatrixXd& x, const std::vector<size_t>& rows, Eigen::Index j) {
  for (size_t r : rows) {
    const double v = x(static_cast<Eigen::Index>(r), j);
    if (v != 0 && v != 1) return false;
  }
  return true;
}

std::string condition_text(const SegmentCondition& c, const std::vector<std::string>& names, bool binary) {
  const std::string& name = names[c.column];
  if (binary) {
    const auto eq = name.find('=');
    if (eq != std::string::npos)  // a one-hot column "channel=Web"
      return name.substr(0, eq) + (c.greater ? " = " : " != ") + name.substr(eq + 1);
    return name + (c.greater ? " = 1" : " = 0");
  }
  // Four significant digits read well ("recency > 6", "x1 <= 0.3342"); the exact threshold is in conditions.
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", c.threshold);
  return name + (c.greater ? " > " : " <= ") + buf;
}

void grow(const Eigen::MatrixXd& x, const std::vector<size_t>& rows, const std::vector<double>& tau,
          const std::vector<size_t>& node, std::vector<SegmentCondition> path, size_t depth_left, size_t min_leaf,
          std::vector<std::pair<std::vector<SegmentCondition>, std::vector<size_t>>>& leaves) {
  const Best b = depth_left > 0 ? best_split(x, rows, tau, node, min_leaf) : Best{};
  if (!b.found) {
    leaves.emplace_back(std::move(path), node);
    return;
  }
  std::vector<size_t> left, right;
  for (size_t p : node) (x(static_cast<Eigen::Index>(rows[p]), static_cast<Eigen::Index>(b.column)) <= b.threshold ? left : right).push_back(p);
  std::vector<SegmentCondition> pl = path, pr = std::move(path);
  pl.push_back({b.column, false, b.threshold});
  pr.push_back({b.column, true, b.threshold});
  grow(x, rows, tau, left, std::move(pl), depth_left - 1, min_leaf, leaves);
  grow(x, rows, tau, right, std::move(pr), depth_left - 1, min_leaf, leaves);
}

}  // namespace

SegmentAnalysis cate_segments(const Eigen::MatrixXd& x, const std::vector<std::string>& names,
                              const std::vector<size_t>& rows, const std::vector<double>& tau,
                              const std::vector<double>& g, size_t depth, double min_leaf_share) {
  const size_t m = rows.size();
  if (tau.size() != m || g.size() != m) throw InputError("segments: rows, predictions and scores differ in length");
  SegmentAnalysis out;
  out.depth = depth;
  out.min_leaf = std::max<size_t>(2, static_cast<size_t>(std::ceil(min_leaf_share * static_cast<double>(m))));
  size_t neg = 0;
  for (double t : tau) neg += t < 0;
  out.share_negative = m > 0 ? static_cast<double>(neg) / static_cast<double>(m) : 0.0;
  if (m == 0) return out;
  std::vector<size_t> all(m);
  std::iota(all.begin(), all.end(), size_t{0});
  std::vector<std::pair<std::vector<SegmentCondition>, std::vector<size_t>>> leaves;
  grow(x, rows, tau, all, {}, depth, out.min_leaf, leaves);
  std::vector<int> binary(static_cast<size_t>(x.cols()), -1);  // computed on first use
  for (auto& [path, node] : leaves) {
    Segment s;
    s.conditions = path;
    for (const auto& c : path) {
      int& b = binary[c.column];
      if (b < 0) b = is_binary(x, rows, static_cast<Eigen::Index>(c.column)) ? 1 : 0;
      s.rule += (s.rule.empty() ? "" : " and ") + condition_text(c, names, b == 1);
    }
    if (s.rule.empty()) s.rule = "all rows";
    s.rows = node.size();
    const double nd = static_cast<double>(node.size());
    double st = 0, sg = 0;
    for (size_t p : node) st += tau[p], sg += g[p];
    s.predicted = st / nd;
    s.dr = sg / nd;
    double ss = 0;
    for (size_t p : node) ss += (g[p] - s.dr) * (g[p] - s.dr);
    s.dr_se = node.size() > 1 ? std::sqrt(ss / (nd - 1) / nd) : std::numeric_limits<double>::quiet_NaN();
    s.lo = s.dr - 1.959963984540054 * s.dr_se;
    s.hi = s.dr + 1.959963984540054 * s.dr_se;
    s.sleeping_dogs = s.hi < 0;
    s.possibly_negative = s.dr < 0 && !s.sleeping_dogs;
    out.leaves.push_back(std::move(s));
  }
  return out;
}

}  // namespace incrementa
