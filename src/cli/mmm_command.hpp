// `incrementa mmm fit|optimise ...`: the marketing-mix commands of the CLI,
// in their own file (the flags, then one call into src/api).
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "core/csv.hpp"

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
  std::string data, kpi, date, channels, controls, adstock = "geometric", saturation = "logistic", out;
  size_t max_lag = 8, fourier = 2, holdout = 0, bootstrap = 200;
  bool no_trend = false;
  double ridge = -1, level = 0.9, total = -1, change = 0, lower = 0.5, upper = 1.5;
  uint64_t seed = 1;
};

// Registers `mmm` and its subcommands on the app; the flags live in `flags`.
void add_mmm_commands(CLI::App& app, MmmFlags& flags);

// Runs the parsed mmm subcommand; prints JSON; returns the exit status.
int run_mmm_commands(const MmmFlags& flags, const CsvOptions& csv);

}  // namespace incrementa::cli
