// Classic games with closed-form Shapley values, for the "check the maths" view.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "shapley/game.hpp"

namespace incrementa {

// Glove game: a pair (one left, one right glove) is worth 1; v(S) = min(#left, #right in S).
std::unique_ptr<Game> glove_game(const std::vector<std::string>& left, const std::vector<std::string>& right);
// Airport game: a runway long enough for the largest plane in S; v(S) = max cost in S.
// Closed form (Littlechild & Owen 1973): with costs sorted ascending,
// phi_(i) = sum_{k <= i} (c_(k) - c_(k-1)) / (n - k + 1).
std::unique_ptr<Game> airport_game(const std::vector<std::string>& players, const std::vector<double>& costs);
std::vector<double> airport_closed_form(const std::vector<double>& costs);
// Weighted voting [quota; w_1..w_n]: v(S) = 1 when the weights in S reach the quota.
std::unique_ptr<Game> voting_game(const std::vector<std::string>& players, const std::vector<double>& weights,
                                  double quota);

}  // namespace incrementa
