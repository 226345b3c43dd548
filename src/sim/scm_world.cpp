#include "sim/scm_world.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/rng.hpp"

namespace incrementa {

namespace {

// One edge's mechanism: f(x) with x standardised; kinds 0 linear, 1 tanh, 2 quadratic, 3 sine.
double mechanism(int kind, double coef, double x) {
  switch (kind) {
    case 1: return coef * std::tanh(2.0 * x);
    case 2: return coef * (x * x - 1.0);
    case 3: return coef * std::sin(2.0 * x);
    default: return coef * x;
  }
}

void standardise(std::vector<double>& v) {
  const double n = static_cast<double>(v.size());
  double mean = 0, ss = 0;
  for (double x : v) mean += x;
  mean /= n;
  for (double x : v) ss += (x - mean) * (x - mean);
  const double sd = std::sqrt(ss / n);
  for (double& x : v) x = sd > 0 ? (x - mean) / sd : 0.0;
}

}  // namespace

ScmSample simulate_scm(const ScmWorld& w) {
  if (w.variables < 2) throw ConfigError("scm world: at least 2 variables are needed");
  if (w.rows < 2) throw ConfigError("scm world: at least 2 rows are needed");
  if (!(w.expected_degree >= 0) || !(w.noise_sd >= 0)) throw ConfigError("scm world: degree and noise must be >= 0");
  const size_t d = w.variables, n = w.rows;
  Rng rng(w.seed, 0x5C3);
  ScmSample s;
  for (size_t v = 0; v + 1 < d; ++v) s.names.push_back("x" + std::to_string(v + 1));
  s.names.push_back(s.target);
  // Causal order: a random permutation of the features, the target last.
  std::vector<size_t> order(d - 1);
  for (size_t v = 0; v + 1 < d; ++v) order[v] = v;
  rng.shuffle(order);
  order.push_back(d - 1);
  const double p = std::min(1.0, w.expected_degree / static_cast<double>(d - 1));
  std::vector<std::vector<size_t>> parents(d);
  for (size_t b = 1; b < d; ++b) {
    for (size_t a = 0; a < b; ++a)
      if (rng.bernoulli(p)) parents[order[b]].push_back(order[a]);
  }
  if (parents[d - 1].empty()) parents[d - 1].push_back(order[rng.uniform_int(d - 1)]);
  std::vector<std::vector<double>> x(d, std::vector<double>(n, 0.0));
  for (size_t v : order) {
    if (parents[v].empty()) {
      for (auto& value : x[v]) value = rng.normal();
      continue;
    }
    std::vector<double> signal(n, 0.0);
    for (size_t pa : parents[v]) {
      s.edges.push_back({s.names[pa], s.names[v]});
      const int kind = w.nonlinear ? static_cast<int>(rng.uniform_int(3)) + 1 : 0;
      const double coef = (rng.bernoulli(0.5) ? 1.0 : -1.0) * rng.uniform(0.5, 1.5);
      for (size_t i = 0; i < n; ++i) signal[i] += mechanism(kind, coef, x[pa][i]);
    }
    standardise(signal);
    for (size_t i = 0; i < n; ++i) x[v][i] = signal[i] + w.noise_sd * rng.normal();
    standardise(x[v]);
  }
  s.table = Table("scm world (seed " + std::to_string(w.seed) + ")");
  for (size_t v = 0; v < d; ++v) {
    Column c;
    c.name = s.names[v];
    c.values = x[v];
    s.table.add_column(std::move(c));
  }
  return s;
}

}  // namespace incrementa
