// Conditional independence for Gaussian data: Fisher's z on the partial
// correlation, which PC needs thousands of times, so everything comes from one
// correlation matrix (the data are read once; a test inverts a small block).
#pragma once
#include <Eigen/Dense>
#include <cstddef>
#include <string>
#include <vector>

namespace incrementa::causal_graph {

// Pearson correlations of the columns of x (rows = observations). A column
// without variance is a NumericError naming it (`names`).
Eigen::MatrixXd correlation_matrix(const Eigen::MatrixXd& x, const std::vector<std::string>& names);

// Partial correlation of i and j given s, from -P_ij / sqrt(P_ii P_jj) with P
// the inverse of the correlation block over {i, j} ∪ s (a pseudo-inverse when
// the block is singular, so collinear columns do not abort the search).
double partial_correlation(const Eigen::MatrixXd& corr, size_t i, size_t j, const std::vector<size_t>& s);

struct CiResult {
  double partial_r = 0;
  double z = 0;        // sqrt(n - |s| - 3) * atanh(r)
  double p_value = 1;  // two-sided, normal reference
};

// H0: i ⫫ j | s. n = rows behind corr; with n - |s| - 3 <= 0 the test cannot
// reject (p = 1): too few rows to say anything.
CiResult fisher_z_test(const Eigen::MatrixXd& corr, size_t n, size_t i, size_t j, const std::vector<size_t>& s);

}  // namespace incrementa::causal_graph
