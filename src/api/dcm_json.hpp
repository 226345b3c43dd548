// The JSON face of the Dynamic Causal Model (issue 6).
//   dcm_train: options {"config": {...}, "bootstrap": B, "seed": S} ->
//              {"model": <incrementa-dcm v1, docs/dcm-model.md>, "summary": ..., "definitions": ...}
//   dcm_score: options {"model": <model JSON>, "shock": {"shocks": [...]}} ->
//              {"total", "periods", "groups", "window", "naive", "definitions"} (+ CIs when the model was bootstrapped)
//   dcm_truth: standalone, the simulated world's true value of a shock (below)
#pragma once
#include "api/json_util.hpp"
#include "core/run_context.hpp"
#include "core/table.hpp"
#include "dcm/model.hpp"

namespace incrementa {

Json dcm_train_json(const Table& panel, const Json& options, RunContext& context);
// The JSON of a trained model (summary, the model, definitions): shared by
// training on a panel and on statistics computed elsewhere (dcm_stats_json.hpp).
Json dcm_train_result(const dcm::Model& model, const std::string& source);
// The panel joined with a separate X0 file (`--x0 F`): `config` is the DCM config (train) or the model JSON
// (score), whose customer column and features say what to take from `x0`.
Table dcm_with_x0(const Table& panel, const Table& x0, const Json& config_or_model);
Json dcm_score_json(const Table& panel, const Json& options, RunContext& context);
// The simulated world's TRUE incremental spend of a shock (no table: the world is simulated twice with the
// same noise): options {"customers", "weeks", "seed" (as in simulate dcm), "shock": {"shocks": [...]}} ->
// {"total": {"incremental"}, "periods", "groups", "window", "definitions"}.
Json dcm_truth_json(const Json& options, RunContext& context);
// The speed bar (standalone): the wide simulated world (sim/dcm_world.hpp) streamed customer block by block into
// the sufficient statistics, fitted, and one shock scored; answers the timings. Options: customers, weeks,
// surrogates, es, seed, measure_generation.
Json dcm_scale_json(const Json& options, RunContext& context);

}  // namespace incrementa
