// The statistics path of the DCM (issue 17): the SQL that computes the
// sufficient statistics where the data live, and training from its result.
//   sql (standalone): {"config": {...}, "dialect": "duckdb"|"spark", "from": "panel"} ->
//        {"statistics": SQL, "check": SQL, "z": [...], "definitions"}
//   dcm_train_stats: the statistics table (one row per target period) + {"config": {...}} ->
//        the same result as dcm_train on the panel (source = the statistics file)
//   dcm_stats_table: the in-core statistics of a panel in the SQL result's layout
#pragma once
#include "api/json_util.hpp"
#include "core/run_context.hpp"
#include "core/table.hpp"

namespace incrementa {

Json sql_json(const Json& options);
Json dcm_train_stats_json(const Table& stats, const Json& options, RunContext& context);
// `dcm stats`: a panel's (or one shard's) statistics in the same layout, {"config": {...}}; shards' tables add up.
Table dcm_stats_table(const Table& panel, const Json& options);

}  // namespace incrementa
