// JSON face of the marketing-mix room (CLI `mmm fit|optimise`, the page):
// options -> mmm::MmmOptions (known keys, defaults from mmm/data.hpp),
// mmm::MmmReport -> JSON with definitions.
//   kpi, channels (required unless guessed: y/sales/revenue/conversions; *_S / *_spend / spend_* / x1, x2, ...),
//   date?, controls?, adstock? geometric|weibull, saturation? logistic|hill, max_lag?, fourier?, trend?,
//   ridge? (default: chosen by holdout), holdout? (weeks), bootstrap?, level?, seed?,
//   total? (spend to allocate) or change? (percent of what was spent), lower?/upper? (per-channel bounds, x its spend), curve_points?, curve_max?
#pragma once
#include "api/json_util.hpp"
#include "core/run_context.hpp"
#include "core/table.hpp"

namespace incrementa {

Json mmm_json(const Table& table, const Json& options, RunContext& context);

// The room's option defaults (mmm::MmmOptions), published by `features` for the CLI help and the page.
Json mmm_defaults_json();

// The simulated world's options {weeks, channels, noise, seed} (known keys checked).
struct MmmWorld;
MmmWorld mmm_world_options(const Json& options, const std::string& command);

// The simulated marketing-mix world's true parameters (for "reveal the truth").
Json mmm_truth_json(const Json& options);

}  // namespace incrementa
