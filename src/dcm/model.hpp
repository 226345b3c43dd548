// A fitted Dynamic Causal Model: one linear equation per (period, target) —
// or one per target when pooled — with the regressor layout
//   [intercept, X0 features (F), lag 1 of every surrogate (K), ..., lag L (K),
//    same-period ES surrogates (E; non-ES targets with same_period only),
//    period effects (pooled only)]
// and, when bootstrapped, the replicates' coefficients and bucket weights.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "dcm/config.hpp"

namespace incrementa::dcm {

struct Equation {
  size_t target = 0;    // index into Model::variables (K = the outcome)
  long period = -1;     // period index t (0-based) of a per-period equation; -1 when pooled
  std::vector<std::string> regressors;
  Eigen::VectorXd coef, se;
  double r2 = 0, sigma2 = 0, n = 0;
};

struct Bootstrap {
  size_t replicates = 0;
  uint64_t seed = 1;
  size_t buckets = 0;                          // customers are hashed into this many buckets
  std::vector<std::vector<double>> weights;    // [replicate][bucket]: Poisson(1) counts
  std::vector<std::vector<Eigen::VectorXd>> coef;  // [replicate][equation]
};

struct Model {
  Config config;
  std::vector<std::string> variables;  // K surrogates (non-ES, then ES) and the outcome
  size_t K = 0, E = 0, F = 0, L = 1;
  long first_period = 0;
  size_t periods = 0;
  size_t customers = 0;
  std::vector<Equation> equations;  // per-period: (t - L) * V + target; pooled: target
  Bootstrap bootstrap;

  size_t V() const { return K + 1; }
  size_t outcome() const { return K; }
  bool is_es(size_t v) const { return v < K && v >= K - E; }
  bool has_same(size_t target) const { return config.same_period && !is_es(target) && E > 0; }
  const Equation& equation(size_t t, size_t target) const {
    return config.pooled ? equations[target] : equations[(t - L) * V() + target];
  }
  size_t equation_index(size_t t, size_t target) const { return config.pooled ? target : (t - L) * V() + target; }
  // Offsets into an equation's coefficients.
  size_t lag_index(size_t l, size_t k) const { return 1 + F + (l - 1) * K + k; }  // l = 1..L
  size_t same_index(size_t e) const { return 1 + F + L * K + e; }                // e = 0..E-1
};

// Which of the M buckets a customer falls in (FNV-1a of its id, mixed with the seed).
size_t bucket_of(const std::string& customer, uint64_t seed, size_t buckets);

Json model_to_json(const Model& m);
// Throws ConfigError when the document is not an incrementa-dcm model of a known version or is inconsistent.
Model model_from_json(const Json& j);

}  // namespace incrementa::dcm
