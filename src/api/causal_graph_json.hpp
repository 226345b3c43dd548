// JSON faces of the causal-graph room (docs/causal-graph.md): discovery (PC
// with expert edges, adjustment sets) and ADMG data augmentation (held-out
// error with and without, a θ sweep, a verdict). Every option key is checked;
// every number in the output is finite or null.
#pragma once
#include "api/json_util.hpp"
#include "core/run_context.hpp"
#include "core/table.hpp"

namespace incrementa {

Json causal_discover_json(const Table& table, const Json& options, RunContext& context);
Json causal_augment_json(const Table& table, const Json& options, RunContext& context);

}  // namespace incrementa
