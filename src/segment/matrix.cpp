#include "segment/matrix.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace incrementa::segment {

void symmetric_eigen(const Matrix& a_in, std::vector<double>& values, Matrix& vectors) {
  const size_t n = a_in.rows;
  Matrix a = a_in;
  Matrix v(n, n);
  for (size_t i = 0; i < n; ++i) v(i, i) = 1;
  double total = 0;
  for (double x : a.data) total += x * x;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0;
    for (size_t p = 0; p < n; ++p)
      for (size_t q = p + 1; q < n; ++q) off += a(p, q) * a(p, q);
    if (off <= 1e-30 * total || off == 0) break;
    for (size_t p = 0; p < n; ++p) {
      for (size_t q = p + 1; q < n; ++q) {
        const double apq = a(p, q);
        if (apq == 0) continue;
        const double theta = (a(q, q) - a(p, p)) / (2 * apq);
        const double t = (theta >= 0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1));
        const double c = 1 / std::sqrt(t * t + 1), s = t * c;
        for (size_t k = 0; k < n; ++k) {  // columns p, q
          const double akp = a(k, p), akq = a(k, q);
          a(k, p) = c * akp - s * akq;
          a(k, q) = s * akp + c * akq;
        }
        for (size_t k = 0; k < n; ++k) {  // rows p, q
          const double apk = a(p, k), aqk = a(q, k);
          a(p, k) = c * apk - s * aqk;
          a(q, k) = s * apk + c * aqk;
        }
        for (size_t k = 0; k < n; ++k) {
          const double vkp = v(k, p), vkq = v(k, q);
          v(k, p) = c * vkp - s * vkq;
          v(k, q) = s * vkp + c * vkq;
        }
      }
    }
  }
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t i, size_t j) { return a(i, i) > a(j, j); });
  values.assign(n, 0);
  vectors = Matrix(n, n);
  for (size_t c = 0; c < n; ++c) {
    const size_t src = order[c];
    values[c] = a(src, src);
    size_t big = 0;
    for (size_t k = 1; k < n; ++k)
      if (std::fabs(v(k, src)) > std::fabs(v(big, src))) big = k;
    const double sign = v(big, src) < 0 ? -1.0 : 1.0;
    for (size_t k = 0; k < n; ++k) vectors(k, c) = sign * v(k, src);
  }
}

}  // namespace incrementa::segment
