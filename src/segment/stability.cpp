#include "segment/stability.hpp"

#include <algorithm>

#include "core/parallel.hpp"
#include "core/rng.hpp"
#include "segment/agreement.hpp"
#include "segment/kmeans.hpp"

namespace incrementa::segment {

StabilityResult bootstrap_stability(const Matrix& x, const NmfResult& full, const std::vector<int>& labels, size_t clusters,
                                    const StabilityOptions& o, RunContext& context,
                                    const std::function<void(size_t)>& progress) {
  const size_t n = x.rows, p = x.cols, k = full.h.rows;
  const Rng base(o.seed, 0x73746162ull);  // "stab"
  StabilityResult out;
  NmfOptions nmf_options;
  nmf_options.max_iter = o.nmf_iterations;
  nmf_options.tol = o.tol;
  out.ari.assign(o.replicates, 0.0);
  out.jaccard.assign(o.replicates, {});
  auto refit_one = [&](size_t b) {
    context.check();
    Rng rng = base.split(2 * b);
    Matrix xb(n, p), wb(n, k);
    for (size_t i = 0; i < n; ++i) {
      const size_t src = static_cast<size_t>(rng.uniform_int(n));
      std::copy(x.row(src), x.row(src) + p, xb.row(i));
      std::copy(full.w.row(src), full.w.row(src) + k, wb.row(i));
    }
    NmfResult refit = nmf_refine(xb, std::move(wb), full.h, nmf_options, 0.0);
    normalise_loadings(refit);
    const KMeansResult km = kmeans_fit(refit.w, clusters, o.restarts, base.split(2 * b + 1));
    // Every original row in the refit's factor space, then its nearest refit centre.
    const Matrix scores = nmf_scores(x, refit.h, full.w, 10);
    const std::vector<int> assigned = nearest_centre(scores, km.centres);
    out.ari[b] = adjusted_rand_index(labels, assigned);
    out.jaccard[b] = best_match_jaccard(labels, clusters, assigned);
  };
  // Refits run side by side in batches (each writes its own slot; a refit's
  // numbers depend only on its index); cancellation and progress between batches.
  const size_t batch = std::max<size_t>(1, thread_count());
  for (size_t b0 = 0; b0 < o.replicates; b0 += batch) {
    context.check();
    const size_t b1 = std::min(o.replicates, b0 + batch);
    parallel_for(b1 - b0, 1, [&](size_t lo, size_t hi) {
      for (size_t q = lo; q < hi; ++q) refit_one(b0 + q);
    });
    if (progress) progress(b1);
  }
  return out;
}

}  // namespace incrementa::segment
