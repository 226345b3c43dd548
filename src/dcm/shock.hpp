// A shock: set to zero, scale by a factor, or add a constant to chosen
// surrogates over a window of periods [from, to] (period values as in the
// panel; `to` defaults to the last period).
#pragma once
#include <string>
#include <vector>

#include "api/json_util.hpp"

namespace incrementa::dcm {

enum class ShockType { Zero, Scale, Add };

struct Shock {
  std::vector<std::string> surrogates;
  ShockType type = ShockType::Zero;
  double value = 0;
  long from = 0;
  long to = -1;
  bool has_to = false;
};

// {"shocks": [{"surrogates": [...], "type": "zero"|"scale"|"add", "value": v, "from": p, "to": q}]}
std::vector<Shock> parse_shocks(const Json& j);

}  // namespace incrementa::dcm
