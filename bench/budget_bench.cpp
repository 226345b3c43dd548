// Budget planning speed (issue 5), native side; bench/budget_bench.mjs is the
// WASM side with the same steps. Simulates the travel world (not timed), then
// times the whole `budget` command (offer model + validation, hulls, sorted LP
// path, rounded plan, frontier, cost risk) at T threads, best of 3.
//   budget_bench ROWS LEVELS FRONTIER THREADS
// Prints one JSON line.
//   budget_bench exactness INSTANCES ROWS [ROI_FLOOR]
// Exactness: small travel worlds (probabilities rounded to 0.01, so costs are
// whole cents), budget 30% of the unconstrained cost: the rounded LP plan and
// the greedy plan vs the exact DP and Debian's CBC on the same instance as a
// MILP (needs /usr/bin/cbc). One JSON line per instance, then a summary line.
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "api/commands.hpp"
#include "budget/baselines.hpp"
#include "budget/exact.hpp"
#include "budget/lp_path.hpp"
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

// Solves the instance as a MILP with CBC; returns the optimal objective (NaN on failure).
double cbc_optimum(const incrementa::BudgetProblem& pr, double budget, double roi_floor, const std::string& stem) {
  const size_t n = pr.customers(), K = pr.offers();
  std::ofstream lp(stem + ".lp");
  lp.precision(17);
  auto x = [](size_t i, size_t k) { return "x" + std::to_string(i) + "_" + std::to_string(k); };
  lp << "Maximize\n obj:";
  for (size_t i = 0; i < n; ++i)
    for (size_t k = 1; k <= K; ++k) lp << " + " << pr.value(i, k) << " " << x(i, k) << "\n";
  lp << "Subject To\n budget:";
  for (size_t i = 0; i < n; ++i)
    for (size_t k = 1; k <= K; ++k) lp << " + " << pr.cost(i, k) << " " << x(i, k) << "\n";
  lp << " <= " << budget << "\n";
  if (roi_floor > incrementa::kNoRoiFloor) {
    lp << " roi:";
    for (size_t i = 0; i < n; ++i)
      for (size_t k = 1; k <= K; ++k)
        lp << " + " << pr.value_per_conversion() * pr.conv(i, k) - roi_floor * pr.cost(i, k) << " " << x(i, k) << "\n";
    lp << " >= 0\n";
  }
  for (size_t i = 0; i < n; ++i) {
    lp << " one" << i << ":";
    for (size_t k = 1; k <= K; ++k) lp << " + " << x(i, k);
    lp << " <= 1\n";
  }
  lp << "Binary\n";
  for (size_t i = 0; i < n; ++i)
    for (size_t k = 1; k <= K; ++k) lp << " " << x(i, k) << "\n";
  lp << "End\n";
  lp.close();
  const std::string cmd = "cbc " + stem + ".lp ratio 0 allowableGap 0 solve solu " + stem + ".sol > " + stem + ".log 2>&1";
  if (std::system(cmd.c_str()) != 0) return std::nan("");
  std::ifstream sol(stem + ".sol");
  std::string line;
  std::getline(sol, line);  // "Optimal - objective value 12.34"
  if (line.find("Optimal") == std::string::npos) return std::nan("");
  return std::stod(line.substr(line.rfind(' ') + 1));
}

int exactness(size_t instances, size_t rows, double roi_floor) {
  double worst_lag = 0, worst_greedy = 0, worst_cbc_vs_dp = 0;
  for (size_t s = 1; s <= instances; ++s) {
    const incrementa::Table t = incrementa::simulate_table("travel", {{"rows", rows}, {"levels", 3}, {"seed", s}});
    std::vector<double> p0(rows), pk(rows * 3);
    auto grid = [](double v) { return std::round(v * 100) / 100; };
    for (size_t i = 0; i < rows; ++i) {
      p0[i] = grid(t.column("p0").values[i]);
      for (size_t k = 0; k < 3; ++k) pk[i * 3 + k] = grid(t.column("p" + std::to_string(5 * (k + 1))).values[i]);
    }
    const incrementa::OffersSpec spec = incrementa::parse_offers_spec(budget_bench_offers(3));
    const incrementa::BudgetProblem pr(p0, pk, spec, incrementa::Objective::Conversions);
    const incrementa::LpPath path = incrementa::build_lp_path(pr);
    const double budget = std::round(path.cum_cost.back() * 0.3);
    const double lp = incrementa::lp_point(pr, path, budget, roi_floor).value;
    const double lag = incrementa::round_lp_plan(pr, path, budget, roi_floor).value;
    const double greedy = incrementa::greedy_plan(pr, budget, roi_floor).value;
    const incrementa::ExactResult ex = incrementa::solve_exact(pr, budget, roi_floor, {});
    const double cbc = cbc_optimum(pr, budget, roi_floor, "bench/out/budget_cbc_" + std::to_string(s));
    const double best = ex.plan.value > 0 ? ex.plan.value : 1.0;  // relative gaps; 1 when the optimum is 0
    worst_lag = std::max(worst_lag, (best - lag) / best);
    worst_greedy = std::max(worst_greedy, (best - greedy) / best);
    worst_cbc_vs_dp = std::max(worst_cbc_vs_dp, std::fabs(cbc - best) / best);
    std::cout << Json{{"instance", s},          {"rows", rows},        {"budget", budget},
                      {"roi_floor", roi_floor > incrementa::kNoRoiFloor ? Json(roi_floor) : Json(nullptr)},
                      {"lp_bound", lp},         {"exact_dp", best},    {"cbc", incrementa::number_or_null(cbc)},
                      {"costs_on_grid", ex.costs_on_grid},
                      {"lagrangian", lag},      {"greedy", greedy},
                      {"lagrangian_gap_vs_exact", (best - lag) / best}, {"greedy_gap_vs_exact", (best - greedy) / best}}
                     .dump()
              << '\n';
  }
  std::cout << Json{{"summary", "exactness"}, {"instances", instances}, {"rows", rows},
                    {"worst_lagrangian_gap", worst_lag}, {"worst_greedy_gap", worst_greedy},
                    {"worst_cbc_vs_exact_dp", worst_cbc_vs_dp}}.dump() << '\n';
  return 0;
}

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "exactness")
    return exactness(argc > 2 ? std::stoul(argv[2]) : 10, argc > 3 ? std::stoul(argv[3]) : 300,
                     argc > 4 ? std::stod(argv[4]) : incrementa::kNoRoiFloor);
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
