// The JSON face of the Dynamic Causal Model (issue 6).
//   dcm_train: options {"config": {...}, "bootstrap": B, "seed": S} ->
//              {"model": <incrementa-dcm v1, docs/dcm-model.md>, "summary": ..., "definitions": ...}
//   dcm_score: options {"model": <model JSON>, "shock": {"shocks": [...]}} ->
//              {"total", "periods", "groups", "window", "definitions"} (+ CIs when the model was bootstrapped)
#pragma once
#include "api/json_util.hpp"
#include "core/run_context.hpp"
#include "core/table.hpp"

namespace incrementa {

Json dcm_train_json(const Table& panel, const Json& options, RunContext& context);
Json dcm_score_json(const Table& panel, const Json& options, RunContext& context);

}  // namespace incrementa
