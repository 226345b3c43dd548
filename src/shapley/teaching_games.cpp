#include "shapley/teaching_games.hpp"

#include <algorithm>
#include <numeric>

#include "core/error.hpp"

namespace incrementa {

namespace {
void check_names(const std::vector<std::string>& names, const std::string& game) {
  if (names.empty()) throw ConfigError(game + " game: list at least one player");
  if (names.size() > 62) throw ConfigError(game + " game: at most 62 players");
  for (size_t i = 0; i < names.size(); ++i)
    for (size_t j = i + 1; j < names.size(); ++j)
      if (names[i] == names[j]) throw ConfigError(game + " game: player '" + names[i] + "' is listed twice");
}
}  // namespace

std::unique_ptr<Game> glove_game(const std::vector<std::string>& left, const std::vector<std::string>& right) {
  std::vector<std::string> names = left;
  names.insert(names.end(), right.begin(), right.end());
  check_names(names, "glove");
  const Coalition left_mask = grand_coalition(left.size());
  return std::make_unique<FunctionGame>(names, [left_mask](Coalition s) {
    return static_cast<double>(std::min(__builtin_popcountll(s & left_mask), __builtin_popcountll(s & ~left_mask)));
  });
}

std::unique_ptr<Game> airport_game(const std::vector<std::string>& players, const std::vector<double>& costs) {
  check_names(players, "airport");
  if (costs.size() != players.size()) throw ConfigError("airport game: give one cost per player");
  for (double c : costs)
    if (!(c >= 0)) throw ConfigError("airport game: costs must be numbers of 0 or more");
  return std::make_unique<FunctionGame>(players, [costs](Coalition s) {
    double m = 0;
    for (size_t i = 0; i < costs.size(); ++i)
      if (s >> i & 1) m = std::max(m, costs[i]);
    return m;
  });
}

std::vector<double> airport_closed_form(const std::vector<double>& costs) {
  const size_t n = costs.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return costs[a] < costs[b]; });
  std::vector<double> phi(n);
  double acc = 0, prev = 0;
  for (size_t k = 0; k < n; ++k) {
    acc += (costs[order[k]] - prev) / static_cast<double>(n - k);
    prev = costs[order[k]];
    phi[order[k]] = acc;
  }
  return phi;
}

std::unique_ptr<Game> voting_game(const std::vector<std::string>& players, const std::vector<double>& weights,
                                  double quota) {
  check_names(players, "voting");
  if (weights.size() != players.size()) throw ConfigError("voting game: give one weight per player");
  return std::make_unique<FunctionGame>(players, [weights, quota](Coalition s) {
    double w = 0;
    for (size_t i = 0; i < weights.size(); ++i)
      if (s >> i & 1) w += weights[i];
    return w >= quota ? 1.0 : 0.0;
  });
}

}  // namespace incrementa
