#include "sim/segment_world.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"

namespace incrementa {

double segment_world_effect(size_t segment, size_t clusters) {
  // From 1.2 down to -0.4 across the segments (the last one: sleeping dogs).
  if (clusters <= 1) return 1.0;
  const double u = static_cast<double>(segment - 1) / static_cast<double>(clusters - 1);
  return 1.2 - 1.6 * u;
}

Table simulate_segments(const SegmentWorld& w) {
  if (w.rows < 3 || w.rows > 20'000'000) throw InputError("simulate segments: rows must be between 3 and 20,000,000");
  if (w.factors < 1 || w.factors > 16) throw InputError("simulate segments: factors must be between 1 and 16");
  if (w.features < w.factors || w.features > 1000)
    throw InputError("simulate segments: features must be between factors (" + std::to_string(w.factors) + ") and 1000");
  if (w.clusters < 1 || w.clusters > (size_t{1} << w.factors) - 1 || w.clusters > 1000)
    throw InputError("simulate segments: clusters must be between 1 and 2^factors - 1 (" +
                     std::to_string((size_t{1} << w.factors) - 1) + ")");
  if (!(w.separation > 0) || !std::isfinite(w.separation))
    throw InputError("simulate segments: separation must be a positive number");
  const size_t n = w.rows, p = w.features, k = w.factors, c = w.clusters;

  // Known loadings: factor t is feature j's main ingredient when j % k == t.
  const Rng base(w.seed, 0x7365676dull);  // "segm"
  Rng hr = base.split(0);
  std::vector<double> h(k * p);
  for (size_t t = 0; t < k; ++t)
    for (size_t j = 0; j < p; ++j) h[t * p + j] = j % k == t ? hr.uniform(0.8, 1.2) : hr.uniform(0.0, 0.1);
  // Segment profiles: distinct subsets of factors, by size then lexicographic order of bitmasks.
  std::vector<unsigned> masks;
  for (size_t size = 1; size <= k && masks.size() < c; ++size)
    for (unsigned m = 1; m < (1u << k) && masks.size() < c; ++m)
      if (static_cast<size_t>(__builtin_popcount(m)) == size) masks.push_back(m);
  // Segment shares fall off: weight (c - s + 1).
  std::vector<double> cum(c);
  double total = 0;
  for (size_t s = 0; s < c; ++s) cum[s] = total += static_cast<double>(c - s + 1);
  for (auto& v : cum) v /= total;

  std::vector<double> id(n), seg(n), tcate(n), treat(n), outcome(n), cate(n);
  std::vector<std::vector<double>> x(p, std::vector<double>(n));
  const double sd = 0.25 / w.separation;
  constexpr size_t kChunk = 4096;
  parallel_for(n, kChunk, [&](size_t b, size_t e) {
    Rng rng = base.split(1 + b / kChunk);
    std::vector<double> scores(k);
    for (size_t i = b; i < e; ++i) {
      id[i] = static_cast<double>(i + 1);
      const double u = rng.uniform();
      size_t s = 0;
      while (s + 1 < c && u >= cum[s]) ++s;
      seg[i] = static_cast<double>(s + 1);
      double score_sum = 0;
      for (size_t t = 0; t < k; ++t) {
        const double mu = 0.3 + ((masks[s] >> t) & 1u ? 1.5 : 0.0);
        scores[t] = std::max(0.0, mu + sd * rng.normal());
        score_sum += scores[t];
      }
      for (size_t j = 0; j < p; ++j) {
        double v = 0;
        for (size_t t = 0; t < k; ++t) v += scores[t] * h[t * p + j];
        x[j][i] = std::max(0.0, 10.0 * (v + 0.05 * rng.normal()));
      }
      tcate[i] = segment_world_effect(s + 1, c) + 0.2 * rng.normal();
      treat[i] = rng.bernoulli(0.5) ? 1.0 : 0.0;
      outcome[i] = 2.0 + 0.5 * score_sum + treat[i] * tcate[i] + rng.normal();
      cate[i] = tcate[i] + 0.3 * rng.normal();
    }
  });

  Table t("simulated segments world (seed " + std::to_string(w.seed) + ")");
  auto add = [&](const std::string& name, std::vector<double> v, ColumnType type) {
    Column col;
    col.name = name;
    col.type = type;
    col.values = std::move(v);
    t.add_column(std::move(col));
  };
  add("customer_id", std::move(id), ColumnType::Integer);
  for (size_t j = 0; j < p; ++j) add("f" + std::to_string(j + 1), std::move(x[j]), ColumnType::Numeric);
  add("true_segment", std::move(seg), ColumnType::Integer);
  add("true_cate", std::move(tcate), ColumnType::Numeric);
  add("treatment", std::move(treat), ColumnType::Integer);
  add("outcome", std::move(outcome), ColumnType::Numeric);
  add("cate", std::move(cate), ColumnType::Numeric);
  return t;
}

}  // namespace incrementa
