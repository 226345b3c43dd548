// incrementa <command> [flags]: JSON result on stdout; on bad input a clear
// message on stderr and a non-zero exit status.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <iostream>

#include "api/commands.hpp"
#include "api/dcm_json.hpp"
#include "api/dcm_stats_json.hpp"
#include "cli/mmm_command.hpp"
#include "core/csv.hpp"
#include "core/csv_writer.hpp"
#include <fstream>
#include <sstream>
#include "core/error.hpp"
#include "core/parallel.hpp"

using incrementa::Json;

namespace {

int print(const Json& result) {
  // Invalid UTF-8 cannot reach here from a CSV (the reader rejects it); replace guards the rest.
  std::cout << result.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
  return 0;
}

Json read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw incrementa::InputError("cannot open '" + path + "'");
  try {
    return Json::parse(in);
  } catch (const Json::exception& e) {
    throw incrementa::ConfigError(path + ": not valid JSON: " + e.what());
  }
}

// --delimiter: one character, or a word for the one that is awkward to type.
incrementa::CsvOptions csv_options(const std::string& delimiter) {
  incrementa::CsvOptions options;
  if (delimiter.empty()) return options;
  options.delimiter_given = true;
  if (delimiter == "tab" || delimiter == "\\t" || delimiter == "\t") options.delimiter = '\t';
  else if (delimiter.size() == 1 && delimiter[0] != '"' && delimiter[0] != '\n' && delimiter[0] != '\r')
    options.delimiter = delimiter[0];
  else
    throw incrementa::ConfigError("--delimiter '" + delimiter + "': expected one character such as ',' ';' '|', or 'tab'");
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"incrementa: causal-inference analyses (A/B readout, ...) on CSV files; prints JSON"};
  app.require_subcommand(1);
  size_t threads = 0;
  app.add_option("--threads", threads, "worker threads (default: all cores, at most 16)");
  std::string delimiter;
  app.add_option("--delimiter", delimiter, "field delimiter of the CSV files: , ; | or tab (default: ,)");

  std::string data, arm, outcome;
  std::string control, covariate;
  double alpha = 0.05;
  CLI::App* abtest = app.add_subcommand("abtest", "A/B readout: each arm vs the control, with CIs and CUPED");
  abtest->add_option("--data", data, "CSV file")->required();
  abtest->add_option("--arm", arm, "column with the arm of each row")->required();
  abtest->add_option("--control", control, "label of the control arm (default: guessed, e.g. 'control', 'No ...')");
  abtest->add_option("--outcome", outcome, "numeric outcome column (0/1 for rates)")->required();
  abtest->add_option("--covariate", covariate, "pre-period covariate for CUPED variance reduction");
  abtest->add_option("--alpha", alpha, "1 - confidence level")->capture_default_str();
  abtest->fallthrough();

  CLI::App* describe = app.add_subcommand("describe", "columns, types and levels of a CSV file");
  describe->add_option("--data", data, "CSV file")->required();
  describe->fallthrough();

  std::string model = "linear", features;
  double ridge = 0;
  CLI::App* regress = app.add_subcommand("regress", "linear or logistic regression with standard errors");
  regress->add_option("--data", data, "CSV file")->required();
  regress->add_option("--outcome", outcome, "outcome column")->required();
  regress->add_option("--features", features, "comma-separated feature columns (default: every other numeric column)");
  regress->add_option("--model", model, "linear or logistic")->capture_default_str();
  regress->add_option("--ridge", ridge, "L2 penalty (not on the intercept)")->capture_default_str();
  regress->fallthrough();

  size_t rows = 1000, nfeatures = 5;
  uint64_t seed = 1;
  bool logistic = false;
  std::string out_path;
  CLI::App* simulate = app.add_subcommand("simulate", "write a simulated world with known truth as CSV");
  simulate->add_option("world", model, "which world: regression, travel, uplift, dcm, segments or mmm")->required();
  simulate->add_option("--rows", rows, "rows (dcm: customers)")->capture_default_str();
  size_t weeks = 26;
  simulate->add_option("--weeks", weeks, "dcm: weeks per customer; mmm: weeks (default 156)")->capture_default_str();
  auto* sim_features = simulate->add_option("--features", nfeatures, "features (segments: default 12)")->capture_default_str();
  size_t levels = 3;
  simulate->add_option("--levels", levels, "travel: discount levels 5%, 10%, ... (1 to 8)")->capture_default_str();
  simulate->add_option("--seed", seed)->capture_default_str();
  simulate->add_flag("--logistic", logistic, "binary outcome from a logistic model");
  double u_heterogeneity = 1, u_confounding = 0, u_positivity = 0, u_noise = 1;
  bool u_truth = false;
  simulate->add_option("--heterogeneity", u_heterogeneity, "uplift: strength of the CATE's variation (1 = Wager-Athey)")->capture_default_str();
  simulate->add_option("--confounding", u_confounding, "uplift: how strongly x3 drives the treatment (0 = randomised)")->capture_default_str();
  simulate->add_option("--positivity", u_positivity, "uplift: share of the x1 range never treated (0 to 0.5)")->capture_default_str();
  simulate->add_option("--noise", u_noise, "uplift: outcome noise sd")->capture_default_str();
  simulate->add_flag("--truth", u_truth, "uplift: add true_cate and true_propensity columns");
  size_t sim_factors = 4, sim_clusters = 5;
  double sim_separation = 1.0;
  simulate->add_option("--factors", sim_factors, "segments: true factors")->capture_default_str();
  simulate->add_option("--clusters", sim_clusters, "segments: true segments (at most 2^factors - 1)")->capture_default_str();
  simulate->add_option("--separation", sim_separation, "segments: larger = better separated segments")->capture_default_str();
  size_t sim_channels = 3;
  double sim_noise = 1.0;
  simulate->add_option("--channels", sim_channels, "mmm: media channels (1 to 8)")->capture_default_str();
  simulate->add_option("--mmm-noise", sim_noise, "mmm: noise sd as a multiple of 2% of the baseline")->capture_default_str();
  simulate->add_option("--out", out_path, "CSV file to write (default: stdout)");
  simulate->fallthrough();

  std::string s_features, s_id, s_scaling = "minmax", s_cate, s_treatment, s_outcome, s_value, s_out;
  size_t s_factors = 4, s_clusters = 5, s_bootstrap = 20;
  uint64_t s_seed = 1;
  double s_cost = 0;
  incrementa::cli::MmmFlags mmm_flags;
  incrementa::cli::add_mmm_commands(app, mmm_flags);

  CLI::App* segment = app.add_subcommand("segment", "customer segments: NMF factors, K-Means segments, stability, segments x uplift");
  segment->add_option("--data", data, "CSV file")->required();
  segment->add_option("--features", s_features, "comma-separated feature columns (default: every numeric column but the roles)");
  segment->add_option("--id", s_id, "customer id column (default: customer_id, customer, CustomerID or id when present)");
  segment->add_option("--scaling", s_scaling, "minmax, log_minmax or none")->capture_default_str();
  segment->add_option("--factors", s_factors, "NMF rank K")->capture_default_str();
  segment->add_option("--clusters", s_clusters, "number of segments C")->capture_default_str();
  segment->add_option("--bootstrap", s_bootstrap, "bootstrap refits for stability (0: none)")->capture_default_str();
  segment->add_option("--seed", s_seed)->capture_default_str();
  segment->add_option("--cate", s_cate, "CATE column (e.g. from 'uplift --predict-out')");
  segment->add_option("--treatment", s_treatment, "randomised 0/1 treatment column (with --outcome)");
  segment->add_option("--outcome", s_outcome, "outcome column of the experiment");
  segment->add_option("--cost", s_cost, "cost per treated customer, in outcome units")->capture_default_str();
  segment->add_option("--value", s_value, "money column: each segment's share of it");
  segment->add_option("--out", s_out, "CSV: one row per input row with the id, segment and factor scores");
  segment->fallthrough();

  std::string coalitions, game_path, dcm_model, players, method;
  double samples = 10000, target_se = 0;
  CLI::App* shapley = app.add_subcommand("shapley", "Shapley values of a cooperative game, with the naive numbers beside them");
  auto* game_sources = shapley->add_option_group("game", "where the game comes from");
  game_sources->add_option("--coalitions", coalitions, "CSV: one 0/1 column per player and a 'value' column");
  game_sources->add_option("--game", game_path, "JSON teaching game: glove, airport or voting");
  game_sources->add_option("--dcm-model", dcm_model, "a fitted DCM model (channels, features or groups as players)");
  game_sources->require_option(1);
  shapley->add_option("--panel", data, "panel CSV for --dcm-model");
  shapley->add_option("--players", players, "channels|features|groups or a comma-separated list of channels / ES surrogates, for --dcm-model");
  bool shapley_interactions = false;
  shapley->add_flag("--interactions", shapley_interactions, "add pairwise Shapley interaction indices (exact method, n <= 20)");
  shapley->add_option("--method", method, "exact (n <= 20) or permutation");
  shapley->add_option("--samples", samples, "permutations for the permutation method")->capture_default_str();
  shapley->add_option("--target-se", target_se, "stop sampling once every player's SE is at most this");
  shapley->add_option("--seed", seed, "random seed for sampling")->capture_default_str();
  shapley->fallthrough();

  std::string offers_path, objective = "conversions", solver = "lagrangian", plan_out;
  double budget_amount = 0, roi_floor = 0, risk_draws = 0;
  size_t frontier_points = 21;
  CLI::App* budget = app.add_subcommand("budget", "which offer for whom under a budget and an ROI floor (multiple-choice knapsack)");
  budget->add_option("--data", data, "CSV file with per-customer conversion probabilities")->required();
  budget->add_option("--offers", offers_path, "offers spec JSON: base, value_per_conversion, offers[{name, column, cost_per_conversion}]")->required();
  budget->add_option("--budget", budget_amount, "total expected cost allowed")->required();
  CLI::Option* roi_opt = budget->add_option("--roi-floor", roi_floor, "minimum ROI = value_per_conversion x incremental conversions / cost");
  budget->add_option("--objective", objective, "conversions or profit")->capture_default_str();
  budget->add_option("--solver", solver, "lagrangian (LP path, rounded), exact (DP, small instances) or greedy")->capture_default_str();
  budget->add_option("--frontier", frontier_points, "frontier points (0 = none)")->capture_default_str();
  budget->add_option("--risk-draws", risk_draws, "Monte Carlo draws for the cost risk (0 = normal approximation only)");
  budget->add_option("--seed", seed, "seed for the random baseline and Monte Carlo")->capture_default_str();
  std::string segment_col;
  double cost_quantile = 0;
  budget->add_option("--segment", segment_col, "column for a per-segment breakdown of the plan");
  CLI::Option* quantile_opt = budget->add_option("--cost-quantile", cost_quantile, "plan so that realised cost stays within the budget with this probability");
  budget->add_option("--out", plan_out, "CSV: one row per input row, in input order, with the chosen offer (or none)");
  budget->fallthrough();

  std::string config_path, model_out, shock_path;
  size_t bootstrap = 0;
  CLI::App* dcm = app.add_subcommand("dcm", "Dynamic Causal Model: train on a customers x periods panel, score a shock");
  dcm->require_subcommand(1);
  CLI::App* dcm_train = dcm->add_subcommand("train", "fit the model (one regression per period and target)");
  std::string dcm_stats;
  dcm_train->add_option("--panel", data, "long panel CSV: customer, period, surrogates, outcome, features");
  dcm_train->add_option("--stats", dcm_stats, "instead of --panel: the sufficient statistics computed elsewhere (CSV from 'incrementa sql')");
  dcm_train->add_option("--config", config_path, "config JSON (see docs/dcm-model.md)")->required();
  dcm_train->add_option("--bootstrap", bootstrap, "bootstrap replicates over customers (0 = none)")->capture_default_str();
  dcm_train->add_option("--seed", seed, "bootstrap seed")->capture_default_str();
  dcm_train->add_option("--model-out", model_out, "where to write the model JSON")->required();
  std::string dcm_x0;
  dcm_train->add_option("--x0", dcm_x0, "per-customer features X0 in a separate CSV (the customer column and the config's features)");
  dcm_train->fallthrough();
  std::string stats_out;
  CLI::App* dcm_stats_cmd = dcm->add_subcommand("stats", "the panel's sufficient statistics as CSV (the layout of 'incrementa sql'; shards add up)");
  dcm_stats_cmd->add_option("--panel", data, "long panel CSV (or one shard of customers)")->required();
  dcm_stats_cmd->add_option("--config", config_path, "config JSON (see docs/dcm-model.md)")->required();
  dcm_stats_cmd->add_option("--x0", dcm_x0, "per-customer features X0 in a separate CSV");
  dcm_stats_cmd->add_option("--out", stats_out, "where to write the CSV (default: stdout)");
  dcm_stats_cmd->fallthrough();
  CLI::App* dcm_score = dcm->add_subcommand("score", "baseline, counterfactual and incremental outcome of a shock");
  dcm_score->add_option("--model", model_out, "model JSON from 'dcm train'")->required();
  dcm_score->add_option("--panel", data, "panel CSV (same columns and periods as in training)")->required();
  dcm_score->add_option("--shock", shock_path, "shock JSON: {\"shocks\": [{\"surrogates\", \"type\", \"value\", \"from\", \"to\"}]}")->required();
  dcm_score->add_option("--x0", dcm_x0, "per-customer features X0 in a separate CSV (as in training)");
  dcm_score->fallthrough();
  size_t dcm_customers = 100000, dcm_weeks = 104, dcm_surrogates = 50, dcm_es = 10;
  bool dcm_measure_generation = false;
  CLI::App* dcm_scale = dcm->add_subcommand("scale", "speed bar: a wide simulated world streamed into the statistics, fitted, one shock scored (timings)");
  dcm_scale->add_option("--customers", dcm_customers, "customers")->capture_default_str();
  dcm_scale->add_option("--weeks", dcm_weeks, "weeks")->capture_default_str();
  dcm_scale->add_option("--surrogates", dcm_surrogates, "surrogates, ES included")->capture_default_str();
  dcm_scale->add_option("--es", dcm_es, "ES surrogates")->capture_default_str();
  dcm_scale->add_option("--seed", seed, "world seed")->capture_default_str();
  dcm_scale->add_flag("--measure-generation", dcm_measure_generation, "also time generating the customers alone");
  dcm_scale->fallthrough();
  CLI::App* dcm_truth = dcm->add_subcommand("truth", "the simulated world's TRUE incremental spend of a shock");
  dcm_truth->add_option("--customers", dcm_customers, "customers, as in 'simulate dcm --rows'")->required();
  dcm_truth->add_option("--weeks", dcm_weeks, "weeks, as in 'simulate dcm --weeks'")->required();
  dcm_truth->add_option("--seed", seed, "world seed, as in 'simulate dcm --seed'")->capture_default_str();
  dcm_truth->add_option("--shock", shock_path, "shock JSON (as for 'dcm score')")->required();
  dcm_truth->fallthrough();
  dcm->fallthrough();

  std::string u_treatment, u_control, u_outcome, u_features, u_exclude, u_arms, u_learner = "dr", u_base = "linear",
      u_propensity = "known", u_predict_out;
  size_t u_folds = 5, u_trees = 0;
  uint64_t u_seed = 1;
  double u_threshold = 0, u_top_share = 0.2, u_clip = 0.01;
  CLI::App* uplift = app.add_subcommand("uplift", "uplift targeting: out-of-fold CATE per row, Qini/AUUC, policy values");
  uplift->add_option("--data", data, "CSV file")->required();
  uplift->add_option("--treatment", u_treatment, "column with the arm of each row")->required();
  uplift->add_option("--control", u_control, "label of the control arm (needed unless the column is 0/1-like)");
  uplift->add_option("--outcome", u_outcome, "numeric outcome column (0/1 for conversions)")->required();
  auto* u_feat = uplift->add_option("--features", u_features, "comma-separated feature columns (default: every other column)");
  uplift->add_option("--exclude", u_exclude, "comma-separated columns to leave out of the features")->excludes(u_feat);
  uplift->add_option("--arms", u_arms, "comma-separated treated values to estimate (default: every arm)");
  uplift->add_option("--learner", u_learner, "s, t, x, r, dr or causal_forest")->capture_default_str();
  uplift->add_option("--base", u_base, "base learner: linear, logistic, gbm or forest")->capture_default_str();
  uplift->add_option("--propensity", u_propensity, "known (randomised) or estimated (cross-fitted logistic)")->capture_default_str();
  uplift->add_option("--folds", u_folds, "cross-fitting folds")->capture_default_str();
  uplift->add_option("--trees", u_trees, "trees (causal_forest / forest)");
  uplift->add_option("--seed", u_seed, "seed for the folds")->capture_default_str();
  uplift->add_option("--threshold", u_threshold, "learned policy: treat when the predicted uplift exceeds this")->capture_default_str();
  uplift->add_option("--top-share", u_top_share, "learned top policy: share of rows treated")->capture_default_str();
  uplift->add_option("--clip", u_clip, "clip propensities to [clip, 1 - clip]")->capture_default_str();
  uplift->add_option("--predict-out", u_predict_out, "CSV: one row per input row, in input order, with the out-of-fold cate");
  double u_cost = 0, u_value = 1, u_trim = 0, u_rate_replicates = 200;
  std::string u_true_cate;
  auto* u_cost_opt = uplift->add_option("--cost", u_cost, "cost per treated row (cost-aware policy, net values)");
  auto* u_value_opt = uplift->add_option("--value", u_value, "value per unit of outcome, e.g. per conversion (default 1)");
  auto* u_trim_opt = uplift->add_option("--trim", u_trim, "leave rows with propensity outside [trim, 1 - trim] out of the evaluation");
  auto* u_rate_opt = uplift->add_option("--rate-replicates", u_rate_replicates,
                                       "RATE bootstrap replicates (0: no RATE standard errors)")->capture_default_str();
  uplift->add_option("--true-cate", u_true_cate, "column with the true CATE (simulated worlds): truth figures, left out of the features");
  uplift->fallthrough();

  std::string sql_dialect = "duckdb", sql_from = "panel", sql_print = "json";
  CLI::App* sql = app.add_subcommand("sql", "the DCM's sufficient statistics as SQL (DuckDB or Spark), for panels in a database");
  sql->add_option("--config", config_path, "DCM config JSON (see docs/dcm-model.md)")->required();
  sql->add_option("--dialect", sql_dialect, "duckdb or spark")->capture_default_str();
  sql->add_option("--from", sql_from, "table name or table expression, e.g. \"read_parquet('panel.parquet')\"")->capture_default_str();
  sql->add_option("--print", sql_print, "json (both queries and what z is), statistics or check (that query's SQL alone)")->capture_default_str();
  sql->fallthrough();

  app.add_subcommand("features", "what this build supports (SIMD, threads)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  try {
    incrementa::set_thread_count(threads);
    const incrementa::CsvOptions csv = csv_options(delimiter);
    if (app.got_subcommand("features")) return print(incrementa::build_features());
    if (mmm_flags.mmm->parsed()) return incrementa::cli::run_mmm_commands(mmm_flags, csv);
    if (dcm_scale->parsed() || dcm_truth->parsed()) {
      incrementa::RunContext context;
      if (dcm_scale->parsed())
        return print(incrementa::run_standalone("dcm_scale", {{"customers", dcm_customers}, {"weeks", dcm_weeks}, {"surrogates", dcm_surrogates},
                                                              {"es", dcm_es}, {"seed", seed}, {"measure_generation", dcm_measure_generation}}, context));
      return print(incrementa::run_standalone("dcm_truth", {{"customers", dcm_customers}, {"weeks", dcm_weeks}, {"seed", seed},
                                                            {"shock", read_json_file(shock_path)}}, context));
    }
    if (app.got_subcommand(simulate) && model == "uplift") {
      const Json o = {{"rows", rows}, {"features", nfeatures}, {"seed", seed}, {"binary", logistic},
                      {"heterogeneity", u_heterogeneity}, {"confounding", u_confounding}, {"positivity", u_positivity},
                      {"noise", u_noise}, {"truth", u_truth}};
      const incrementa::Table t = incrementa::simulate_table("uplift", o);
      if (out_path.empty()) {
        incrementa::write_csv(t, std::cout);
      } else {
        std::ofstream out(out_path, std::ios::binary);
        if (!out) throw incrementa::InputError("cannot write '" + out_path + "'");
        incrementa::write_csv(t, out);
      }
      return 0;
    }
    if (app.got_subcommand(simulate) && model == "mmm") {
      Json o = {{"seed", seed}, {"channels", sim_channels}, {"noise", sim_noise}};
      o["weeks"] = simulate->get_option("--weeks")->count() ? weeks : 156;
      const incrementa::Table t = incrementa::simulate_table("mmm", o);
      if (out_path.empty()) {
        incrementa::write_csv(t, std::cout);
      } else {
        std::ofstream out(out_path, std::ios::binary);
        if (!out) throw incrementa::InputError("cannot write '" + out_path + "'");
        incrementa::write_csv(t, out);
      }
      return 0;
    }
    if (app.got_subcommand(simulate) && model == "segments") {
      Json o = {{"rows", rows}, {"seed", seed}, {"factors", sim_factors}, {"clusters", sim_clusters}, {"separation", sim_separation}};
      if (sim_features->count() > 0) o["features"] = nfeatures;
      if (simulate->get_option("--rows")->count() == 0) o["rows"] = 5000;
      const incrementa::Table t = incrementa::simulate_table("segments", o);
      if (out_path.empty()) {
        incrementa::write_csv(t, std::cout);
      } else {
        std::ofstream out(out_path, std::ios::binary);
        if (!out) throw incrementa::InputError("cannot write '" + out_path + "'");
        incrementa::write_csv(t, out);
      }
      return 0;
    }
    if (app.got_subcommand(simulate)) {
      const Json sim_options = model == "regression" ? Json{{"rows", rows}, {"features", nfeatures}, {"seed", seed}, {"logistic", logistic}}
                               : model == "dcm"      ? Json{{"customers", rows}, {"weeks", weeks}, {"seed", seed}}
                                                     : Json{{"rows", rows}, {"seed", seed}, {"levels", levels}};
      const incrementa::Table t = incrementa::simulate_table(model, sim_options);
      if (out_path.empty()) {
        incrementa::write_csv(t, std::cout);
      } else {
        std::ofstream out(out_path, std::ios::binary);
        if (!out) throw incrementa::InputError("cannot write '" + out_path + "'");
        incrementa::write_csv(t, out);
      }
      return 0;
    }
    if (app.got_subcommand(shapley)) {
      Json options = {{"samples", samples}, {"target_se", target_se}, {"seed", seed}};
      if (!method.empty()) options["method"] = method;
      if (shapley_interactions) options["interactions"] = true;
      incrementa::RunContext context;
      if (!dcm_model.empty()) {
        if (data.empty()) throw incrementa::InputError("--dcm-model needs --panel (the panel CSV to score on)");
        options["dcm_model"] = read_json_file(dcm_model);
        options["players"] = players.empty() ? std::string("channels") : players;
        return print(incrementa::run_command("shapley", incrementa::read_csv_file(data, csv), options, context));
      }
      if (!game_path.empty()) {
        std::ifstream in(game_path);
        if (!in) throw incrementa::InputError("cannot open '" + game_path + "'");
        try {
          options["game"] = Json::parse(in);
        } catch (const Json::exception& e) {
          throw incrementa::ConfigError(game_path + ": not valid JSON: " + e.what());
        }
        return print(incrementa::run_standalone("shapley", options, context));
      }
      return print(incrementa::run_command("shapley", incrementa::read_csv_file(coalitions, csv), options, context));
    }
    if (sql->parsed()) {
      incrementa::RunContext context;
      const Json result = incrementa::run_standalone(
          "sql", {{"config", read_json_file(config_path)}, {"dialect", sql_dialect}, {"from", sql_from}}, context);
      if (sql_print == "json") return print(result);
      if (sql_print != "statistics" && sql_print != "check")
        throw incrementa::ConfigError("--print must be json, statistics or check, got '" + sql_print + "'");
      std::cout << result[sql_print].get<std::string>() << ";\n";
      return 0;
    }
    if (dcm_train->parsed() && data.empty() == dcm_stats.empty())
      throw incrementa::ConfigError("dcm train needs either --panel (a panel CSV) or --stats (statistics from 'incrementa sql'), not both");
    if (dcm_train->parsed() && !dcm_stats.empty()) {
      if (bootstrap > 0 || !dcm_x0.empty())
        throw incrementa::ConfigError("dcm train --stats: --bootstrap and --x0 need the panel (the statistics already hold X0; "
                                      "bootstrap statistics from SQL are not supported yet)");
      data = dcm_stats;
    }
    const incrementa::Table table = incrementa::read_csv_file(data, csv);
    if (app.got_subcommand(describe)) return print(incrementa::describe_table(table));
    incrementa::RunContext context;
    if (dcm_train->parsed()) {
      const Json options = {{"config", read_json_file(config_path)}, {"bootstrap", bootstrap}, {"seed", seed}};
      incrementa::Table joined;
      const incrementa::Table& panel = dcm_x0.empty() ? table : (joined = incrementa::dcm_with_x0(table, incrementa::read_csv_file(dcm_x0, csv), options["config"]));
      Json result = dcm_stats.empty() ? incrementa::run_command("dcm_train", panel, options, context)
                                      : incrementa::run_command("dcm_train_stats", table, {{"config", options["config"]}}, context);
      std::ofstream out(model_out, std::ios::binary);
      if (!out) throw incrementa::InputError("cannot write '" + model_out + "'");
      out << result["model"].dump() << '\n';
      if (!out) throw incrementa::InputError("could not write all of '" + model_out + "'");
      result.erase("model");
      result["model_out"] = model_out;
      return print(result);
    }
    if (dcm_stats_cmd->parsed()) {
      const Json options = {{"config", read_json_file(config_path)}};
      incrementa::Table joined;
      const incrementa::Table& panel = dcm_x0.empty() ? table : (joined = incrementa::dcm_with_x0(table, incrementa::read_csv_file(dcm_x0, csv), options["config"]));
      const incrementa::Table stats = incrementa::dcm_stats_table(panel, options);
      if (stats_out.empty()) {
        incrementa::write_csv(stats, std::cout);
        return 0;
      }
      std::ofstream out(stats_out, std::ios::binary);
      if (!out) throw incrementa::InputError("cannot write '" + stats_out + "'");
      incrementa::write_csv(stats, out);
      if (!out) throw incrementa::InputError("could not write all of '" + stats_out + "'");
      return print(Json{{"command", "dcm_stats"}, {"periods", stats.rows()}, {"columns", stats.cols()}, {"out", stats_out}});
    }
    if (dcm_score->parsed()) {
      const Json options = {{"model", read_json_file(model_out)}, {"shock", read_json_file(shock_path)}};
      incrementa::Table joined;
      const incrementa::Table& panel = dcm_x0.empty() ? table : (joined = incrementa::dcm_with_x0(table, incrementa::read_csv_file(dcm_x0, csv), options["model"]));
      return print(incrementa::run_command("dcm_score", panel, options, context));
    }
    if (app.got_subcommand(uplift)) {
      auto split = [](const std::string& text) {
        Json list = Json::array();
        std::stringstream ss(text);
        for (std::string f; std::getline(ss, f, ',');) list.push_back(f);
        return list;
      };
      Json options = {{"treatment", u_treatment}, {"outcome", u_outcome}, {"learner", u_learner}, {"base", u_base},
                      {"propensity", u_propensity}, {"folds", u_folds}, {"seed", u_seed}, {"threshold", u_threshold},
                      {"top_share", u_top_share}, {"clip", u_clip}, {"return_predictions", !u_predict_out.empty()}};
      if (!u_control.empty()) options["control"] = u_control;
      if (!u_features.empty()) options["features"] = split(u_features);
      if (!u_exclude.empty()) options["exclude"] = split(u_exclude);
      if (!u_arms.empty()) options["arms"] = split(u_arms);
      if (u_trees > 0) options["trees"] = u_trees;
      if (u_cost_opt->count() > 0) options["cost"] = u_cost;
      if (u_value_opt->count() > 0) options["value"] = u_value;
      if (u_trim_opt->count() > 0) options["trim"] = u_trim;
      if (u_rate_opt->count() > 0) options["rate_replicates"] = u_rate_replicates;
      if (!u_true_cate.empty()) options["true_cate"] = u_true_cate;
      Json result = incrementa::run_command("uplift", table, options, context);
      if (!u_predict_out.empty()) {
        incrementa::Table t("predictions");
        incrementa::Column row;
        row.name = "row";
        row.type = incrementa::ColumnType::Integer;
        for (size_t i = 0; i < table.rows(); ++i) row.values.push_back(static_cast<double>(i + 1));
        t.add_column(std::move(row));
        std::vector<std::string> names{"cate"};
        for (auto it = result["predictions"].begin(); it != result["predictions"].end(); ++it)
          if (it.key() != "cate") names.push_back(it.key());
        for (const auto& name : names) {
          incrementa::Column c;
          c.name = name;
          c.values = result["predictions"][name].get<std::vector<double>>();
          t.add_column(std::move(c));
        }
        result.erase("predictions");
        std::ofstream out(u_predict_out, std::ios::binary);
        if (!out) throw incrementa::InputError("cannot write '" + u_predict_out + "'");
        incrementa::write_csv(t, out);
        if (!out) throw incrementa::InputError("could not write all of '" + u_predict_out + "'");
        result["predict_out"] = u_predict_out;
      }
      return print(result);
    }
    if (app.got_subcommand(segment)) {
      Json options = {{"scaling", s_scaling}, {"factors", s_factors}, {"clusters", s_clusters}, {"bootstrap", s_bootstrap},
                      {"seed", s_seed}, {"cost", s_cost}, {"return_assignments", !s_out.empty()}};
      if (!s_features.empty()) {
        Json list = Json::array();
        std::stringstream ss(s_features);
        for (std::string f; std::getline(ss, f, ',');) list.push_back(f);
        options["features"] = list;
      }
      if (!s_id.empty()) options["id"] = s_id;
      if (!s_cate.empty()) options["cate"] = s_cate;
      if (!s_treatment.empty()) options["treatment"] = s_treatment;
      if (!s_outcome.empty()) options["outcome"] = s_outcome;
      if (!s_value.empty()) options["value"] = s_value;
      Json result = incrementa::run_command("segment", table, options, context);
      if (!s_out.empty()) {
        const Json& a = result["assignments"];
        incrementa::Table t("segments");
        if (!result["id"].is_null()) t.add_column(table.column(result["id"].get<std::string>()));
        incrementa::Column seg;
        seg.name = "segment";
        seg.type = incrementa::ColumnType::Integer;
        for (const auto& v : a["segment"]) seg.values.push_back(v.get<double>());
        t.add_column(std::move(seg));
        const size_t k = result["factors"]["k"].get<size_t>();
        for (size_t f = 0; f < k; ++f) {
          incrementa::Column c;
          c.name = "factor_" + std::to_string(f + 1);
          for (const auto& row : a["scores"]) c.values.push_back(row[f].is_null() ? NAN : row[f].get<double>());
          t.add_column(std::move(c));
        }
        result.erase("assignments");
        std::ofstream out(s_out, std::ios::binary);
        if (!out) throw incrementa::InputError("cannot write '" + s_out + "'");
        incrementa::write_csv(t, out);
        if (!out) throw incrementa::InputError("could not write all of '" + s_out + "'");
        result["out"] = s_out;
      }
      return print(result);
    }
    if (app.got_subcommand(budget)) {
      std::ifstream in(offers_path);
      if (!in) throw incrementa::InputError("cannot open '" + offers_path + "'");
      Json spec;
      try {
        spec = Json::parse(in);
      } catch (const Json::exception& e) {
        throw incrementa::ConfigError(offers_path + ": not valid JSON: " + e.what());
      }
      Json options = {{"offers", spec},          {"budget", budget_amount},   {"objective", objective},
                      {"solver", solver},        {"frontier", frontier_points}, {"seed", seed},
                      {"risk_draws", risk_draws}, {"return_assignment", !plan_out.empty()}};
      if (roi_opt->count()) options["roi_floor"] = roi_floor;
      if (quantile_opt->count()) options["cost_quantile"] = cost_quantile;
      if (!segment_col.empty()) options["segment"] = segment_col;
      Json result = incrementa::run_command("budget", table, options, context);
      if (!plan_out.empty()) {
        const auto choice = result["assignment"].get<std::vector<int>>();
        result.erase("assignment");
        incrementa::Column row, offer;
        row.name = "row";
        row.type = incrementa::ColumnType::Integer;
        offer.name = "offer";
        offer.type = incrementa::ColumnType::Categorical;
        std::vector<std::string> names{"none"};
        for (const auto& f : result["offers"]) names.push_back(f["name"].get<std::string>());
        offer.levels = names;
        std::sort(offer.levels.begin(), offer.levels.end());
        std::vector<int32_t> code_of(names.size());
        for (size_t k = 0; k < names.size(); ++k)
          code_of[k] = static_cast<int32_t>(std::find(offer.levels.begin(), offer.levels.end(), names[k]) - offer.levels.begin());
        for (size_t i = 0; i < choice.size(); ++i) {
          row.values.push_back(static_cast<double>(i + 1));
          offer.codes.push_back(code_of[static_cast<size_t>(choice[i])]);
        }
        incrementa::Table t("plan");
        t.add_column(std::move(row));
        t.add_column(std::move(offer));
        std::ofstream out(plan_out, std::ios::binary);
        if (!out) throw incrementa::InputError("cannot write '" + plan_out + "'");
        incrementa::write_csv(t, out);
        if (!out) throw incrementa::InputError("could not write all of '" + plan_out + "'");
        result["plan_csv"] = plan_out;
      }
      return print(result);
    }
    if (app.got_subcommand(regress)) {
      Json options = {{"outcome", outcome}, {"model", model}, {"ridge", ridge}};
      if (!features.empty()) {
        Json list = Json::array();
        std::stringstream ss(features);
        for (std::string f; std::getline(ss, f, ',');) list.push_back(f);
        options["features"] = list;
      }
      return print(incrementa::run_command("regress", table, options, context));
    }
    Json options = {{"arm", arm}, {"outcome", outcome}, {"alpha", alpha}};
    if (!control.empty()) options["control"] = control;
    if (!covariate.empty()) options["covariate"] = covariate;
    return print(incrementa::run_command("abtest", table, options, context));
  } catch (const incrementa::Error& e) {
    std::cerr << "incrementa: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "incrementa: internal error: " << e.what() << '\n';
    return 1;
  }
}
