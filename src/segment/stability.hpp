// Step 5: bootstrap stability. Each refit draws min(rows, draws) rows with
// replacement (the ordinary bootstrap up to `draws` rows; above, the m-out-of-n
// bootstrap with m = draws), refits NMF from the full fit's loadings and scores
// (fewer iterations) and K-Means (fewer restarts; `centres`, when given, start
// the first restart; the segment command passes none), then assigns every original row to the refit's nearest centre (its
// scores under the refit's loadings). Per refit: the ARI with the full fit's
// labels over all rows, and per full-fit segment the Jaccard index with its
// best-matching refit segment.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "core/run_context.hpp"
#include "segment/nmf.hpp"

namespace incrementa::segment {

struct StabilityOptions {
  size_t replicates = 20;
  size_t nmf_iterations = 100;  // the refit's max_iter (warm start)
  size_t restarts = 3;          // the refit's K-Means restarts
  double tol = 1e-4;
  uint64_t seed = 1;
  size_t draws = 10000;  // rows drawn per refit: min(rows, draws)
};

struct StabilityResult {
  std::vector<double> ari;                   // one per refit
  std::vector<std::vector<double>> jaccard;  // [refit][segment]
};

// `full` is the (normalised) full fit; `labels` its 0-based segment labels;
// `centres` (optional) the full fit's K-Means centres, the refits' warm start.
// Calls context.check() between refits and progress(b) after each.
StabilityResult bootstrap_stability(const Matrix& x, const NmfResult& full, const std::vector<int>& labels, size_t clusters,
                                    const StabilityOptions& options, RunContext& context,
                                    const std::function<void(size_t done)>& progress, const Matrix* centres = nullptr);

}  // namespace incrementa::segment
