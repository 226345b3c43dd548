#include "segment/segment_map.hpp"

#include "segment/silhouette.hpp"

namespace incrementa::segment {

SegmentMap segment_map(const Matrix& w, const std::vector<int>& labels, uint64_t seed) {
  const size_t n = w.rows, k = w.cols;
  std::vector<double> mean(k, 0.0);
  for (size_t i = 0; i < n; ++i)
    for (size_t t = 0; t < k; ++t) mean[t] += w(i, t);
  for (auto& m : mean) m /= static_cast<double>(n);
  Matrix cov(k, k);
  for (size_t i = 0; i < n; ++i)
    for (size_t a = 0; a < k; ++a)
      for (size_t b = a; b < k; ++b) cov(a, b) += (w(i, a) - mean[a]) * (w(i, b) - mean[b]);
  for (size_t a = 0; a < k; ++a)
    for (size_t b = 0; b < a; ++b) cov(a, b) = cov(b, a);
  std::vector<double> values;
  Matrix vectors;
  symmetric_eigen(cov, values, vectors);
  SegmentMap m;
  const std::vector<size_t> rows = sample_rows(n, kMapRows, seed, 0x6d6170ull);  // "map"
  m.sampled = rows.size() < n;
  for (size_t i : rows) {
    double x = 0, y = 0;
    for (size_t t = 0; t < k; ++t) {
      x += (w(i, t) - mean[t]) * vectors(t, 0);
      if (k > 1) y += (w(i, t) - mean[t]) * vectors(t, 1);
    }
    m.x.push_back(x);
    m.y.push_back(y);
    m.segment.push_back(labels[i]);
    m.row.push_back(i + 1);
  }
  return m;
}

}  // namespace incrementa::segment
