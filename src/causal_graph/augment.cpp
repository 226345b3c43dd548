#include "causal_graph/augment.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/rng.hpp"

namespace incrementa::causal_graph {

namespace {

struct Candidate {
  uint32_t partial, donor;
  double weight;
  uint64_t key;  // seeded tie-break
};

// Heavier first; equal weights by the seeded key, then by position (a total order, so the kept set is unique).
bool heavier(const Candidate& a, const Candidate& b) {
  if (a.weight != b.weight) return a.weight > b.weight;
  if (a.key != b.key) return a.key < b.key;
  if (a.partial != b.partial) return a.partial < b.partial;
  return a.donor < b.donor;
}

bool by_position(const Candidate& a, const Candidate& b) {
  return a.partial != b.partial ? a.partial < b.partial : a.donor < b.donor;
}

uint64_t tie_key(uint64_t seed, uint64_t step, uint64_t partial, uint64_t donor) {
  uint64_t s = seed ^ (step * 0x9E3779B97F4A7C15ull) ^ (partial << 32) ^ donor;
  splitmix64(s);
  return splitmix64(s);
}

// Keeps the `cap` heaviest (nth_element on a total order: the kept set is the same with any standard
// library; its order is fixed afterwards by a sort on position).
void trim(std::vector<Candidate>& c, size_t cap, size_t& capped) {
  if (c.size() <= cap) return;
  std::nth_element(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(cap - 1), c.end(), heavier);
  capped += c.size() - cap;
  c.resize(cap);
}

// Standardised columns (mean 0, sd 1; a constant column stays 0).
Eigen::MatrixXd standardise(const Eigen::MatrixXd& x) {
  Eigen::MatrixXd z = x;
  const double n = static_cast<double>(x.rows());
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    double mean = 0, ss = 0;
    for (Eigen::Index i = 0; i < x.rows(); ++i) mean += x(i, j);
    mean /= n;
    for (Eigen::Index i = 0; i < x.rows(); ++i) ss += (x(i, j) - mean) * (x(i, j) - mean);
    const double sd = n > 1 ? std::sqrt(ss / (n - 1)) : 0;
    for (Eigen::Index i = 0; i < x.rows(); ++i) z(i, j) = sd > 0 ? (x(i, j) - mean) / sd : 0;
  }
  return z;
}

// Donor probabilities for one partial row: Gaussian product kernel on the parents, normalised
// (in logs, shifted by the largest, so far-away parents do not underflow every weight to 0).
void donor_weights(const Eigen::MatrixXd& z, const std::vector<size_t>& parents, const std::vector<double>& inv2h2,
                   const uint32_t* source, std::vector<double>& w) {
  const size_t n = static_cast<size_t>(z.rows());
  double top = -INFINITY;
  for (size_t j = 0; j < n; ++j) {
    double s = 0;
    for (size_t k = 0; k < parents.size(); ++k) {
      const Eigen::Index p = static_cast<Eigen::Index>(parents[k]);
      const double d = z(source[parents[k]], p) - z(static_cast<Eigen::Index>(j), p);
      s -= d * d * inv2h2[k];
    }
    w[j] = s;
    top = std::max(top, s);
  }
  double total = 0;
  for (size_t j = 0; j < n; ++j) total += (w[j] = std::exp(w[j] - top));
  for (size_t j = 0; j < n; ++j) w[j] /= total;
}

}  // namespace

double reference_bandwidth(size_t rows, size_t parents) {
  return 1.06 * std::pow(static_cast<double>(std::max<size_t>(rows, 2)), -1.0 / (4.0 + static_cast<double>(parents)));
}

Augmented admg_augment(const Eigen::MatrixXd& data, const Graph& dag, const AugmentOptions& o,
                       const RunContext& context) {
  const size_t n = static_cast<size_t>(data.rows()), d = dag.size();
  if (static_cast<size_t>(data.cols()) != d) throw InputError("augment: the data and the graph have different variables");
  if (n < 2) throw InputError("augment: at least 2 rows are needed");
  if (!(o.theta >= 0)) throw ConfigError("augment: theta must be >= 0");
  if (o.max_points < 1) throw ConfigError("augment: max_points must be at least 1");
  if (!(o.bandwidth >= 0)) throw ConfigError("augment: bandwidth must be >= 0");
  const auto order = topological_order(dag, "the graph's edges");
  const Eigen::MatrixXd z = standardise(data);

  // Partial rows: the source row of each variable filled so far (flat, d per partial).
  std::vector<uint32_t> source(d, 0);
  std::vector<double> weight{static_cast<double>(n)};
  Augmented out;
  std::vector<double> w(n);
  for (size_t step = 0; step < order.size(); ++step) {
    const size_t v = order[step];
    const auto parents = dag.parents(v);
    const double h = o.bandwidth > 0 ? o.bandwidth : reference_bandwidth(n, parents.size());
    const std::vector<double> inv2h2(parents.size(), 1.0 / (2.0 * h * h));
    std::vector<Candidate> keep;
    Candidate floor{0, 0, 0, 0};
    bool have_floor = false;
    const size_t partials = weight.size();
    for (size_t q = 0; q < partials; ++q) {
      if (q % 256 == 0) context.check();
      if (parents.empty()) std::fill(w.begin(), w.end(), 1.0 / static_cast<double>(n));
      else donor_weights(z, parents, inv2h2, &source[q * d], w);
      for (size_t j = 0; j < n; ++j) {
        const double cw = weight[q] * w[j];
        if (!(cw >= o.theta) || !(cw > 0)) {
          ++out.pruned;
          continue;
        }
        // Once the cap has bitten, a candidate lighter than the lightest kept one can never get in.
        if (have_floor && cw < floor.weight) {
          ++out.capped;
          continue;
        }
        const Candidate c{static_cast<uint32_t>(q), static_cast<uint32_t>(j), cw, tie_key(o.seed, step, q, j)};
        if (have_floor && !heavier(c, floor)) {
          ++out.capped;
          continue;
        }
        keep.push_back(c);
        if (keep.size() >= 2 * o.max_points) {
          trim(keep, o.max_points, out.capped);
          floor = keep.back();  // nth_element left the cap-th heaviest at the end
          have_floor = true;
        }
      }
    }
    trim(keep, o.max_points, out.capped);
    std::sort(keep.begin(), keep.end(), by_position);
    std::vector<uint32_t> next_source(keep.size() * d, 0);
    std::vector<double> next_weight(keep.size());
    for (size_t k = 0; k < keep.size(); ++k) {
      std::copy_n(&source[keep[k].partial * d], d, &next_source[k * d]);
      next_source[k * d + v] = keep[k].donor;
      next_weight[k] = keep[k].weight;
    }
    source.swap(next_source);
    weight.swap(next_weight);
    context.progress(static_cast<double>(step + 1) / static_cast<double>(order.size()), "augmenting");
    if (weight.empty()) break;
  }
  const size_t m = weight.size();
  out.x.resize(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(d));
  out.w.resize(static_cast<Eigen::Index>(m));
  double mass = 0;
  for (size_t k = 0; k < m; ++k) {
    for (size_t v = 0; v < d; ++v)
      out.x(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(v)) =
          data(static_cast<Eigen::Index>(source[k * d + v]), static_cast<Eigen::Index>(v));
    out.w(static_cast<Eigen::Index>(k)) = weight[k];
    mass += weight[k];
  }
  out.kept_mass = mass / static_cast<double>(n);
  return out;
}

}  // namespace incrementa::causal_graph
