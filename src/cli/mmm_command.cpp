#include "cli/mmm_command.hpp"

#include <fstream>
#include <iostream>

#include "api/commands.hpp"
#include "core/csv_writer.hpp"
#include "core/error.hpp"

namespace incrementa::cli {

namespace {

void model_flags(CLI::App* c, MmmFlags& f) {
  c->add_option("--data", f.data, "weekly CSV file: one row per week")->required();
  c->add_option("--kpi", f.kpi, "KPI column (default: y, sales, revenue or conversions when present)");
  c->add_option("--channels", f.channels, "comma-separated spend columns (default: *_S, *_spend, spend_*, x1, x2, ...)");
  c->add_option("--controls", f.controls, "comma-separated control columns (text columns become dummies)");
  c->add_option("--date", f.date, "week column, ISO dates (default: date, date_week, week, time or ds when present)");
  c->add_option("--adstock", f.adstock, "geometric or weibull")->capture_default_str();
  c->add_option("--saturation", f.saturation, "logistic or hill")->capture_default_str();
  c->add_option("--max-lag", f.max_lag, "weeks an adstock can carry spend")->capture_default_str();
  c->add_option("--fourier", f.fourier, "yearly seasonality: sin/cos pairs")->capture_default_str();
  c->add_flag("--no-trend", f.no_trend, "no linear trend");
  c->add_option("--ridge", f.ridge, "ridge penalty (default: chosen by the holdout error)");
  c->add_option("--holdout", f.holdout, "last weeks kept out to measure error (default: min(26, weeks / 5))");
  c->add_option("--bootstrap", f.bootstrap, "block-bootstrap refits for intervals (0: none)")->capture_default_str();
  c->add_option("--level", f.level, "interval level")->capture_default_str();
  c->add_option("--seed", f.seed)->capture_default_str();
  c->add_option("--out", f.out, "CSV: one row per week with the KPI, the fit and each part of the decomposition");
  c->add_option("--edges", f.edges, "causal graph over KPI, channels and controls (a->b,...): controls a channel causes leave the fit");
}

Json edge_list(const std::string& text, const std::string& flag);

Json options_of(const MmmFlags& f) {
  Json o = {{"adstock", f.adstock}, {"saturation", f.saturation}, {"max_lag", f.max_lag}, {"fourier", f.fourier},
            {"trend", !f.no_trend}, {"holdout", f.holdout}, {"bootstrap", f.bootstrap}, {"level", f.level},
            {"seed", f.seed}, {"lower", f.lower}, {"upper", f.upper}};
  if (!f.kpi.empty()) o["kpi"] = f.kpi;
  if (!f.date.empty()) o["date"] = f.date;
  if (!f.channels.empty()) o["channels"] = f.channels;
  if (!f.controls.empty()) o["controls"] = f.controls;
  if (f.ridge >= 0) o["ridge"] = f.ridge;
  if (f.total >= 0) o["total"] = f.total;
  if (!f.edges.empty()) o["edges"] = edge_list(f.edges, "--edges");
  return o;
}

Column series(std::string name, const Json& values) {
  Column c;
  c.name = std::move(name);
  for (const auto& v : values) c.values.push_back(v.is_null() ? NAN : v.get<double>());
  return c;
}

void write_decomposition(const Json& r, const std::string& path) {
  const Json& d = r["decomposition"];
  Table t("decomposition");
  Column week;
  week.name = "week";
  week.type = ColumnType::Categorical;
  for (const auto& w : d["week"]) {
    week.codes.push_back(static_cast<int32_t>(week.levels.size()));
    week.levels.push_back(w.get<std::string>());
  }
  t.add_column(std::move(week));
  for (const char* k : {"kpi", "fitted", "baseline", "seasonality"}) t.add_column(series(k, d[k]));
  for (auto it = d["controls"].begin(); it != d["controls"].end(); ++it) t.add_column(series("control " + it.key(), it.value()));
  for (const auto& ch : r["channels"]) t.add_column(series("media " + ch["name"].get<std::string>(), ch["by_week"]));
  std::ofstream out(path, std::ios::binary);
  if (!out) throw InputError("cannot write '" + path + "'");
  write_csv(t, out);
  if (!out) throw InputError("could not write all of '" + path + "'");
}

// "a->b,c->d" (or "a>b") as [[a, b], [c, d]].
Json edge_list(const std::string& text, const std::string& flag) {
  Json out = Json::array();
  size_t from = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != ',') continue;
    const std::string item = text.substr(from, i - from);
    from = i + 1;
    if (item.empty()) continue;
    const size_t arrow = item.find('>');
    const size_t cut = arrow != std::string::npos && arrow > 0 && item[arrow - 1] == '-' ? arrow - 1 : arrow;
    if (arrow == std::string::npos || cut == 0 || arrow + 1 >= item.size())
      throw ConfigError(flag + ": '" + item + "' is not an edge; write from->to, e.g. tv->sales");
    out.push_back({item.substr(0, cut), item.substr(arrow + 1)});
  }
  return out;
}

void graph_flags(CLI::App* c, MmmFlags& f) {
  c->add_option("--data", f.data, "CSV file")->required();
  c->add_option("--seed", f.seed)->capture_default_str();
}

int print_json(const Json& result) {
  std::cout << result.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
  return 0;
}

}  // namespace

void add_mmm_commands(CLI::App& app, MmmFlags& f) {
  f.mmm = app.add_subcommand("mmm", "marketing mix: adstock, saturation, ROI per channel, reallocation");
  f.mmm->require_subcommand(1);
  f.fit = f.mmm->add_subcommand("fit", "fit the model: contributions, ROI and marginal ROI with intervals, response curves");
  model_flags(f.fit, f);
  f.optimise = f.mmm->add_subcommand("optimise", "fit, then split the total spend across channels to maximise the KPI");
  model_flags(f.optimise, f);
  f.optimise->add_option("--total", f.total, "total spend to place over the weeks (default: what was spent)");
  f.optimise->add_option("--change", f.change, "or: percent change of the total, e.g. -20 for 20% less");
  f.optimise->add_option("--lower", f.lower, "each channel at least lower x its spend")->capture_default_str();
  f.optimise->add_option("--upper", f.upper, "each channel at most upper x its spend")->capture_default_str();
  f.discover = f.mmm->add_subcommand("discover", "causal graph from the data and expert edges (PC), adjustment sets per channel");
  graph_flags(f.discover, f);
  f.discover->add_option("--columns", f.columns, "comma-separated columns (default: every numeric column)");
  f.discover->add_option("--required", f.required, "expert edges that must be there: a->b,c->d");
  f.discover->add_option("--forbidden", f.forbidden, "edges that may not be there: a->b,...");
  f.discover->add_option("--alpha", f.alpha, "significance level of the independence tests")->capture_default_str();
  f.discover->add_option("--max-condition", f.max_condition, "largest conditioning set")->capture_default_str();
  f.discover->add_option("--outcome", f.outcome, "the KPI: adjustment set of each treatment's effect on it");
  f.discover->add_option("--treatments", f.treatments, "comma-separated treatments (default: every other column)");
  f.augment = f.mmm->add_subcommand("augment", "causal data augmentation along a DAG: held-out error with and without");
  graph_flags(f.augment, f);
  f.augment->add_option("--target", f.target, "column to predict")->required();
  f.augment->add_option("--features", f.features, "comma-separated features (default: every other numeric column)");
  f.augment->add_option("--edges", f.edges, "the DAG: a->b,c->d (must be acyclic)");
  f.augment->add_option("--theta", f.theta, "prune augmented points lighter than this (in rows)");
  f.augment->add_option("--thetas", f.thetas, "comma-separated thetas for a sweep");
  f.augment->add_option("--holdout", f.holdout_share, "share of rows held out")->capture_default_str();
  f.augment->add_option("--max-points", f.max_points, "cap on augmented points")->capture_default_str();
  for (CLI::App* c : {f.fit, f.optimise, f.discover, f.augment}) c->fallthrough();
}

namespace {

int run_graph_commands(const MmmFlags& f, const Table& table) {
  RunContext context;
  if (f.discover->parsed()) {
    Json o = {{"alpha", f.alpha}, {"max_condition", f.max_condition}};
    if (!f.columns.empty()) o["columns"] = f.columns;
    if (!f.required.empty()) o["required"] = edge_list(f.required, "--required");
    if (!f.forbidden.empty()) o["forbidden"] = edge_list(f.forbidden, "--forbidden");
    if (!f.outcome.empty()) o["outcome"] = f.outcome;
    if (!f.treatments.empty()) o["treatments"] = f.treatments;
    return print_json(run_command("causal_discover", table, o, context));
  }
  Json o = {{"target", f.target}, {"holdout", f.holdout_share}, {"seed", f.seed}, {"max_points", f.max_points}};
  if (!f.features.empty()) o["features"] = f.features;
  if (!f.edges.empty()) o["edges"] = edge_list(f.edges, "--edges");
  if (f.theta >= 0) o["theta"] = f.theta;
  if (!f.thetas.empty()) {
    Json list = Json::array();
    size_t from = 0;
    for (size_t i = 0; i <= f.thetas.size(); ++i)
      if (i == f.thetas.size() || f.thetas[i] == ',') {
        const std::string item = f.thetas.substr(from, i - from);
        from = i + 1;
        try {
          if (!item.empty()) list.push_back(std::stod(item));
        } catch (const std::exception&) {
          throw ConfigError("--thetas: '" + item + "' is not a number");
        }
      }
    o["thetas"] = list;
  }
  return print_json(run_command("causal_augment", table, o, context));
}

}  // namespace

int run_mmm_commands(const MmmFlags& f, const CsvOptions& csv) {
  const Table table = read_csv_file(f.data, csv);
  if (f.discover->parsed() || f.augment->parsed()) return run_graph_commands(f, table);
  Json options = options_of(f);
  RunContext context;
  if (f.optimise->parsed() && f.change != 0) {
    if (f.total >= 0) throw ConfigError("mmm optimise: give --total or --change, not both");
    options["change"] = f.change;  // the room knows what was spent: no fit just to learn the total
  }
  Json result = run_command("mmm", table, options, context);
  if (!f.out.empty()) {
    write_decomposition(result, f.out);
    result["out"] = f.out;
  }
  return print_json(result);
}

}  // namespace incrementa::cli
