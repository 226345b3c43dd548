#include "api/json_util.hpp"

#include <cmath>

#include "core/error.hpp"

namespace incrementa {

Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

Json numbers_json(const std::vector<double>& values) {
  Json a = Json::array();
  for (double x : values) a.push_back(number_or_null(x));
  return a;
}

Json interval_json(const Interval& i) { return Json::array({number_or_null(i.lo), number_or_null(i.hi)}); }

std::string require_string(const Json& o, const std::string& key) {
  auto v = optional_string(o, key);
  if (!v || v->empty()) throw ConfigError("option '" + key + "' is required (a column name)");
  return *v;
}

std::optional<std::string> optional_string(const Json& o, const std::string& key) {
  if (!o.contains(key) || o[key].is_null()) return std::nullopt;
  if (!o[key].is_string()) throw ConfigError("option '" + key + "' must be a string, got " + o[key].dump());
  return o[key].get<std::string>();
}

double number_or(const Json& o, const std::string& key, double fallback) {
  if (!o.contains(key) || o[key].is_null()) return fallback;
  if (o[key].is_number()) return o[key].get<double>();
  if (o[key].is_string()) {
    // The CLI passes flags as text.
    const std::string s = o[key].get<std::string>();
    try {
      size_t used = 0;
      const double v = std::stod(s, &used);
      if (used == s.size()) return v;
    } catch (const std::exception&) {
    }
  }
  throw ConfigError("option '" + key + "' must be a number, got " + o[key].dump());
}

size_t count_or(const Json& o, const std::string& key, size_t fallback, const std::string& command) {
  const double v = number_or(o, key, static_cast<double>(fallback));
  if (!(v >= 0) || v != std::floor(v) || v > 1e12)
    throw ConfigError(command + ": option '" + key + "' must be a whole number >= 0, got " + o[key].dump());
  return static_cast<size_t>(v);
}

bool bool_or(const Json& o, const std::string& key, bool fallback, const std::string& command) {
  if (!o.contains(key) || o[key].is_null()) return fallback;
  if (o[key].is_boolean()) return o[key].get<bool>();
  if (o[key].is_string() && (o[key] == "true" || o[key] == "false")) return o[key] == "true";
  throw ConfigError(command + ": option '" + key + "' must be true or false, got " + o[key].dump());
}

std::vector<std::string> string_list(const Json& o, const std::string& key, const std::string& command) {
  std::vector<std::string> out;
  if (!o.contains(key) || o[key].is_null()) return out;
  const Json& v = o[key];
  auto add = [&out](const std::string& s) {
    if (!s.empty()) out.push_back(s);
  };
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    size_t from = 0;
    for (size_t i = 0; i <= s.size(); ++i)
      if (i == s.size() || s[i] == ',') add(s.substr(from, i - from)), from = i + 1;
    return out;
  }
  if (!v.is_array()) throw ConfigError(command + ": '" + key + "' must be a list of column names");
  for (const auto& item : v) {
    if (!item.is_string()) throw ConfigError(command + ": '" + key + "' must be a list of column names");
    add(item.get<std::string>());
  }
  return out;
}

void check_known_keys(const Json& o, std::initializer_list<const char*> known, const std::string& command) {
  if (!o.is_object()) throw ConfigError(command + ": options must be a JSON object");
  for (auto it = o.begin(); it != o.end(); ++it) {
    bool ok = false;
    for (const char* k : known) ok = ok || it.key() == k;
    if (!ok) {
      std::string list;
      for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      throw ConfigError(command + ": unknown option '" + it.key() + "' (known: " + list + ")");
    }
  }
}

}  // namespace incrementa
