#include "sim/uplift_world.hpp"

#include <cmath>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"

namespace incrementa {

namespace {
double s_fn(double x) { return 1.0 + 1.0 / (1.0 + std::exp(-20.0 * (x - 1.0 / 3.0))); }
double logistic(double z) { return 1.0 / (1.0 + std::exp(-z)); }
}  // namespace

UpliftSimulation simulate_uplift(const UpliftWorld& w, bool truth_columns) {
  if (w.rows < 10 || w.rows > 50'000'000) throw InputError("simulate uplift: rows must be between 10 and 50,000,000");
  if (w.features < 3 || w.features > 1000) throw InputError("simulate uplift: features must be between 3 and 1000");
  if (!(w.positivity >= 0 && w.positivity <= 0.5)) throw InputError("simulate uplift: positivity must be in [0, 0.5]");
  if (!(w.noise >= 0)) throw InputError("simulate uplift: noise must be 0 or more");
  if (!std::isfinite(w.heterogeneity) || !std::isfinite(w.confounding))
    throw InputError("simulate uplift: heterogeneity and confounding must be finite");
  const size_t n = w.rows, p = w.features;
  UpliftSimulation sim;
  sim.tau.resize(n);
  sim.propensity.resize(n);
  sim.mu0.resize(n);
  sim.mu1.resize(n);
  std::vector<Column> cols(p + 2);
  for (size_t j = 0; j < p; ++j) cols[j].name = "x" + std::to_string(j + 1);
  cols[p].name = "w";
  cols[p + 1].name = "y";
  for (auto& c : cols) {
    c.type = ColumnType::Numeric;
    c.values.resize(n);
  }
  cols[p].type = ColumnType::Integer;
  if (w.binary) cols[p + 1].type = ColumnType::Integer;
  const Rng base(w.seed);
  constexpr size_t kChunk = 4096;
  parallel_for(n, kChunk, [&](size_t b, size_t e) {
    Rng rng = base.split(b / kChunk);
    for (size_t r = b; r < e; ++r) {
      for (size_t j = 0; j < p; ++j) cols[j].values[r] = rng.uniform();
      const double x1 = cols[0].values[r], x2 = cols[1].values[r], x3 = cols[2].values[r];
      const double s12 = s_fn(x1) * s_fn(x2);
      double prop = logistic(4.0 * w.confounding * (x3 - 0.5));
      if (x1 < w.positivity) prop = 0.01;
      const bool treated = rng.bernoulli(prop);
      double mu0, mu1, y;
      if (w.binary) {
        const double eta0 = -0.5 + 2.0 * (x3 - 0.5);
        mu0 = logistic(eta0);
        mu1 = logistic(eta0 + 0.5 * w.heterogeneity * (s12 - 2.0));
        y = rng.bernoulli(treated ? mu1 : mu0) ? 1.0 : 0.0;
      } else {
        const double tau = 2.8 + w.heterogeneity * (s12 - 2.8);
        mu0 = 2.0 * x3 - 0.5 * tau;
        mu1 = 2.0 * x3 + 0.5 * tau;
        y = (treated ? mu1 : mu0) + w.noise * rng.normal();
      }
      sim.tau[r] = mu1 - mu0;
      sim.propensity[r] = prop;
      sim.mu0[r] = mu0;
      sim.mu1[r] = mu1;
      cols[p].values[r] = treated ? 1.0 : 0.0;
      cols[p + 1].values[r] = y;
    }
  });
  sim.table = Table("simulated uplift world (seed " + std::to_string(w.seed) + ")");
  for (auto& c : cols) sim.table.add_column(std::move(c));
  if (truth_columns) {
    Column t, e;
    t.name = "true_cate";
    t.values = sim.tau;
    e.name = "true_propensity";
    e.values = sim.propensity;
    sim.table.add_column(std::move(t));
    sim.table.add_column(std::move(e));
  }
  return sim;
}

}  // namespace incrementa
