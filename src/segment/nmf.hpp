// Step 3: non-negative matrix factorisation X ~ W H (W: rows x k scores,
// H: k x features loadings). NNDSVDa initialisation (deterministic), HALS
// coordinate descent (W then H each iteration, the updates of scikit-learn's
// 'cd' solver), stopping when the relative decrease of ||X - WH||_F over 10
// iterations is below tol, or after max_iter iterations.
#pragma once
#include <cstddef>
#include <vector>

#include "segment/matrix.hpp"

namespace incrementa::segment {

struct NmfOptions {
  size_t max_iter = 400;
  double tol = 1e-4;
  // Coordinate sweeps per iteration over W (each row's X H^T computed once)
  // and over H (X^T W and W^T W computed once): extra sweeps are cheap
  // (k^2 per row for W, p k^2 in all for H) and cut the iterations needed
  // (Gillis & Glineur 2012, accelerated HALS).
  size_t w_sweeps = 1, h_sweeps = 1;
};

struct NmfResult {
  Matrix w, h;
  double error = 0;               // ||X - WH||_F
  double explained_variance = 0;  // 1 - ||X - WH||^2_F / ||X - column means||^2_F
  size_t iterations = 0;
};

// ||X - column means(X)||^2_F.
double centred_sum_of_squares(const Matrix& x);

// NNDSVDa start (Boutsidis & Gallopoulos 2008; zeros filled with mean(X)).
void nndsvda(const Matrix& x, size_t k, Matrix& w, Matrix& h);

NmfResult nmf_fit(const Matrix& x, size_t k, const NmfOptions& options, double centred_ss);
// HALS from a given start (bootstrap refits start from the full fit).
// `weights` (optional): row i counts weights[i] times, as if repeated (a
// bootstrap resample's distinct rows with their multiplicities).
NmfResult nmf_refine(const Matrix& x, Matrix w, Matrix h, const NmfOptions& options, double centred_ss,
                     const std::vector<double>* weights = nullptr);
// Scales each factor's loadings to sum to 1, W scaled to match (WH unchanged).
void normalise_loadings(NmfResult& r);
// Non-negative scores of every row of x for fixed loadings h, from start w
// (HALS sweeps over W only).
Matrix nmf_scores(const Matrix& x, const Matrix& h, Matrix w, size_t sweeps);

}  // namespace incrementa::segment
