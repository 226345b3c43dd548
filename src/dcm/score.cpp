#include "dcm/score.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace incrementa::dcm {

Totals panel_totals(const Panel& p) {
  Totals t;
  const size_t V = p.vars(), T = p.periods;
  t.sums.assign(T * V, 0.0);
  t.n = static_cast<double>(p.n());
  for (size_t c = 0; c < p.n(); ++c)
    for (size_t i = 0; i < T * V; ++i) t.sums[i] += p.values[c * T * V + i];
  return t;
}

std::vector<Totals> bucket_totals(const Panel& p, uint64_t seed, size_t buckets) {
  const size_t V = p.vars(), T = p.periods;
  std::vector<Totals> out(buckets);
  for (auto& b : out) b.sums.assign(T * V, 0.0);
  for (size_t c = 0; c < p.n(); ++c) {
    Totals& b = out[bucket_of(p.customers[c], seed, buckets)];
    b.n += 1;
    for (size_t i = 0; i < T * V; ++i) b.sums[i] += p.values[c * T * V + i];
  }
  return out;
}

void check_panel(const Model& m, const Panel& p) {
  if (p.variables != m.variables) throw InputError("dcm: the panel's variables do not match the model's");
  if (p.first_period != m.first_period || p.periods != m.periods)
    throw InputError("dcm: the panel covers periods " + std::to_string(p.first_period) + " to " +
                     std::to_string(p.first_period + static_cast<long>(p.periods) - 1) + " but the model was trained on " +
                     std::to_string(m.first_period) + " to " + std::to_string(m.first_period + static_cast<long>(m.periods) - 1));
}

std::vector<ResolvedShock> resolve(const Model& m, const std::vector<Shock>& shocks) {
  std::vector<ResolvedShock> out;
  const long last = m.first_period + static_cast<long>(m.periods) - 1;
  for (const auto& s : shocks) {
    ResolvedShock r;
    for (const auto& name : s.surrogates) {
      auto it = std::find(m.variables.begin(), m.variables.end() - 1, name);
      if (it == m.variables.end() - 1) {
        std::string list;
        for (size_t k = 0; k < m.K; ++k) list += (k ? ", " : "") + m.variables[k];
        throw InputError("dcm shock: '" + name + "' is not a surrogate of the model (surrogates: " + list + ")");
      }
      r.vars.push_back(static_cast<size_t>(it - m.variables.begin()));
    }
    const long to = s.has_to ? s.to : last;
    if (s.from < m.first_period || s.from > last || to > last)
      throw InputError("dcm shock: the window " + std::to_string(s.from) + " to " + std::to_string(to) +
                       " is outside the model's periods " + std::to_string(m.first_period) + " to " + std::to_string(last));
    r.type = s.type;
    r.value = s.value;
    r.from = static_cast<size_t>(s.from - m.first_period);
    r.to = static_cast<size_t>(to - m.first_period);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<const Eigen::VectorXd*> model_coef(const Model& m) {
  std::vector<const Eigen::VectorXd*> c;
  for (const auto& e : m.equations) c.push_back(&e.coef);
  return c;
}

std::vector<const Eigen::VectorXd*> replicate_coef(const Model& m, size_t r) {
  std::vector<const Eigen::VectorXd*> c;
  for (const auto& e : m.bootstrap.coef[r]) c.push_back(&e);
  return c;
}

std::vector<double> outcome_delta(const Model& m, const std::vector<const Eigen::VectorXd*>& coef, const Totals& tot,
                                  const std::vector<ResolvedShock>& shocks) {
  const size_t T = m.periods, V = m.V(), K = m.K, L = m.L;
  std::vector<double> delta(T * V, 0.0);
  auto apply = [&](size_t t, size_t v) {
    double& d = delta[t * V + v];
    for (const auto& s : shocks) {
      if (t < s.from || t > s.to || std::find(s.vars.begin(), s.vars.end(), v) == s.vars.end()) continue;
      const double observed = tot.sums[t * V + v];
      switch (s.type) {
        case ShockType::Zero: d = -observed; break;
        case ShockType::Scale: d = (s.value - 1) * observed + s.value * d; break;
        case ShockType::Add: d += tot.n * s.value; break;
      }
    }
  };
  auto equation = [&](size_t t, size_t v) {
    const Eigen::VectorXd& b = *coef[m.equation_index(t, v)];
    double d = 0;
    for (size_t l = 1; l <= L; ++l)
      for (size_t k = 0; k < K; ++k) d += b[static_cast<Eigen::Index>(m.lag_index(l, k))] * delta[(t - l) * V + k];
    if (m.has_same(v))
      for (size_t e = 0; e < m.E; ++e) d += b[static_cast<Eigen::Index>(m.same_index(e))] * delta[t * V + K - m.E + e];
    delta[t * V + v] = d;
  };
  for (size_t t = 0; t < T; ++t) {
    // Same-period ES equations first, then the non-ES surrogates and the outcome.
    for (size_t v = K - m.E; v < K; ++v) {
      if (t >= L) equation(t, v);
      apply(t, v);
    }
    for (size_t v = 0; v < K - m.E; ++v) {
      if (t >= L) equation(t, v);
      apply(t, v);
    }
    if (t >= L) equation(t, K);
  }
  std::vector<double> out(T);
  for (size_t t = 0; t < T; ++t) out[t] = delta[t * V + K];
  return out;
}

}  // namespace incrementa::dcm
