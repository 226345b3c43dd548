// The statistics path of the DCM (issue 17): the SQL that computes the
// sufficient statistics where the data live, and training from its result.
//   sql (standalone): {"config": {...}, "dialect": "duckdb"|"spark", "from": "panel"} ->
//        {"statistics": SQL, "check": SQL, "z": [...], "definitions"}
//   dcm_train_stats: the statistics table (one row per target period) + {"config": {...}} ->
//        the same result as dcm_train on the panel (source = the statistics file)
#pragma once
#include "api/json_util.hpp"
#include "core/run_context.hpp"
#include "core/table.hpp"

namespace incrementa {

Json sql_json(const Json& options);
Json dcm_train_stats_json(const Table& stats, const Json& options, RunContext& context);

}  // namespace incrementa
