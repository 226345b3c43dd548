// The JSON face of Shapley attribution. Options: {"method": "exact"|"permutation"
// (default: exact up to 20 players), "samples", "target_se", "seed", "fill":
// "error"|"zero", "game": {...}}. The game is a coalitions table (the loaded
// CSV) or, in "game", a teaching game: {"type": "glove", "left": [..],
// "right": [..]}, {"type": "airport", "players": [..], "costs": [..]},
// {"type": "voting", "players": [..], "weights": [..], "quota": q}.
// The DCM game: {"dcm_model": <model JSON from dcm train>, "players":
// "channels"|"features"|"groups"|"name, name, ..."} on the panel table.
// "interactions": true adds the pairwise interaction indices (exact only);
// "timing": true adds wall-clock seconds (aggregation pass, Shapley) for benches.
#pragma once
#include "api/json_util.hpp"
#include "core/run_context.hpp"
#include "core/table.hpp"

namespace incrementa {

// table: the coalitions CSV, or nullptr when options name a "game".
Json shapley_json(const Table* table, const Json& options, RunContext& context);

}  // namespace incrementa
