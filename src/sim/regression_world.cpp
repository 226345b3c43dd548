#include "sim/regression_world.hpp"

#include <cmath>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"

namespace incrementa {

std::vector<double> regression_world_truth(const RegressionWorld& w) {
  std::vector<double> beta{0.5};
  for (size_t j = 0; j < w.features; ++j) beta.push_back((j % 2 ? -1.0 : 1.0) / static_cast<double>(j + 2));
  return beta;
}

Table simulate_regression(const RegressionWorld& w) {
  if (w.rows < 2 || w.rows > 50'000'000) throw InputError("simulate: rows must be between 2 and 50,000,000");
  if (w.features < 1 || w.features > 1000) throw InputError("simulate: features must be between 1 and 1000");
  const std::vector<double> beta = regression_world_truth(w);
  std::vector<Column> cols(w.features + 1);
  for (size_t j = 0; j < w.features; ++j) cols[j].name = "x" + std::to_string(j + 1);
  cols[w.features].name = "y";
  for (auto& c : cols) {
    c.type = ColumnType::Numeric;
    c.values.resize(w.rows);
  }
  const Rng base(w.seed);
  constexpr size_t kChunk = 4096;
  parallel_for(w.rows, kChunk, [&](size_t b, size_t e) {
    Rng rng = base.split(b / kChunk);
    for (size_t r = b; r < e; ++r) {
      double eta = beta[0];
      for (size_t j = 0; j < w.features; ++j) {
        const double x = rng.normal();
        cols[j].values[r] = x;
        eta += beta[j + 1] * x;
      }
      cols[w.features].values[r] = w.logistic ? (rng.bernoulli(1 / (1 + std::exp(-eta))) ? 1.0 : 0.0)
                                              : eta + rng.normal();
    }
  });
  if (w.logistic) cols[w.features].type = ColumnType::Integer;
  Table t("simulated regression world (seed " + std::to_string(w.seed) + ")");
  for (auto& c : cols) t.add_column(std::move(c));
  return t;
}

}  // namespace incrementa
