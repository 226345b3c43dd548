// The JSON face of linear / logistic regression: {"outcome", "features": [..],
// "model": "linear"|"logistic", "ridge"?}. Features must be numeric columns.
#pragma once
#include "api/json_util.hpp"
#include "core/run_context.hpp"
#include "core/table.hpp"

namespace incrementa {

Json regress_json(const Table& table, const Json& options, RunContext& context);

}  // namespace incrementa
