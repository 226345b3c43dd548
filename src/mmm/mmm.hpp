// A marketing-mix fit as a typed report: which channel pays, what each
// adds week by week, how sure we are (block-bootstrap intervals), and
// where the same money would buy more (the reallocation).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/run_context.hpp"
#include "core/table.hpp"
#include "experiment/intervals.hpp"
#include "mmm/data.hpp"
#include "mmm/graph_roles.hpp"
#include "mmm/response.hpp"
#include "mmm/search.hpp"

namespace incrementa::mmm {

struct Accuracy {
  double r2 = NAN, rmse = NAN, mape = NAN;  // mape in percent
  size_t weeks = 0;
};

struct ChannelReport {
  std::string name;
  Shape shape;
  double scale = 1, beta = 0, spend = 0, contribution = 0, share = 0, roi = NAN, mroi = NAN;
  std::map<std::string, Interval> param_ci;  // by parameter name, and "beta"
  Interval contribution_ci, roi_ci, mroi_ci;
  std::vector<double> lag_weights;           // the fitted adstock
  std::vector<double> spend_by_week, adstocked, by_week;  // per week: spend, adstocked spend, KPI from this channel
  std::vector<double> curve_multiplier, curve_kpi, curve_lo, curve_hi;
};

struct MmmReport {
  MmmOptions options;
  std::vector<std::string> weeks;
  std::vector<double> kpi, fitted, baseline, seasonality;  // baseline: intercept + trend
  std::vector<std::string> controls;
  std::vector<std::vector<double>> control_by_week;
  std::vector<ChannelReport> channels;
  double intercept = 0;
  std::vector<std::string> base_names;
  std::vector<double> base_coef;
  double ridge = 0;
  std::vector<double> ridge_tried, ridge_holdout_rmse;
  Accuracy in_sample, holdout;
  size_t bootstrap_done = 0, block_length = 0;
  std::vector<std::string> at_bound;
  Allocation allocation;
  double media_kpi_now = 0;   // sum of channel contributions at the observed spend
  std::optional<GraphRoles> graph;  // when options.edges were given
};

MmmReport run_mmm(const Table& table, const MmmOptions& options, RunContext& context);

// The same on series already read (the simulated world's tests use it).
MmmReport run_mmm(const MmmData& data, const MmmOptions& options, RunContext& context);

}  // namespace incrementa::mmm
