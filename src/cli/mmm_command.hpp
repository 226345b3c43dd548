// `incrementa mmm fit|optimise ...`: the marketing-mix commands of the CLI,
// in their own file (the flags, then one call into src/api).
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "core/csv.hpp"
#include "mmm/data.hpp"

namespace incrementa::cli {

struct MmmFlags {
  CLI::App* mmm = nullptr;
  CLI::App* fit = nullptr;
  CLI::App* optimise = nullptr;
  CLI::App* discover = nullptr;
  CLI::App* augment = nullptr;
  // discover / augment (src/causal_graph): edges as "a->b,c->d"
  std::string columns, required, forbidden, outcome, treatments, target, features, edges, thetas;
  double alpha = 0.05, theta = -1, holdout_share = 0.3;
  size_t max_condition = 3, max_points = 20000;
  // Defaults are the room's own (mmm::MmmOptions), so the help and the engine say the same.
  inline static const mmm::MmmOptions d{};
  std::string data, kpi, date, channels, controls, adstock = mmm::adstock_name(d.adstock),
                                                    saturation = mmm::saturation_name(d.saturation), out;
  size_t max_lag = d.max_lag, fourier = d.fourier, holdout = d.holdout, bootstrap = d.bootstrap;
  bool no_trend = !d.trend;
  double ridge = -1, level = d.level, total = -1, change = 0, lower = d.lower, upper = d.upper;
  uint64_t seed = d.seed;
};

// Registers `mmm` and its subcommands on the app; the flags live in `flags`.
void add_mmm_commands(CLI::App& app, MmmFlags& flags);

// Runs the parsed mmm subcommand; prints JSON; returns the exit status.
int run_mmm_commands(const MmmFlags& flags, const CsvOptions& csv);

}  // namespace incrementa::cli
