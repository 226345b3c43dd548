#include "uplift/rate.hpp"

#include <limits>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"

namespace incrementa {

namespace {

struct Stats {
  double autoc = 0, qini = 0;
  std::vector<double> toc;  // at the grid points
};

// The statistics over the rows at sorted positions whose keep flag is set (all rows when keep is empty).
// sorted_score: scores in priority order; group_end[p]: one past the last position of p's tie group.
Stats compute(const std::vector<double>& sorted_score, const std::vector<size_t>& group_end,
              const std::vector<char>& keep, size_t grid) {
  const size_t n = sorted_score.size();
  const bool all = keep.empty();
  double total = 0;
  size_t m = 0;
  for (size_t p = 0; p < n; ++p)
    if (all || keep[p]) total += sorted_score[p], ++m;
  Stats s;
  s.toc.assign(grid, 0.0);
  if (m == 0) return s;
  const double md = static_cast<double>(m), ate = total / md;
  // Grid targets: k_j = ceil(j m / grid), j = 1..grid (integer arithmetic: exact).
  size_t j = 0;
  auto target = [&](size_t jj) { return ((jj + 1) * m + grid - 1) / grid; };
  double cum = 0, sum_toc = 0, sum_qtoc = 0;
  size_t k = 0;
  for (size_t p = 0; p < n;) {
    const size_t end = group_end[p];
    double gs = 0;
    size_t gc = 0;
    for (size_t t = p; t < end; ++t)
      if (all || keep[t]) gs += sorted_score[t], ++gc;
    const double gm = gc > 0 ? gs / static_cast<double>(gc) : 0.0;
    for (size_t c = 0; c < gc; ++c) {
      cum += gm;
      ++k;
      const double kd = static_cast<double>(k);
      const double toc = cum / kd - ate;
      sum_toc += toc;
      sum_qtoc += kd / md * toc;
      while (j < grid && target(j) == k) s.toc[j++] = toc;
    }
    p = end;
  }
  s.autoc = sum_toc / md;
  s.qini = sum_qtoc / md;
  return s;
}

double sd(const std::vector<double>& v) {
  if (v.size() < 2) return 0;
  double mean = 0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

}  // namespace

RateResult rank_average_treatment_effect(const std::vector<double>& priority, const std::vector<double>& score,
                                         size_t replicates, uint64_t seed, size_t grid) {
  const size_t n = priority.size();
  if (score.size() != n) throw InputError("RATE: priorities and scores must have the same length");
  if (n < 2) throw InputError("RATE needs at least 2 rows");
  if (grid == 0) grid = 1;
  std::vector<size_t> idx(n);
  std::iota(idx.begin(), idx.end(), size_t{0});
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return priority[a] > priority[b]; });
  std::vector<double> sorted(n);
  std::vector<size_t> group_end(n);
  for (size_t p = 0; p < n; ++p) sorted[p] = score[idx[p]];
  for (size_t p = n; p-- > 0;)
    group_end[p] = (p + 1 < n && priority[idx[p + 1]] == priority[idx[p]]) ? group_end[p + 1] : p + 1;

  const Stats full = compute(sorted, group_end, {}, grid);
  RateResult r;
  r.autoc.estimate = full.autoc;
  r.qini.estimate = full.qini;
  r.q.resize(grid);
  for (size_t j = 0; j < grid; ++j) r.q[j] = static_cast<double>(j + 1) / static_cast<double>(grid);
  r.toc = full.toc;
  r.replicates = replicates;
  r.toc_se.assign(grid, 0.0);
  if (replicates < 2) {  // no bootstrap, so no standard errors (null in the JSON, never a 0 that looks exact)
    r.autoc.se = r.qini.se = std::numeric_limits<double>::quiet_NaN();
    r.toc_se.assign(grid, std::numeric_limits<double>::quiet_NaN());
    return r;
  }

  // Half-sample bootstrap: replicate b keeps floor(n/2) positions by selection sampling (Knuth's algorithm S)
  // from its own stream.
  const size_t half = n / 2;
  const Rng base(seed, 0x7a7e);
  std::vector<Stats> reps(replicates);
  parallel_for(replicates, 1, [&](size_t b0, size_t b1) {
    std::vector<char> keep(n);
    for (size_t b = b0; b < b1; ++b) {
      Rng rng = base.split(b);
      size_t need = half;
      for (size_t p = 0; p < n; ++p) {
        const size_t left = n - p;
        const bool take = need > 0 && static_cast<double>(left) * rng.uniform() < static_cast<double>(need);
        keep[p] = take ? 1 : 0;
        need -= take ? 1 : 0;
      }
      reps[b] = compute(sorted, group_end, keep, grid);
    }
  });
  std::vector<double> v(replicates);
  for (size_t b = 0; b < replicates; ++b) v[b] = reps[b].autoc;
  r.autoc.se = sd(v);
  for (size_t b = 0; b < replicates; ++b) v[b] = reps[b].qini;
  r.qini.se = sd(v);
  for (size_t j = 0; j < grid; ++j) {
    for (size_t b = 0; b < replicates; ++b) v[b] = reps[b].toc[j];
    r.toc_se[j] = sd(v);
  }
  return r;
}

}  // namespace incrementa
