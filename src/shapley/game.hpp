// A cooperative game: n players and a value for every coalition (a bitmask,
// bit i = player i). Shapley values split v(N) - v(empty) among the players.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace incrementa {

using Coalition = uint64_t;

class Game {
 public:
  virtual ~Game() = default;
  virtual size_t players() const = 0;
  virtual const std::string& player_name(size_t i) const = 0;
  // Must be safe to call from several threads at once.
  virtual double value(Coalition s) const = 0;
  // v of the coalitions first, first + 1, ..., first + count - 1 (as bitmasks)
  // into out; games that share work between neighbouring coalitions override it.
  virtual void values(Coalition first, size_t count, double* out) const {
    for (size_t i = 0; i < count; ++i) out[i] = value(first + i);
  }
};

// A game from a value function: the common case for simulated and model-based games.
class FunctionGame : public Game {
 public:
  FunctionGame(std::vector<std::string> names, std::function<double(Coalition)> v)
      : names_(std::move(names)), v_(std::move(v)) {}
  size_t players() const override { return names_.size(); }
  const std::string& player_name(size_t i) const override { return names_[i]; }
  double value(Coalition s) const override { return v_(s); }

 private:
  std::vector<std::string> names_;
  std::function<double(Coalition)> v_;
};

inline Coalition grand_coalition(size_t n) { return n >= 64 ? ~Coalition{0} : (Coalition{1} << n) - 1; }

}  // namespace incrementa
