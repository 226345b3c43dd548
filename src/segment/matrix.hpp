// A small dense row-major matrix for the segmentation room, and a symmetric
// eigen-decomposition by cyclic Jacobi rotations. Plain loops in a fixed
// order (no Eigen here): Eigen vectorises natively and not in WASM, which
// would change summation order, and K-Means labels are discrete.
#pragma once
#include <cstddef>
#include <vector>

namespace incrementa::segment {

struct Matrix {
  size_t rows = 0, cols = 0;
  std::vector<double> data;
  Matrix() = default;
  Matrix(size_t r, size_t c, double v = 0) : rows(r), cols(c), data(r * c, v) {}
  double& operator()(size_t i, size_t j) { return data[i * cols + j]; }
  double operator()(size_t i, size_t j) const { return data[i * cols + j]; }
  double* row(size_t i) { return data.data() + i * cols; }
  const double* row(size_t i) const { return data.data() + i * cols; }
};

// Eigenvalues of the symmetric matrix `a` in descending order; eigenvectors
// as the columns of `vectors`, each signed so its largest-magnitude entry is
// positive (first such entry on ties).
void symmetric_eigen(const Matrix& a, std::vector<double>& values, Matrix& vectors);

// Squared Euclidean distance between two length-d arrays: four partial sums
// in a fixed order (((s0 + s1) + (s2 + s3)) + tail), the same on every platform.
inline double squared_distance(const double* a, const double* b, size_t d) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  size_t j = 0;
  for (; j + 4 <= d; j += 4) {
    const double t0 = a[j] - b[j], t1 = a[j + 1] - b[j + 1], t2 = a[j + 2] - b[j + 2], t3 = a[j + 3] - b[j + 3];
    s0 += t0 * t0;
    s1 += t1 * t1;
    s2 += t2 * t2;
    s3 += t3 * t3;
  }
  double s = (s0 + s1) + (s2 + s3);
  for (; j < d; ++j) {
    const double t = a[j] - b[j];
    s += t * t;
  }
  return s;
}

}  // namespace incrementa::segment
