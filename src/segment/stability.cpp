#include "segment/stability.hpp"

#include <algorithm>

#include "core/parallel.hpp"
#include "core/rng.hpp"
#include "segment/agreement.hpp"
#include "segment/kmeans.hpp"

namespace incrementa::segment {

StabilityResult bootstrap_stability(const Matrix& x, const NmfResult& full, const std::vector<int>& labels, size_t clusters,
                                    const StabilityOptions& o, RunContext& context,
                                    const std::function<void(size_t)>& progress, const Matrix* centres) {
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
    // The resample (min(n, draws) rows drawn with replacement) as distinct rows
    // with multiplicities (NMF and K-Means weigh each row by its count: the
    // same fit as on the repeated rows, at less cost) ...
    const size_t m = std::min(n, std::max<size_t>(o.draws, 1));
    std::vector<uint32_t> count(n, 0);
    for (size_t i = 0; i < m; ++i) ++count[static_cast<size_t>(rng.uniform_int(n))];
    size_t distinct = 0;
    for (uint32_t c : count) distinct += c > 0;
    Matrix xd(distinct, p), wd(distinct, k);
    std::vector<double> weight(distinct);
    for (size_t i = 0, q = 0; i < n; ++i) {
      if (count[i] == 0) continue;
      std::copy(x.row(i), x.row(i) + p, xd.row(q));
      std::copy(full.w.row(i), full.w.row(i) + k, wd.row(q));
      weight[q++] = count[i];
    }
    NmfResult refit = nmf_refine(xd, std::move(wd), full.h, nmf_options, 0.0, &weight);
    normalise_loadings(refit);
    // ... and K-Means on the resample's scores with the same weights, the first
    // restart from the full fit's centres.
    const KMeansResult km = kmeans_fit(refit.w, clusters, o.restarts, base.split(2 * b + 1), 300, &weight, centres);
    // Every original row in the refit's factor space, then its nearest refit centre.
    const Matrix scores = nmf_scores(x, refit.h, full.w, 3);
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
