#include "api/mmm_json.hpp"

#include <cctype>

#include "core/error.hpp"
#include "mmm/mmm.hpp"
#include "sim/mmm_world.hpp"

namespace incrementa {

namespace {

const char* kCommand = "mmm";

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Roles a marketing-mix export usually names this way (Robyn: *_S; Meridian: *_spend; PyMC: x1, x2).
void guess_roles(const Table& t, mmm::MmmOptions& o) {
  if (o.kpi.empty())
    for (const char* k : {"y", "sales", "revenue", "conversions", "kpi"})
      for (const Column& c : t.columns())
        if (o.kpi.empty() && lower(c.name) == k && c.is_numeric()) o.kpi = c.name;
  if (o.date.empty())
    for (const char* k : {"date", "date_week", "week", "time", "ds"})
      for (const Column& c : t.columns())
        if (o.date.empty() && lower(c.name) == k) o.date = c.name;
  if (o.channels.empty())
    for (const Column& c : t.columns()) {
      const std::string n = lower(c.name);
      const bool x_number = n.size() >= 2 && n[0] == 'x' && std::isdigit(static_cast<unsigned char>(n[1]));
      if (c.is_numeric() && c.name != o.kpi && (ends_with(c.name, "_S") || ends_with(n, "_spend") || n.rfind("spend_", 0) == 0 || x_number))
        o.channels.push_back(c.name);
    }
}

mmm::MmmOptions read_options(const Table& t, const Json& j) {
  check_known_keys(j,
                   {"kpi", "date", "channels", "controls", "adstock", "saturation", "max_lag", "fourier", "trend", "ridge",
                    "holdout", "bootstrap", "level", "seed", "total", "change", "lower", "upper", "curve_points", "curve_max", "edges"},
                   kCommand);
  mmm::MmmOptions o;
  o.kpi = optional_string(j, "kpi").value_or("");
  o.date = optional_string(j, "date").value_or("");
  o.channels = string_list(j, "channels", kCommand);
  o.controls = string_list(j, "controls", kCommand);
  if (auto a = optional_string(j, "adstock")) o.adstock = mmm::parse_adstock(*a);
  if (auto s = optional_string(j, "saturation")) o.saturation = mmm::parse_saturation(*s);
  o.max_lag = count_or(j, "max_lag", o.max_lag, kCommand);
  o.fourier = count_or(j, "fourier", o.fourier, kCommand);
  o.trend = bool_or(j, "trend", o.trend, kCommand);
  o.ridge = number_or(j, "ridge", o.ridge);
  if (!std::isnan(o.ridge) && !(o.ridge >= 0)) throw ConfigError("mmm: 'ridge' must be >= 0");
  o.holdout = count_or(j, "holdout", o.holdout, kCommand);
  o.bootstrap = count_or(j, "bootstrap", o.bootstrap, kCommand);
  o.level = number_or(j, "level", o.level);
  o.seed = count_or(j, "seed", o.seed, kCommand);
  o.total = number_or(j, "total", o.total);
  o.change = number_or(j, "change", o.change);
  if (!std::isnan(o.total) && o.change != 0) throw ConfigError("mmm: give 'total' or 'change', not both");
  o.lower = number_or(j, "lower", o.lower);
  o.upper = number_or(j, "upper", o.upper);
  o.curve_points = count_or(j, "curve_points", o.curve_points, kCommand);
  o.curve_max = number_or(j, "curve_max", o.curve_max);
  if (j.contains("edges") && !j["edges"].is_null()) {
    const Json& e = j["edges"];
    const std::string bad = "mmm: 'edges' must be a list of [from, to] pairs of column names, got ";
    if (!e.is_array()) throw ConfigError(bad + e.dump());
    for (const auto& pair : e) {
      if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
        throw ConfigError(bad + pair.dump());
      o.edges.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
    }
  }
  if (o.fourier > 10) throw ConfigError("mmm: 'fourier' must be 0 to 10");
  if (o.bootstrap > 5000) throw ConfigError("mmm: 'bootstrap' must be at most 5000");
  if (o.curve_points > 1001 || !(o.curve_max > 0)) throw ConfigError("mmm: curve_points at most 1001, curve_max > 0");
  guess_roles(t, o);
  return o;
}

Json accuracy_json(const mmm::Accuracy& a) {
  return {{"r2", number_or_null(a.r2)}, {"rmse", number_or_null(a.rmse)}, {"mape", number_or_null(a.mape)}, {"weeks", a.weeks}};
}

Json channel_json(const mmm::ChannelReport& c, const mmm::MmmOptions& o) {
  Json params = Json::object();
  for (const mmm::ParamRange& p : mmm::channel_params(o.adstock, o.saturation)) {
    mmm::Shape s = c.shape;
    const auto ci = c.param_ci.find(p.name);
    params[p.name] = {{"value", mmm::param_ref(s, p.name)},
                      {"ci", ci == c.param_ci.end() ? Json(nullptr) : interval_json(ci->second)},
                      {"range", {p.lo, p.hi}}};
  }
  const auto beta_ci = c.param_ci.find("beta");
  return {{"name", c.name},
          {"spend", c.spend},
          {"contribution", c.contribution},
          {"contribution_ci", c.param_ci.empty() ? Json(nullptr) : interval_json(c.contribution_ci)},
          {"share", number_or_null(c.share)},
          {"roi", number_or_null(c.roi)},
          {"roi_ci", c.param_ci.empty() ? Json(nullptr) : interval_json(c.roi_ci)},
          {"mroi", number_or_null(c.mroi)},
          {"mroi_ci", c.param_ci.empty() ? Json(nullptr) : interval_json(c.mroi_ci)},
          {"beta", c.beta},
          {"beta_ci", beta_ci == c.param_ci.end() ? Json(nullptr) : interval_json(beta_ci->second)},
          {"scale", c.scale},
          {"params", params},
          {"lag_weights", numbers_json(c.lag_weights)},
          {"curve",
           {{"multiplier", numbers_json(c.curve_multiplier)},
            {"kpi", numbers_json(c.curve_kpi)},
            {"lo", numbers_json(c.curve_lo)},
            {"hi", numbers_json(c.curve_hi)}}},
          {"spend_by_week", numbers_json(c.spend_by_week)},
          {"adstocked", numbers_json(c.adstocked)},
          {"by_week", numbers_json(c.by_week)}};
}

Json allocation_json(const mmm::MmmReport& r) {
  Json ch = Json::array();
  double now = 0, next = 0;
  for (size_t c = 0; c < r.channels.size(); ++c) {
    ch.push_back({{"name", r.channels[c].name},
                  {"spend_now", r.channels[c].spend},
                  {"spend_new", r.allocation.spend[c]},
                  {"kpi_now", r.channels[c].contribution},
                  {"kpi_new", r.allocation.kpi[c]}});
    now += r.channels[c].contribution;
    next += r.allocation.kpi[c];
  }
  return {{"total", r.allocation.total}, {"lower", r.options.lower}, {"upper", r.options.upper},
          {"grid_step", r.allocation.grid_step}, {"kpi_now", now}, {"kpi_new", next}, {"channels", ch}};
}

Json graph_json(const mmm::GraphRoles& g) {
  Json dropped = Json::array(), channels = Json::array();
  for (const auto& d : g.dropped) dropped.push_back({{"control", d.control}, {"because", d.because}});
  for (const auto& c : g.channels)
    channels.push_back({{"channel", c.name}, {"adjust_for", c.adjust_for}, {"mediators", c.mediators}});
  return {{"kept_controls", g.kept_controls}, {"dropped_controls", dropped}, {"channels", channels}, {"notes", g.notes}};
}

Json definitions() {
  return {
      {"contribution", "KPI the channel added over the weeks shown: the fitted model's KPI minus the same model with the channel's spend at 0"},
      {"share", "contribution / total KPI over the weeks"},
      {"roi", "contribution / spend: KPI units per unit of spend over the weeks"},
      {"mroi", "marginal ROI: extra KPI per extra unit of spend at today's spend (spend in every week scaled by 1 +/- 1%)"},
      {"beta", "KPI per week at full saturation of the channel"},
      {"decay", "geometric adstock: share of a week's effect that carries to the next week (weights normalised over max_lag weeks)"},
      {"shape", "Weibull adstock shape: < 1 front-loaded, > 1 the effect peaks some weeks after the spend"},
      {"scale", "Weibull adstock scale, as a share of max_lag weeks"},
      {"lam", "logistic saturation (1 - e^{-lam x}) / (1 + e^{-lam x}) of x = adstocked spend / the channel's largest week: larger = saturates sooner"},
      {"half", "Hill saturation x^s / (x^s + half^s): spend (share of the largest week) at half the ceiling"},
      {"slope", "Hill saturation exponent s: > 1 is S-shaped"},
      {"ci", "percentile interval of a moving-block bootstrap of the residuals (blocks of block_length weeks), every parameter refitted each time"},
      {"ridge", "penalty per week on standardised columns (media, trend, seasonality, controls; not the intercept), chosen by the holdout RMSE unless given"},
      {"holdout", "accuracy on the last weeks of a fit that did not see them (the chosen ridge's fit)"},
      {"mape", "mean absolute percentage error, percent"},
      {"curve", "response curve: KPI over the weeks if the channel's spend in every week were multiplied by 'multiplier' (its weekly pattern kept)"},
      {"allocation", "the split of 'total' spend that maximises the model's media KPI, each channel kept between lower and upper x its spend: exact dynamic programme on a grid of grid_step"},
      {"baseline", "intercept + trend: the KPI the model expects with no media, no seasonality and controls at 0"},
      {"graph", "with 'edges': controls the graph says a channel or the KPI causes are left out (holding a mediator fixed hides part of a channel's effect); adjust_for = the channel's parents, the back-door set the joint regression holds fixed; mediators = channels it drives, whose part of its effect is not in its contribution"},
      {"adstocked", "per week: the channel's adstocked spend (the page recomputes what-ifs from it)"},
  };
}

}  // namespace

Json mmm_defaults_json() {
  const mmm::MmmOptions o;
  return {{"adstock", mmm::adstock_name(o.adstock)}, {"saturation", mmm::saturation_name(o.saturation)},
          {"max_lag", o.max_lag}, {"fourier", o.fourier}, {"trend", o.trend}, {"ridge_grid", mmm::ridge_grid()},
          {"holdout", o.holdout}, {"bootstrap", o.bootstrap}, {"level", o.level}, {"seed", o.seed},
          {"lower", o.lower}, {"upper", o.upper}, {"curve_points", o.curve_points}, {"curve_max", o.curve_max}};
}

Json mmm_json(const Table& table, const Json& j, RunContext& context) {
  const mmm::MmmOptions o = read_options(table, j);
  const mmm::MmmReport r = mmm::run_mmm(table, o, context);
  Json channels = Json::array();
  for (const auto& c : r.channels) channels.push_back(channel_json(c, o));
  Json base = Json::array();
  for (size_t i = 0; i < r.base_names.size(); ++i) base.push_back({{"name", r.base_names[i]}, {"coef", r.base_coef[i]}});
  Json ridge = Json::array();
  for (size_t i = 0; i < r.ridge_tried.size(); ++i)
    ridge.push_back({{"ridge", r.ridge_tried[i]}, {"holdout_rmse", number_or_null(r.ridge_holdout_rmse[i])}});
  Json controls = Json::object();
  for (size_t i = 0; i < r.controls.size(); ++i) controls[r.controls[i]] = numbers_json(r.control_by_week[i]);
  Json warnings = Json::array();
  for (const auto& b : r.at_bound) warnings.push_back(b + " ended on its search bound: the data do not pin it down");
  return {{"command", "mmm"},
          {"kpi", o.kpi},
          {"date", o.date.empty() ? Json(nullptr) : Json(o.date)},
          {"weeks", r.weeks.size()},
          {"model",
           {{"adstock", mmm::adstock_name(o.adstock)}, {"saturation", mmm::saturation_name(o.saturation)},
            {"max_lag", o.max_lag}, {"fourier", o.fourier}, {"trend", o.trend}, {"ridge", r.ridge},
            {"ridge_tried", ridge}, {"intercept", r.intercept}, {"base", base}}},
          {"fit", {{"in_sample", accuracy_json(r.in_sample)}, {"holdout", accuracy_json(r.holdout)}}},
          {"channels", channels},
          {"media_kpi", r.media_kpi_now},
          {"decomposition",
           {{"week", r.weeks}, {"kpi", numbers_json(r.kpi)}, {"fitted", numbers_json(r.fitted)}, {"baseline", numbers_json(r.baseline)},
            {"seasonality", numbers_json(r.seasonality)}, {"controls", controls}}},
          {"allocation", allocation_json(r)},
          {"bootstrap", {{"replicates", r.bootstrap_done}, {"block_length", r.block_length}, {"level", o.level}, {"seed", o.seed}}},
          {"graph", r.graph ? graph_json(*r.graph) : Json(nullptr)},
          {"warnings", warnings},
          {"definitions", definitions()}};
}

MmmWorld mmm_world_options(const Json& j, const std::string& command) {
  check_known_keys(j, {"weeks", "channels", "noise", "seed"}, command);
  MmmWorld w;
  w.weeks = count_or(j, "weeks", w.weeks, command);
  w.channels = count_or(j, "channels", w.channels, command);
  w.noise = number_or(j, "noise", w.noise);
  w.seed = count_or(j, "seed", w.seed, command);
  return w;
}

Json mmm_truth_json(const Json& j) {
  const MmmWorldTruth truth = simulate_mmm(mmm_world_options(j, "mmm_truth"));
  Json ch = Json::array();
  for (const auto& c : truth.channels) ch.push_back({{"name", c.name}, {"decay", c.decay}, {"lam", c.lam}, {"beta", c.beta}});
  return {{"command", "mmm_truth"}, {"adstock", "geometric"}, {"saturation", "logistic"}, {"max_lag", 8}, {"channels", ch}};
}

}  // namespace incrementa
