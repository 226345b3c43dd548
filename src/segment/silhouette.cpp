#include "segment/silhouette.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/parallel.hpp"
#include "core/rng.hpp"

namespace incrementa::segment {

std::vector<size_t> sample_rows(size_t n, size_t limit, uint64_t seed, uint64_t stream) {
  std::vector<size_t> idx(n);
  std::iota(idx.begin(), idx.end(), size_t{0});
  if (n <= limit) return idx;
  Rng rng(seed, stream);
  for (size_t i = 0; i < limit; ++i) std::swap(idx[i], idx[i + static_cast<size_t>(rng.uniform_int(n - i))]);
  idx.resize(limit);
  std::sort(idx.begin(), idx.end());
  return idx;
}

double silhouette(const Matrix& x, const std::vector<int>& labels, size_t clusters, const std::vector<size_t>& rows) {
  const size_t m = rows.size(), d = x.cols;
  if (m < 2 || clusters < 2) return NAN;
  std::vector<size_t> count(clusters, 0);
  for (size_t r : rows) ++count[static_cast<size_t>(labels[r])];
  size_t nonempty = 0;
  for (size_t c : count) nonempty += c > 0;
  if (nonempty < 2) return NAN;
  // The sample's rows packed by segment (a stable sort: within a segment in
  // sample order), so each segment's distance sum runs over one contiguous
  // block in the same order as over the sample: the same bits, cache-friendly.
  std::vector<size_t> start(clusters + 1, 0);
  for (size_t c = 0; c < clusters; ++c) start[c + 1] = start[c] + count[c];
  Matrix packed(m, d);
  {
    std::vector<size_t> next(start.begin(), start.end() - 1);
    for (size_t r : rows) {
      const size_t c = static_cast<size_t>(labels[r]);
      std::copy(x.row(r), x.row(r) + d, packed.row(next[c]++));
    }
  }
  std::vector<double> s(m, 0.0);
  parallel_for(m, 64, [&](size_t b, size_t e) {
    std::vector<double> sum(clusters);
    for (size_t a = b; a < e; ++a) {
      const double* xi = x.row(rows[a]);
      for (size_t c = 0; c < clusters; ++c) {
        double acc = 0;
        for (size_t q = start[c]; q < start[c + 1]; ++q) acc += std::sqrt(squared_distance(xi, packed.row(q), d));
        sum[c] = acc;
      }
      const size_t own = static_cast<size_t>(labels[rows[a]]);
      if (count[own] <= 1) continue;
      const double in = sum[own] / static_cast<double>(count[own] - 1);
      double out = INFINITY;
      for (size_t c = 0; c < clusters; ++c)
        if (c != own && count[c] > 0) out = std::min(out, sum[c] / static_cast<double>(count[c]));
      const double den = std::max(in, out);
      s[a] = den > 0 ? (out - in) / den : 0.0;
    }
  });
  double total = 0;
  for (double v : s) total += v;
  return total / static_cast<double>(m);
}

}  // namespace incrementa::segment
