// A game given as a table of coalition values: one 0/1 column per player
// (header = player names) and a `value` column, one row per coalition.
#pragma once
#include <memory>

#include "core/table.hpp"
#include "shapley/game.hpp"

namespace incrementa {

enum class MissingCoalitions { Error, Zero };

// Throws InputError naming the line of a bad or duplicate row, or a missing coalition.
std::unique_ptr<Game> table_game(const Table& table, MissingCoalitions missing = MissingCoalitions::Error);

}  // namespace incrementa
