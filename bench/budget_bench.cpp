// Budget planning speed (issue 5), native side; bench/budget_bench.mjs is the
// WASM side with the same steps. Simulates the travel world (not timed), then
// times the whole `budget` command (offer model + validation, hulls, sorted LP
// path, rounded plan, frontier, cost risk) at T threads, best of 3.
//   budget_bench ROWS LEVELS FRONTIER THREADS
// Prints one JSON line.
#include <sys/resource.h>

#include <chrono>
#include <iostream>
#include <string>

#include "api/commands.hpp"
#include "core/parallel.hpp"

using incrementa::Json;

namespace {
double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
}  // namespace

Json budget_bench_offers(size_t levels) {
  Json offers = Json::array();
  for (size_t j = 1; j <= levels; ++j)
    offers.push_back({{"name", std::to_string(5 * j) + "%"},
                      {"column", "p" + std::to_string(5 * j)},
                      {"cost_per_conversion", 15.0 * static_cast<double>(j)}});
  return {{"base", "p0"}, {"value_per_conversion", 40}, {"offers", offers}};
}

int main(int argc, char** argv) {
  const size_t rows = argc > 1 ? std::stoul(argv[1]) : 1000000;
  const size_t levels = argc > 2 ? std::stoul(argv[2]) : 5;
  const size_t frontier = argc > 3 ? std::stoul(argv[3]) : 101;
  const size_t threads = argc > 4 ? std::stoul(argv[4]) : 1;
  incrementa::set_thread_count(threads);
  const incrementa::Table t = incrementa::simulate_table("travel", {{"rows", rows}, {"levels", levels}, {"seed", 1}});
  const Json options = {{"offers", budget_bench_offers(levels)},
                        {"budget", 0.02 * static_cast<double>(rows)},
                        {"roi_floor", 1.0},
                        {"frontier", frontier}};
  double best = 1e300;
  Json r;
  for (int rep = 0; rep < 3; ++rep) {
    incrementa::RunContext ctx;
    const double t0 = now();
    r = incrementa::run_command("budget", t, options, ctx);
    best = std::min(best, now() - t0);
  }
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  std::cout << Json{{"what", "budget"},
                    {"rows", rows},
                    {"offers", levels},
                    {"frontier", frontier},
                    {"threads", threads},
                    {"seconds", best},
                    {"path_steps", r["path_steps"]},
                    {"objective_value", r["plan"]["objective_value"]},
                    {"lp_bound", r["lp_bound"]["objective_value"]},
                    {"peak_rss_mb", static_cast<double>(u.ru_maxrss) / 1024.0}}
                   .dump()
            << '\n';
  return 0;
}
