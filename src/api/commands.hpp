// One entry point for every analysis, used identically by the CLI and the
// WASM module: a command name, a table, JSON options in; JSON out.
#pragma once
#include "api/describe.hpp"
#include "api/json_util.hpp"
#include "core/run_context.hpp"
#include "core/table.hpp"

namespace incrementa {

Json run_command(const std::string& command, const Table& table, const Json& options, RunContext& context);

// Commands that need no table (e.g. shapley on a teaching game).
Json run_standalone(const std::string& command, const Json& options, RunContext& context);

// A simulated world's table, by name and JSON options (see src/sim/).
Table simulate_table(const std::string& world, const Json& options);

// Compile-time features of this build (SIMD, threads), for the page to show.
Json build_features();

}  // namespace incrementa
