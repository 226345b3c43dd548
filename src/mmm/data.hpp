// The typed inputs of a marketing-mix fit: options with their defaults (one
// place), and the weekly series read from a table with every check a user
// needs (negative spend, missing weeks, a channel that never varies).
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/table.hpp"
#include "mmm/transforms.hpp"

namespace incrementa::mmm {

struct MmmOptions {
  std::string kpi;                       // the outcome column (sales, revenue, conversions)
  std::string date;                      // week column (ISO dates); empty = none
  std::vector<std::string> channels;     // paid media spend columns
  std::vector<std::string> controls;     // other drivers (numbers, or text: one dummy per level but the commonest)
  Adstock adstock = Adstock::Geometric;
  Saturation saturation = Saturation::Logistic;
  size_t max_lag = 8;                    // weeks an adstock can carry spend
  size_t fourier = 2;                    // yearly seasonality: sin/cos pairs
  bool trend = true;                     // a linear trend
  double ridge = NAN;                    // penalty per week on standardised columns; NaN = chosen by the holdout
  size_t holdout = 0;                    // last weeks kept out to measure error; 0 = min(26, weeks / 5)
  size_t bootstrap = 200;                // block-bootstrap refits for intervals (0 = none)
  double level = 0.9;                    // interval level
  uint64_t seed = 1;
  double total = NAN;                    // allocation: total spend to place (NaN = what was spent)
  double change = 0;                     // or: percent change of what was spent (-20 = 20% less), when total is NaN
  double lower = 0.5, upper = 1.5;       // allocation: each channel between lower and upper x its spend
  size_t curve_points = 41;              // response curve: points from 0 to curve_max x spend
  double curve_max = 2.0;
  // A causal graph over the KPI, channels and controls ([from, to]); empty = none. Controls it says a
  // channel or the KPI causes leave the model (mmm/graph_roles.hpp).
  std::vector<std::pair<std::string, std::string>> edges;
};

// The ridge penalties tried when `ridge` is not given (chosen by holdout error).
const std::vector<double>& ridge_grid();

struct MmmData {
  std::vector<std::string> weeks;      // labels: the date text, or "week 1" ...
  std::vector<double> season_day;      // day of the year (or 7 x week index without dates)
  std::vector<double> kpi;
  std::vector<std::string> channels;
  std::vector<std::vector<double>> spend;   // [channel][week]
  std::vector<std::string> controls;        // after expanding text controls into dummies
  std::vector<std::vector<double>> control; // [control][week]
  size_t weeks_count() const { return kpi.size(); }
};

// InputError / ConfigError name the column, the line and the value.
MmmData read_mmm_data(const Table& table, const MmmOptions& options);

}  // namespace incrementa::mmm
