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
}

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
  f.fit->fallthrough();
  f.optimise->fallthrough();
}

int run_mmm_commands(const MmmFlags& f, const CsvOptions& csv) {
  const Table table = read_csv_file(f.data, csv);
  Json options = options_of(f);
  RunContext context;
  if (f.optimise->parsed() && f.change != 0) {
    if (f.total >= 0) throw ConfigError("mmm optimise: give --total or --change, not both");
    if (!(f.change > -100)) throw ConfigError("mmm optimise: --change must be above -100 (percent)");
    // The total is what was spent, changed: fit once without a total to learn it.
    Json probe = options;
    probe["bootstrap"] = 0;
    const Json fit = run_command("mmm", table, probe, context);
    options["total"] = fit["allocation"]["total"].get<double>() * (1 + f.change / 100);
  }
  Json result = run_command("mmm", table, options, context);
  if (!f.out.empty()) {
    write_decomposition(result, f.out);
    result["out"] = f.out;
  }
  std::cout << result.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
  return 0;
}

}  // namespace incrementa::cli
