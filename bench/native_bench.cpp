// Native side of bench/run.sh. One measurement per process, so ru_maxrss is
// that measurement's peak. Prints one JSON object on stdout.
//   native_bench csv FILE            parse a CSV held in memory (best of 3)
//   native_bench regress MODEL T     simulate 1e6 x 20 (seed 1), fit MODEL at T threads (best of 3)
#include <sys/resource.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "api/commands.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"

using incrementa::Json;

namespace {
double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // Linux reports KiB
}

Json bench_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw incrementa::InputError("cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  double best = 1e300;
  size_t rows = 0;
  for (int rep = 0; rep < 3; ++rep) {
    const double t0 = now();
    // Parse + describe: what the WASM module's loadCsv does too.
    const incrementa::Table t = incrementa::read_csv(bytes, path);
    const Json d = incrementa::describe_table(t);
    best = std::min(best, now() - t0);
    rows = d["rows"].get<size_t>();
  }
  const double mb = static_cast<double>(bytes.size()) / 1e6;
  return {{"what", "csv"}, {"mb", mb}, {"rows", rows}, {"seconds", best}, {"mb_per_s", mb / best}, {"peak_rss_mb", peak_rss_mb()}};
}

Json bench_regress(const std::string& model, size_t threads) {
  incrementa::set_thread_count(threads);
  const bool logistic = model == "logistic";
  const incrementa::Table t = incrementa::simulate_table(
      "regression", {{"rows", 1000000}, {"features", 20}, {"seed", 1}, {"logistic", logistic}});
  incrementa::RunContext ctx;
  Json result;
  double best = 1e300;
  for (int rep = 0; rep < 3; ++rep) {
    const double t0 = now();
    result = incrementa::run_command("regress", t, {{"outcome", "y"}, {"model", model}}, ctx);
    best = std::min(best, now() - t0);
  }
  Json coefs = Json::array();
  for (const auto& c : result["coefficients"]) coefs.push_back(c["estimate"]);
  return {{"what", "regress"},         {"model", model},       {"threads", incrementa::thread_count()},
          {"seconds", best},           {"coef", coefs},        {"peak_rss_mb", peak_rss_mb()}};
}
}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string what = argc > 1 ? argv[1] : "";
    if (what == "csv" && argc == 3) {
      std::cout << bench_csv(argv[2]).dump() << '\n';
      return 0;
    }
    if (what == "regress" && argc == 4) {
      std::cout << bench_regress(argv[2], std::stoul(argv[3])).dump() << '\n';
      return 0;
    }
    std::cerr << "usage: native_bench csv FILE | native_bench regress linear|logistic THREADS\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "native_bench: " << e.what() << '\n';
    return 1;
  }
}
