// The JSON face of budget planning (src/budget/), shared by the CLI and WASM.
#pragma once
#include "api/json_util.hpp"
#include "core/run_context.hpp"
#include "core/table.hpp"

namespace incrementa {

// options: {"offers": {offers spec}, "budget", "roi_floor"?, "objective"?: conversions|profit,
//           "solver"?: lagrangian|exact|greedy, "frontier"?: points (default 21, 0 = none),
//           "seed"?, "risk_draws"?, "cost_unit"? (exact), "return_assignment"?: bool,
//           "segment"?: column for a per-segment breakdown, "cost_quantile"?: plan so that
//           P(realised cost <= budget) >= this (normal approximation)}
Json budget_json(const Table& table, const Json& options, RunContext& context);

}  // namespace incrementa
