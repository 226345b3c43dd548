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

// Squared Euclidean distance between two length-d arrays.
inline double squared_distance(const double* a, const double* b, size_t d) {
  double s = 0;
  for (size_t j = 0; j < d; ++j) {
    const double t = a[j] - b[j];
    s += t * t;
  }
  return s;
}

}  // namespace incrementa::segment
