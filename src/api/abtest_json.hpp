// The JSON face of the A/B readout, shared by the CLI and the WASM module.
#pragma once
#include "api/json_util.hpp"
#include "core/table.hpp"

namespace incrementa {

// options: {"arm", "control"?, "outcome", "covariate"?, "alpha"?}
Json abtest_json(const Table& table, const Json& options);

}  // namespace incrementa
