#include "shapley/table_game.hpp"

#include <cmath>

#include "core/error.hpp"
#include "shapley/shapley.hpp"

namespace incrementa {

std::unique_ptr<Game> table_game(const Table& t, MissingCoalitions missing) {
  const Column& value = t.numeric_column("value", "coalition value");
  std::vector<const Column*> players;
  std::vector<std::string> names;
  for (const auto& c : t.columns()) {
    if (c.name == "value") continue;
    if (c.type != ColumnType::Integer)
      throw InputError(t.source() + ": column '" + c.name + "' must hold 0 or 1 (is the player in the coalition?)");
    players.push_back(&c);
    names.push_back(c.name);
  }
  const size_t n = players.size();
  if (n == 0) throw InputError(t.source() + ": no player columns besides 'value'");
  if (n > kMaxExactPlayers)
    throw InputError(t.source() + ": " + std::to_string(n) + " players; a coalition table supports at most " +
                     std::to_string(kMaxExactPlayers));
  const size_t m = size_t{1} << n;
  std::vector<double> v(m, std::nan(""));
  std::vector<int64_t> line_of(m, -1);
  for (size_t r = 0; r < t.rows(); ++r) {
    Coalition s = 0;
    for (size_t i = 0; i < n; ++i) {
      const double x = players[i]->values[r];
      if (x != 0 && x != 1)
        throw InputError(t.source() + ": line " + std::to_string(t.line_of_row(r)) + ", column '" + names[i] +
                         "': expected 0 or 1, found '" + players[i]->cell_text(r) + "'");
      if (x == 1) s |= Coalition{1} << i;
    }
    if (std::isnan(value.values[r]))
      throw InputError(t.source() + ": line " + std::to_string(t.line_of_row(r)) + ", column 'value': the value is missing");
    if (line_of[s] >= 0)
      throw InputError(t.source() + ": lines " + std::to_string(line_of[s]) + " and " + std::to_string(t.line_of_row(r)) +
                       " give the same coalition");
    line_of[s] = t.line_of_row(r);
    v[s] = value.values[r];
  }
  for (size_t s = 0; s < m; ++s) {
    if (!std::isnan(v[s])) continue;
    if (missing == MissingCoalitions::Zero) {
      v[s] = 0;
      continue;
    }
    std::string members;
    for (size_t i = 0; i < n; ++i)
      if (s >> i & 1) members += (members.empty() ? "" : ", ") + names[i];
    throw InputError(t.source() + ": " + std::to_string(t.rows()) + " of the " + std::to_string(m) +
                     " coalitions are given; missing e.g. {" + members +
                     "} (give every coalition, or fill missing ones with zero)");
  }
  return std::make_unique<FunctionGame>(names, [v = std::move(v)](Coalition s) { return v[s]; });
}

}  // namespace incrementa
