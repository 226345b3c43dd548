#include "shapley/shapley.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"

namespace incrementa {

namespace {

void check_players(const Game& g) {
  if (g.players() == 0) throw InputError("the game has no players");
  if (g.players() > 62) throw InputError("at most 62 players are supported, the game has " + std::to_string(g.players()));
}

// The naive numbers: switch each player off alone, or on alone.
void add_naive(const Game& g, ShapleyResult& r) {
  const size_t n = g.players();
  const Coalition all = grand_coalition(n);
  r.leave_one_out.resize(n);
  r.alone.resize(n);
  for (size_t i = 0; i < n; ++i) {
    r.leave_one_out[i] = r.grand - g.value(all & ~(Coalition{1} << i));
    r.alone[i] = g.value(Coalition{1} << i) - r.empty;
  }
  r.evaluations += 2 * n;
}

// Running mean and sum of squared deviations, merged in a fixed order (Chan et al.).
struct Moments {
  double count = 0;
  std::vector<double> mean, m2;
  void merge(const Moments& o) {
    if (o.count == 0) return;
    if (count == 0) {
      *this = o;
      return;
    }
    const double total = count + o.count;
    for (size_t i = 0; i < mean.size(); ++i) {
      const double d = o.mean[i] - mean[i];
      mean[i] += d * o.count / total;
      m2[i] += o.m2[i] + d * d * count * o.count / total;
    }
    count = total;
  }
};

}  // namespace

std::vector<ShapleyResult::Interaction> interaction_indices(const std::vector<double>& v, size_t n) {
  if (n < 2) return {};
  if (n > kMaxExactPlayers || v.size() != (size_t{1} << n))
    throw InputError("interaction indices need all 2^n coalition values, n <= " + std::to_string(kMaxExactPlayers));
  // weight(|S|) = |S|! (n - |S| - 2)! / (n - 1)! = 1 / ((n - 1) C(n - 2, |S|)).
  std::vector<double> weight(n - 1);
  double binom = 1;
  for (size_t s = 0; s + 1 < n; ++s) {
    weight[s] = 1.0 / (static_cast<double>(n - 1) * binom);
    binom = binom * static_cast<double>(n - 2 - s) / static_cast<double>(s + 1);
  }
  std::vector<ShapleyResult::Interaction> out;
  for (size_t a = 0; a < n; ++a)
    for (size_t b = a + 1; b < n; ++b) out.push_back({a, b, 0.0});
  const size_t m = v.size();
  parallel_for(out.size(), 1, [&](size_t p0, size_t p1) {
    for (size_t p = p0; p < p1; ++p) {
      const size_t ba = size_t{1} << out[p].a, bb = size_t{1} << out[p].b;
      double sum = 0;
      for (size_t s = 0; s < m; ++s)
        if (!(s & (ba | bb)))
          sum += weight[static_cast<size_t>(__builtin_popcountll(s))] * (v[s | ba | bb] - v[s | ba] - v[s | bb] + v[s]);
      out[p].value = sum;
    }
  });
  return out;
}

ShapleyResult exact_shapley(const Game& g, RunContext& ctx, bool interactions) {
  check_players(g);
  const size_t n = g.players();
  if (n > kMaxExactPlayers)
    throw InputError("exact Shapley values need all 2^n coalitions; " + std::to_string(n) + " players is more than " +
                     std::to_string(kMaxExactPlayers) + ": use the permutation method");
  const size_t m = size_t{1} << n;
  std::vector<double> v(m);
  parallel_for(m, 1024, [&](size_t b, size_t e) {
    if (ctx.cancelled()) throw CancelledError();
    g.values(static_cast<Coalition>(b), e - b, &v[b]);
  });
  ctx.check();
  // weight(|S|) = |S|! (n - |S| - 1)! / n! = 1 / (n * C(n-1, |S|)).
  std::vector<double> weight(n);
  double binom = 1;
  for (size_t s = 0; s < n; ++s) {
    weight[s] = 1.0 / (static_cast<double>(n) * binom);
    binom = binom * static_cast<double>(n - 1 - s) / static_cast<double>(s + 1);
  }
  ShapleyResult r;
  r.method = "exact";
  r.values.assign(n, 0.0);
  r.se.assign(n, 0.0);
  parallel_for(n, 1, [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1; ++i) {
      const size_t bit = size_t{1} << i;
      double phi = 0;
      for (size_t s = 0; s < m; ++s)
        if (!(s & bit)) phi += weight[static_cast<size_t>(__builtin_popcountll(s))] * (v[s | bit] - v[s]);
      r.values[i] = phi;
    }
  });
  r.grand = v[m - 1];
  r.empty = v[0];
  r.evaluations = m;
  r.efficiency_gap = (r.grand - r.empty) - std::accumulate(r.values.begin(), r.values.end(), 0.0);
  if (interactions) r.interactions = interaction_indices(v, n);
  // The naive numbers from the table already computed.
  r.leave_one_out.resize(n);
  r.alone.resize(n);
  for (size_t i = 0; i < n; ++i) {
    r.leave_one_out[i] = r.grand - v[(m - 1) & ~(size_t{1} << i)];
    r.alone[i] = v[size_t{1} << i] - r.empty;
  }
  return r;
}

ShapleyResult sampled_shapley(const Game& g, const SamplingOptions& o, RunContext& ctx) {
  check_players(g);
  if (o.max_permutations < 4) throw InputError("permutation sampling needs at least 4 permutations");
  if (o.target_se < 0) throw InputError("the target standard error must be 0 or more");
  const size_t n = g.players();
  const Coalition all = grand_coalition(n);
  ShapleyResult r;
  r.method = "permutation";
  r.empty = g.value(0);
  r.grand = g.value(all);
  r.evaluations = 2;

  // A batch is 16 antithetic pairs (a permutation and its reverse) drawn from
  // its own stream; a round is 16 batches. Rounds are folded in batch order,
  // so the estimate depends only on the seed, never on the thread count.
  constexpr size_t kPairsPerBatch = 16, kBatchesPerRound = 16;
  const size_t max_pairs = std::max<size_t>(2, o.max_permutations / 2);
  const Rng base(o.seed);
  Moments total;
  total.mean.assign(n, 0.0);
  total.m2.assign(n, 0.0);
  size_t batch_index = 0;
  auto walk = [&](const std::vector<size_t>& order, std::vector<double>& marginal) {
    Coalition s = 0;
    double before = r.empty;
    for (size_t k = 0; k < order.size(); ++k) {
      s |= Coalition{1} << order[k];
      const double after = k + 1 == order.size() ? r.grand : g.value(s);
      marginal[order[k]] = after - before;
      before = after;
    }
  };
  while (static_cast<size_t>(total.count) < max_pairs) {
    ctx.check();
    const size_t remaining = max_pairs - static_cast<size_t>(total.count);
    const size_t batches = std::min(kBatchesPerRound, (remaining + kPairsPerBatch - 1) / kPairsPerBatch);
    std::vector<Moments> parts(batches);
    parallel_for(batches, 1, [&](size_t b0, size_t b1) {
      std::vector<size_t> order(n);
      std::vector<double> forward(n), backward(n);
      for (size_t b = b0; b < b1; ++b) {
        Rng rng = base.split(batch_index + b);
        Moments& part = parts[b];
        part.mean.assign(n, 0.0);
        part.m2.assign(n, 0.0);
        const size_t pairs = std::min(kPairsPerBatch, remaining - b * kPairsPerBatch);
        for (size_t p = 0; p < pairs; ++p) {
          std::iota(order.begin(), order.end(), size_t{0});
          rng.shuffle(order);
          walk(order, forward);
          std::reverse(order.begin(), order.end());
          walk(order, backward);
          part.count += 1;
          for (size_t i = 0; i < n; ++i) {
            const double x = 0.5 * (forward[i] + backward[i]);
            const double d = x - part.mean[i];
            part.mean[i] += d / part.count;
            part.m2[i] += d * (x - part.mean[i]);
          }
        }
      }
    });
    for (const auto& part : parts) total.merge(part);
    batch_index += batches;
    r.evaluations += 2 * static_cast<size_t>(std::accumulate(parts.begin(), parts.end(), 0.0,
                                                             [](double a, const Moments& m) { return a + m.count; })) *
                     (n - 1);
    ctx.progress(total.count / static_cast<double>(max_pairs), "sampling permutations");
    if (o.target_se > 0 && total.count >= 32) {
      double worst = 0;
      for (size_t i = 0; i < n; ++i) worst = std::max(worst, std::sqrt(total.m2[i] / (total.count - 1) / total.count));
      if (worst <= o.target_se) break;
    }
  }
  r.permutations = 2 * static_cast<size_t>(total.count);
  r.values = total.mean;
  r.se.resize(n);
  for (size_t i = 0; i < n; ++i) r.se[i] = std::sqrt(total.m2[i] / (total.count - 1) / total.count);
  // Every permutation's marginals sum to v(N) - v(empty), so the mean does too
  // up to rounding; the rounding is spread equally and reported.
  r.efficiency_gap = (r.grand - r.empty) - std::accumulate(r.values.begin(), r.values.end(), 0.0);
  for (double& v : r.values) v += r.efficiency_gap / static_cast<double>(n);
  add_naive(g, r);
  return r;
}

}  // namespace incrementa
