// Step 4: K-Means on the rows of the factor scores. Greedy k-means++ seeding
// (2 + floor(ln k) candidates per centre, as scikit-learn) with the project's
// own RNG, `restarts` Lloyd runs of at most 300 iterations (run in parallel,
// one RNG stream per restart), the lowest inertia kept (ties: first restart).
// Labels are renumbered 0 .. C-1 by size, largest first (ties: smaller mean
// row index first), so they are stable across platforms.
#pragma once
#include <cstdint>
#include <vector>

#include "core/rng.hpp"
#include "segment/matrix.hpp"

namespace incrementa::segment {

struct KMeansResult {
  Matrix centres;           // C x d, in label order
  std::vector<int> labels;  // 0-based, renumbered by size
  double inertia = 0;       // sum of squared distances to the assigned centre
  size_t iterations = 0;    // Lloyd iterations of the kept restart
};

// `weights` (optional): row i counts weights[i] times (seeding, centres,
// inertia), as if repeated: a bootstrap resample's distinct rows.
// `start` (optional, clusters x d): restart 0 runs Lloyd from these centres
// instead of k-means++ (a warm start: a bootstrap refit from the full fit's
// centres); the other restarts seed with k-means++ as usual.
KMeansResult kmeans_fit(const Matrix& x, size_t clusters, size_t restarts, const Rng& rng, size_t max_iter = 300,
                        const std::vector<double>* weights = nullptr, const Matrix* start = nullptr);
// Sum over rows of the squared distance to the row's centre (rows in order).
double inertia_of(const Matrix& x, const Matrix& centres, const std::vector<int>& labels);
// Index of the nearest centre of each row (ties: lower index).
std::vector<int> nearest_centre(const Matrix& x, const Matrix& centres);
// Renumbers labels (and reorders centres) by cluster size, largest first.
void renumber_by_size(KMeansResult& r);

}  // namespace incrementa::segment
