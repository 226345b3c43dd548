#include "dcm/model.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"

namespace incrementa::dcm {

size_t bucket_of(const std::string& customer, uint64_t seed, size_t buckets) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char ch : customer) h = (h ^ ch) * 1099511628211ull;
  uint64_t s = h ^ seed;
  return static_cast<size_t>(splitmix64(s) % buckets);
}

namespace {
Json vec(const Eigen::VectorXd& v) {
  Json a = Json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) a.push_back(number_or_null(v[i]));
  return a;
}
Eigen::VectorXd unvec(const Json& a, size_t expected, const std::string& what) {
  if (!a.is_array() || a.size() != expected)
    throw ConfigError("dcm model: " + what + " must be a list of " + std::to_string(expected) + " numbers");
  Eigen::VectorXd v(static_cast<Eigen::Index>(expected));
  for (size_t i = 0; i < expected; ++i) {
    if (!a[i].is_number()) throw ConfigError("dcm model: " + what + " holds a non-number");
    v[static_cast<Eigen::Index>(i)] = a[i].get<double>();
  }
  return v;
}
}  // namespace

Json model_to_json(const Model& m) {
  Json eqs = Json::array();
  for (const auto& e : m.equations) {
    eqs.push_back({{"target", m.variables[e.target]},
                   {"period", e.period < 0 ? Json(nullptr) : Json(m.first_period + e.period)},
                   {"regressors", e.regressors},
                   {"coef", vec(e.coef)},
                   {"se", vec(e.se)},
                   {"r2", number_or_null(e.r2)},
                   {"sigma2", number_or_null(e.sigma2)},
                   {"n", e.n}});
  }
  Json j = {{"format", "incrementa-dcm"},
            {"version", m.config.lag_list.empty() ? 1 : 2},  // version 2: a lag list in the config
            {"config", config_to_json(m.config)},
            {"variables", m.variables},
            {"first_period", m.first_period},
            {"periods", m.periods},
            {"customers", m.customers},
            {"equations", eqs}};
  if (m.bootstrap.replicates > 0) {
    Json coef = Json::array();
    for (const auto& rep : m.bootstrap.coef) {
      Json r = Json::array();
      for (const auto& c : rep) r.push_back(vec(c));
      coef.push_back(r);
    }
    j["bootstrap"] = {{"replicates", m.bootstrap.replicates},
                      {"seed", m.bootstrap.seed},
                      {"buckets", m.bootstrap.buckets},
                      {"weights", m.bootstrap.weights},
                      {"coef", coef}};
  }
  return j;
}

Model model_from_json(const Json& j) {
  if (!j.is_object() || j.value("format", "") != "incrementa-dcm")
    throw ConfigError("dcm model: not an incrementa DCM model (expected \"format\": \"incrementa-dcm\")");
  if (!j.contains("version") || !j["version"].is_number_integer() || (j["version"].get<int>() != 1 && j["version"].get<int>() != 2))
    throw ConfigError("dcm model: unsupported version " + (j.contains("version") ? j["version"].dump() : "(none)") + " (this build reads versions 1 and 2)");
  try {
    Model m;
    m.config = parse_config(j.at("config"));
    m.variables = m.config.all_surrogates();
    m.variables.push_back(m.config.outcome);
    if (j.at("variables").get<std::vector<std::string>>() != m.variables)
      throw ConfigError("dcm model: 'variables' do not match the config");
    m.K = m.variables.size() - 1;
    m.E = m.config.es_surrogates.size();
    m.F = m.config.features.size();
    m.L = static_cast<size_t>(m.config.lags);
    m.first_period = j.at("first_period").get<long>();
    m.periods = j.at("periods").get<size_t>();
    m.customers = j.at("customers").get<size_t>();
    if (m.periods <= m.L) throw ConfigError("dcm model: 'periods' must exceed the lags");
    const size_t expected = m.config.pooled ? m.V() : (m.periods - m.L) * m.V();
    const Json& eqs = j.at("equations");
    if (!eqs.is_array() || eqs.size() != expected)
      throw ConfigError("dcm model: expected " + std::to_string(expected) + " equations");
    for (size_t i = 0; i < expected; ++i) {
      const Json& e = eqs[i];
      Equation q;
      q.target = m.config.pooled ? i : i % m.V();
      q.period = m.config.pooled ? -1 : static_cast<long>(i / m.V() + m.L);
      if (e.at("target").get<std::string>() != m.variables[q.target])
        throw ConfigError("dcm model: equation " + std::to_string(i + 1) + " is out of order");
      q.regressors = e.at("regressors").get<std::vector<std::string>>();
      const size_t p = 1 + m.F + m.L * m.K + (m.has_same(q.target) ? m.E : 0);
      if (q.regressors.size() < p) throw ConfigError("dcm model: equation " + std::to_string(i + 1) + " has too few regressors");
      q.coef = unvec(e.at("coef"), q.regressors.size(), "coef of equation " + std::to_string(i + 1));
      q.se = unvec(e.at("se"), q.regressors.size(), "se of equation " + std::to_string(i + 1));
      q.r2 = e.at("r2").is_number() ? e["r2"].get<double>() : NAN;
      q.sigma2 = e.at("sigma2").is_number() ? e["sigma2"].get<double>() : NAN;
      q.n = e.at("n").get<double>();
      m.equations.push_back(std::move(q));
    }
    if (j.contains("bootstrap")) {
      const Json& b = j["bootstrap"];
      m.bootstrap.replicates = b.at("replicates").get<size_t>();
      m.bootstrap.seed = b.at("seed").get<uint64_t>();
      m.bootstrap.buckets = b.at("buckets").get<size_t>();
      m.bootstrap.weights = b.at("weights").get<std::vector<std::vector<double>>>();
      const Json& coef = b.at("coef");
      if (m.bootstrap.weights.size() != m.bootstrap.replicates || coef.size() != m.bootstrap.replicates)
        throw ConfigError("dcm model: bootstrap replicates are inconsistent");
      for (const auto& rep : coef) {
        if (rep.size() != m.equations.size()) throw ConfigError("dcm model: a bootstrap replicate has the wrong number of equations");
        std::vector<Eigen::VectorXd> r;
        for (size_t i = 0; i < rep.size(); ++i)
          r.push_back(unvec(rep[i], m.equations[i].regressors.size(), "bootstrap coefficients"));
        m.bootstrap.coef.push_back(std::move(r));
      }
      for (const auto& w : m.bootstrap.weights)
        if (w.size() != m.bootstrap.buckets) throw ConfigError("dcm model: bootstrap weights must have one count per bucket");
    }
    return m;
  } catch (const Json::exception& e) {
    throw ConfigError(std::string("dcm model: malformed document: ") + e.what());
  }
}

}  // namespace incrementa::dcm
