// incrementa <command> [flags]: JSON result on stdout; on bad input a clear
// message on stderr and a non-zero exit status.
#include <CLI/CLI.hpp>
#include <iostream>

#include "api/commands.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"

using incrementa::Json;

namespace {

int print(const Json& result) {
  std::cout << result.dump(2) << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"incrementa: causal-inference analyses (A/B readout, ...) on CSV files; prints JSON"};
  app.require_subcommand(1);
  size_t threads = 0;
  app.add_option("--threads", threads, "worker threads (default: all cores, at most 16)");

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

  app.add_subcommand("features", "what this build supports (SIMD, threads)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  try {
    incrementa::set_thread_count(threads);
    if (app.got_subcommand("features")) return print(incrementa::build_features());
    const incrementa::Table table = incrementa::read_csv_file(data);
    if (app.got_subcommand(describe)) return print(incrementa::describe_table(table));
    Json options = {{"arm", arm}, {"outcome", outcome}, {"alpha", alpha}};
    if (!control.empty()) options["control"] = control;
    if (!covariate.empty()) options["covariate"] = covariate;
    incrementa::RunContext context;
    return print(incrementa::run_command("abtest", table, options, context));
  } catch (const incrementa::Error& e) {
    std::cerr << "incrementa: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "incrementa: internal error: " << e.what() << '\n';
    return 1;
  }
}
