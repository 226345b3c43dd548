#include "segment/kmeans.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/parallel.hpp"

namespace incrementa::segment {

namespace {

// Greedy k-means++; row i counts weight[i] times when weight is given.
Matrix kmeanspp(const Matrix& x, size_t c, Rng& rng, const double* weight) {
  const size_t n = x.rows, d = x.cols;
  Matrix centres(c, d);
  const size_t trials = 2 + static_cast<size_t>(std::log(static_cast<double>(c)));
  auto wt = [&](size_t i) { return weight ? weight[i] : 1.0; };
  // Row i with probability proportional to wt(i) * score[i].
  auto draw = [&](const std::vector<double>* score, double total) {
    const double target = rng.uniform() * total;
    double cum = 0;
    for (size_t i = 0; i < n; ++i) {
      cum += score ? wt(i) * (*score)[i] : wt(i);
      if (cum > target) return i;
    }
    return n - 1;
  };
  double total_weight = 0;
  for (size_t i = 0; i < n; ++i) total_weight += wt(i);
  const size_t first = weight ? draw(nullptr, total_weight) : static_cast<size_t>(rng.uniform_int(n));
  std::copy(x.row(first), x.row(first) + d, centres.row(0));
  std::vector<double> closest(n), candidate(n), best(n);
  double potential = 0;
  for (size_t i = 0; i < n; ++i) potential += wt(i) * (closest[i] = squared_distance(x.row(i), centres.row(0), d));
  for (size_t m = 1; m < c; ++m) {
    double best_potential = INFINITY;
    size_t best_index = 0;
    for (size_t t = 0; t < trials; ++t) {
      const size_t pick = draw(&closest, potential);
      double pot = 0;
      for (size_t i = 0; i < n; ++i) {
        candidate[i] = std::min(closest[i], squared_distance(x.row(i), x.row(pick), d));
        pot += wt(i) * candidate[i];
      }
      if (pot < best_potential) {
        best_potential = pot;
        best_index = pick;
        best.swap(candidate);
      }
    }
    std::copy(x.row(best_index), x.row(best_index) + d, centres.row(m));
    closest.swap(best);
    potential = best_potential;
  }
  return centres;
}

// Assigns rows, returns inertia; dist holds each row's squared distance.
double assign(const Matrix& x, const Matrix& centres, std::vector<int>& labels, std::vector<double>& dist,
              const double* weight) {
  const size_t n = x.rows, d = x.cols, c = centres.rows;
  double inertia = 0;
  for (size_t i = 0; i < n; ++i) {
    double bd = INFINITY;
    int bl = 0;
    for (size_t m = 0; m < c; ++m) {
      const double v = squared_distance(x.row(i), centres.row(m), d);
      if (v < bd) {
        bd = v;
        bl = static_cast<int>(m);
      }
    }
    labels[i] = bl;
    dist[i] = bd;
    inertia += weight ? weight[i] * bd : bd;
  }
  return inertia;
}

KMeansResult lloyd(const Matrix& x, size_t c, Rng rng, size_t max_iter, double tol, const double* weight,
                   const Matrix* start) {
  const size_t n = x.rows, d = x.cols;
  KMeansResult r;
  r.centres = start ? *start : kmeanspp(x, c, rng, weight);
  r.labels.assign(n, -1);
  std::vector<int> labels(n);
  std::vector<double> dist(n);
  Matrix sums(c, d);
  std::vector<double> counts(c);
  for (size_t it = 0; it < max_iter; ++it) {
    assign(x, r.centres, labels, dist, weight);
    r.iterations = it + 1;
    const bool same = labels == r.labels;
    r.labels = labels;
    if (same) break;
    std::fill(sums.data.begin(), sums.data.end(), 0.0);
    std::fill(counts.begin(), counts.end(), 0.0);
    for (size_t i = 0; i < n; ++i) {
      const size_t l = static_cast<size_t>(labels[i]);
      const double wi = weight ? weight[i] : 1.0;
      counts[l] += wi;
      for (size_t j = 0; j < d; ++j) sums(l, j) += wi * x(i, j);
    }
    // An empty cluster takes the row farthest from its centre (each row once).
    std::vector<char> taken(n, 0);
    double shift = 0;
    for (size_t m = 0; m < c; ++m) {
      std::vector<double> next(d);
      if (counts[m] == 0) {
        size_t far = 0;
        double fd = -1;
        for (size_t i = 0; i < n; ++i)
          if (!taken[i] && dist[i] > fd) fd = dist[i], far = i;
        taken[far] = 1;
        std::copy(x.row(far), x.row(far) + d, next.begin());
      } else {
        for (size_t j = 0; j < d; ++j) next[j] = sums(m, j) / counts[m];
      }
      shift += squared_distance(next.data(), r.centres.row(m), d);
      std::copy(next.begin(), next.end(), r.centres.row(m));
    }
    if (shift <= tol) {
      r.iterations = it + 1;
      break;
    }
  }
  r.inertia = assign(x, r.centres, r.labels, dist, weight);
  return r;
}

}  // namespace

std::vector<int> nearest_centre(const Matrix& x, const Matrix& centres) {
  std::vector<int> labels(x.rows);
  parallel_for(x.rows, 4096, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) {
      double bd = INFINITY;
      int bl = 0;
      for (size_t m = 0; m < centres.rows; ++m) {
        const double v = squared_distance(x.row(i), centres.row(m), x.cols);
        if (v < bd) bd = v, bl = static_cast<int>(m);
      }
      labels[i] = bl;
    }
  });
  return labels;
}

double inertia_of(const Matrix& x, const Matrix& centres, const std::vector<int>& labels) {
  double s = 0;
  for (size_t i = 0; i < x.rows; ++i) s += squared_distance(x.row(i), centres.row(static_cast<size_t>(labels[i])), x.cols);
  return s;
}

void renumber_by_size(KMeansResult& r) {
  const size_t c = r.centres.rows;
  std::vector<unsigned long long> size(c, 0), index_sum(c, 0);
  for (size_t i = 0; i < r.labels.size(); ++i) {
    ++size[static_cast<size_t>(r.labels[i])];
    index_sum[static_cast<size_t>(r.labels[i])] += i;
  }
  std::vector<size_t> order(c);
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (size[a] != size[b]) return size[a] > size[b];
    // mean index a < mean index b, exactly; empty clusters last by old label
    const unsigned __int128 lhs = static_cast<unsigned __int128>(index_sum[a]) * (size[b] ? size[b] : 1);
    const unsigned __int128 rhs = static_cast<unsigned __int128>(index_sum[b]) * (size[a] ? size[a] : 1);
    if (lhs != rhs) return lhs < rhs;
    return a < b;
  });
  std::vector<int> new_label(c);
  Matrix centres(c, r.centres.cols);
  for (size_t m = 0; m < c; ++m) {
    new_label[order[m]] = static_cast<int>(m);
    std::copy(r.centres.row(order[m]), r.centres.row(order[m]) + r.centres.cols, centres.row(m));
  }
  for (auto& l : r.labels) l = new_label[static_cast<size_t>(l)];
  r.centres = std::move(centres);
}

KMeansResult kmeans_fit(const Matrix& x, size_t clusters, size_t restarts, const Rng& rng, size_t max_iter,
                        const std::vector<double>* weights, const Matrix* start) {
  const double* weight = weights ? weights->data() : nullptr;
  const size_t n = x.rows, d = x.cols;
  // scikit-learn's tolerance: 1e-4 x the mean of the columns' variances.
  double tol = 0;
  for (size_t j = 0; j < d; ++j) {
    double m = 0, s = 0;
    for (size_t i = 0; i < n; ++i) m += x(i, j);
    m /= static_cast<double>(n);
    for (size_t i = 0; i < n; ++i) s += (x(i, j) - m) * (x(i, j) - m);
    tol += s / static_cast<double>(n);
  }
  tol = d > 0 ? 1e-4 * tol / static_cast<double>(d) : 0;
  restarts = std::max<size_t>(restarts, 1);
  std::vector<KMeansResult> runs(restarts);
  parallel_for(restarts, 1, [&](size_t b, size_t e) {
    for (size_t r = b; r < e; ++r) runs[r] = lloyd(x, clusters, rng.split(r), max_iter, tol, weight, r == 0 ? start : nullptr);
  });
  size_t best = 0;
  for (size_t r = 1; r < restarts; ++r)
    if (runs[r].inertia < runs[best].inertia) best = r;
  KMeansResult out = std::move(runs[best]);
  renumber_by_size(out);
  return out;
}

}  // namespace incrementa::segment
