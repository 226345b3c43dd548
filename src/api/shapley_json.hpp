// The JSON face of Shapley attribution. Options: {"method": "exact"|"permutation"
// (default: exact up to 20 players), "samples", "target_se", "seed", "fill":
// "error"|"zero", "game": {...}}. The game is a coalitions table (the loaded
// CSV) or, in "game", a teaching game: {"type": "glove", "left": [..],
// "right": [..]}, {"type": "airport", "players": [..], "costs": [..]},
// {"type": "voting", "players": [..], "weights": [..], "quota": q}.
#pragma once
#include "api/json_util.hpp"
#include "core/run_context.hpp"
#include "core/table.hpp"

namespace incrementa {

// table: the coalitions CSV, or nullptr when options name a "game".
Json shapley_json(const Table* table, const Json& options, RunContext& context);

}  // namespace incrementa
