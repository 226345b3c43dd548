#include "dcm/shock.hpp"

#include <cmath>

#include "core/error.hpp"

namespace incrementa::dcm {

std::vector<Shock> parse_shocks(const Json& j) {
  check_known_keys(j, {"shocks"}, "dcm shock");
  if (!j.contains("shocks") || !j["shocks"].is_array() || j["shocks"].empty())
    throw ConfigError("dcm shock: 'shocks' must be a non-empty list of {surrogates, type, value, from, to}");
  std::vector<Shock> out;
  for (const auto& s : j["shocks"]) {
    check_known_keys(s, {"surrogates", "type", "value", "from", "to"}, "dcm shock");
    Shock k;
    if (!s.contains("surrogates") || !s["surrogates"].is_array() || s["surrogates"].empty())
      throw ConfigError("dcm shock: 'surrogates' must be a non-empty list of surrogate names");
    for (const auto& x : s["surrogates"]) {
      if (!x.is_string()) throw ConfigError("dcm shock: 'surrogates' must hold names, got " + x.dump());
      k.surrogates.push_back(x.get<std::string>());
    }
    const std::string type = optional_string(s, "type").value_or("zero");
    if (type == "zero") k.type = ShockType::Zero;
    else if (type == "scale") k.type = ShockType::Scale;
    else if (type == "add") k.type = ShockType::Add;
    else throw ConfigError("dcm shock: type must be 'zero', 'scale' or 'add', got '" + type + "'");
    if (k.type != ShockType::Zero && !s.contains("value"))
      throw ConfigError("dcm shock: a '" + type + "' shock needs a 'value'");
    k.value = number_or(s, "value", 0);
    if (!std::isfinite(k.value)) throw ConfigError("dcm shock: 'value' must be finite");
    if (!s.contains("from") || !s["from"].is_number_integer())
      throw ConfigError("dcm shock: 'from' (the first shocked period) must be a whole number");
    k.from = s["from"].get<long>();
    if (s.contains("to") && !s["to"].is_null()) {
      if (!s["to"].is_number_integer()) throw ConfigError("dcm shock: 'to' must be a whole number");
      k.to = s["to"].get<long>();
      k.has_to = true;
      if (k.to < k.from) throw ConfigError("dcm shock: 'to' (" + std::to_string(k.to) + ") is before 'from' (" + std::to_string(k.from) + ")");
    }
    out.push_back(std::move(k));
  }
  return out;
}

}  // namespace incrementa::dcm
