#include "dcm/config.hpp"

#include <cmath>
#include <set>

#include "core/error.hpp"

namespace incrementa::dcm {

namespace {
std::vector<std::string> string_list(const Json& j, const std::string& key, bool required) {
  if (!j.contains(key) || j[key].is_null()) {
    if (required) throw ConfigError("dcm config: '" + key + "' is required (a list of column names)");
    return {};
  }
  if (!j[key].is_array()) throw ConfigError("dcm config: '" + key + "' must be a list of column names, got " + j[key].dump());
  std::vector<std::string> out;
  for (const auto& x : j[key]) {
    if (!x.is_string() || x.get<std::string>().empty())
      throw ConfigError("dcm config: '" + key + "' must hold column names (strings), got " + x.dump());
    out.push_back(x.get<std::string>());
  }
  return out;
}
bool bool_or(const Json& j, const std::string& key, bool fallback) {
  if (!j.contains(key) || j[key].is_null()) return fallback;
  if (!j[key].is_boolean()) throw ConfigError("dcm config: '" + key + "' must be true or false, got " + j[key].dump());
  return j[key].get<bool>();
}
}  // namespace

std::vector<std::string> Config::all_surrogates() const {
  std::vector<std::string> all = surrogates;
  all.insert(all.end(), es_surrogates.begin(), es_surrogates.end());
  return all;
}

Config parse_config(const Json& j) {
  check_known_keys(j, {"customer", "period", "outcome", "surrogates", "es_surrogates", "features", "lags",
                       "same_period", "ridge", "pooled", "groups"},
                   "dcm config");
  Config c;
  c.customer = optional_string(j, "customer").value_or("customer");
  c.period = optional_string(j, "period").value_or("period");
  c.outcome = optional_string(j, "outcome").value_or("");
  if (c.outcome.empty()) throw ConfigError("dcm config: 'outcome' is required (the outcome column, e.g. spend)");
  c.surrogates = string_list(j, "surrogates", false);
  c.es_surrogates = string_list(j, "es_surrogates", false);
  c.features = string_list(j, "features", false);
  if (c.surrogates.empty() && c.es_surrogates.empty())
    throw ConfigError("dcm config: give at least one surrogate in 'surrogates' or 'es_surrogates'");
  if (j.contains("lags") && j["lags"].is_array()) {
    // A lag list: whole numbers 1..52, strictly increasing.
    const Json& list = j["lags"];
    if (list.empty()) throw ConfigError("dcm config: 'lags' must list at least one lag, e.g. [1, 2, 4]");
    for (const auto& x : list) {
      const double l = x.is_number() ? x.get<double>() : NAN;
      if (!(l >= 1 && l <= 52 && l == std::floor(l)))
        throw ConfigError("dcm config: every lag in 'lags' must be a whole number from 1 to 52, got " + x.dump());
      if (!c.lag_list.empty() && static_cast<int>(l) <= c.lag_list.back())
        throw ConfigError("dcm config: 'lags' must list lags in increasing order without repeats, got " + list.dump());
      c.lag_list.push_back(static_cast<int>(l));
    }
    c.lags = c.lag_list.back();
    // [1, 2, ..., L] is the plain number L.
    if (c.lag_list.size() == static_cast<size_t>(c.lags)) c.lag_list.clear();
  } else {
    const double lags = number_or(j, "lags", 1);
    if (!(lags >= 1 && lags <= 52 && lags == static_cast<int>(lags)))
      throw ConfigError("dcm config: 'lags' must be a whole number from 1 to 52 or a list of them, got " + j["lags"].dump());
    c.lags = static_cast<int>(lags);
  }
  c.same_period = bool_or(j, "same_period", true);
  c.pooled = bool_or(j, "pooled", false);
  c.ridge = number_or(j, "ridge", 0.0);
  if (!(c.ridge >= 0 && std::isfinite(c.ridge))) throw ConfigError("dcm config: 'ridge' must be a number >= 0");

  // Every column has one role.
  std::map<std::string, std::string> role;
  auto claim = [&](const std::string& col, const std::string& r) {
    auto [it, fresh] = role.emplace(col, r);
    if (!fresh) {
      if ((it->second == "surrogates" && r == "es_surrogates") || (it->second == "es_surrogates" && r == "surrogates"))
        throw ConfigError("dcm config: surrogate '" + col + "' is listed both as ES (es_surrogates) and non-ES (surrogates); it must be one or the other");
      throw ConfigError("dcm config: column '" + col + "' is used twice (as " + it->second + " and as " + r + ")");
    }
  };
  claim(c.customer, "customer");
  claim(c.period, "period");
  claim(c.outcome, "outcome");
  for (const auto& s : c.surrogates) claim(s, "surrogates");
  for (const auto& s : c.es_surrogates) claim(s, "es_surrogates");
  for (const auto& s : c.features) claim(s, "features");

  if (j.contains("groups") && !j["groups"].is_null()) {
    const Json& g = j["groups"];
    if (!g.is_object()) throw ConfigError("dcm config: 'groups' must be an object {\"name\": [ES surrogates]}");
    std::set<std::string> es(c.es_surrogates.begin(), c.es_surrogates.end());
    for (auto it = g.begin(); it != g.end(); ++it) {
      if (!it.value().is_array() || it.value().empty())
        throw ConfigError("dcm config: group '" + it.key() + "' must be a non-empty list of ES surrogates");
      std::vector<std::string> members;
      for (const auto& m : it.value()) {
        if (!m.is_string()) throw ConfigError("dcm config: group '" + it.key() + "' must list surrogate names");
        const std::string name = m.get<std::string>();
        if (!es.count(name))
          throw ConfigError("dcm config: group '" + it.key() + "' names '" + name + "', which is not in es_surrogates");
        members.push_back(name);
      }
      c.groups.emplace_back(it.key(), members);
    }
  }
  return c;
}

Json config_to_json(const Config& c) {
  Json groups = Json::object();
  for (const auto& [name, members] : c.groups) groups[name] = members;
  return {{"customer", c.customer}, {"period", c.period}, {"outcome", c.outcome}, {"surrogates", c.surrogates},
          {"es_surrogates", c.es_surrogates}, {"features", c.features},
          {"lags", c.lag_list.empty() ? Json(c.lags) : Json(c.lag_list)},
          {"same_period", c.same_period}, {"ridge", c.ridge}, {"pooled", c.pooled}, {"groups", groups}};
}

}  // namespace incrementa::dcm
