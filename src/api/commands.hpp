// One entry point for every analysis, used identically by the CLI and the
// WASM module: a command name, a table, JSON options in; JSON out.
#pragma once
#include "api/json_util.hpp"
#include "core/run_context.hpp"
#include "core/table.hpp"

namespace incrementa {

Json run_command(const std::string& command, const Table& table, const Json& options, RunContext& context);

// Commands that need no table (e.g. shapley on a teaching game).
Json run_standalone(const std::string& command, const Json& options, RunContext& context);

// A simulated world's table, by name and JSON options (see src/sim/).
Table simulate_table(const std::string& world, const Json& options);

// Column names, types, missing counts and (for categorical columns) levels:
// what a page needs to fill its column pickers.
Json describe_table(const Table& table);

// Compile-time features of this build (SIMD, threads), for the page to show.
Json build_features();

}  // namespace incrementa
