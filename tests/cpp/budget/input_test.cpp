// Bad inputs get specific errors, and an infeasible ROI floor or a useless
// offer set is reported, never a silent empty plan.
#include <catch2/catch.hpp>

#include "api/commands.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"

using namespace incrementa;
using Catch::Contains;

namespace {
const char* kCsv =
    "id,p0,p1,p2\n"
    "1,0.10,0.20,0.30\n"
    "2,0.50,0.52,0.55\n"
    "3,0.05,0.15,0.16\n"
    "4,0.30,0.20,0.10\n";

Json spec() {
  return Json::parse(R"({"base": "p0", "value_per_conversion": 20, "offers": [
      {"name": "5%", "column": "p1", "cost_per_conversion": 5},
      {"name": "10%", "column": "p2", "cost_per_conversion": 10}]})");
}

Json run(const std::string& csv, const Json& options) {
  RunContext ctx;
  return run_command("budget", read_csv(csv, "test.csv"), options, ctx);
}
}  // namespace

TEST_CASE("budget: a probability outside [0, 1] names the line and column", "[budget]") {
  const std::string bad = "id,p0,p1,p2\n1,0.1,0.2,0.3\n2,0.1,1.3,0.3\n";
  CHECK_THROWS_WITH(run(bad, {{"offers", spec()}, {"budget", 10}}),
                    Contains("test.csv line 3") && Contains("column 'p1'") && Contains("1.3 is outside [0, 1]"));
  const std::string missing = "id,p0,p1,p2\n1,0.1,0.2,0.3\n2,,0.2,0.3\n";
  CHECK_THROWS_WITH(run(missing, {{"offers", spec()}, {"budget", 10}}),
                    Contains("line 3") && Contains("'p0'") && Contains("missing probability"));
  const std::string negative = "id,p0,p1,p2\n1,-0.1,0.2,0.3\n";
  CHECK_THROWS_AS(run(negative, {{"offers", spec()}, {"budget", 10}}), InputError);
}

TEST_CASE("budget: offers naming a missing column, negative costs, unknown keys", "[budget]") {
  Json s = spec();
  s["offers"][1]["column"] = "p9";
  CHECK_THROWS_WITH(run(kCsv, {{"offers", s}, {"budget", 10}}), Contains("offer '10%'") && Contains("'p9'"));
  s = spec();
  s["base"] = "nope";
  CHECK_THROWS_WITH(run(kCsv, {{"offers", s}, {"budget", 10}}), Contains("base") && Contains("'nope'"));
  s = spec();
  s["offers"][0]["cost_per_conversion"] = -5;
  CHECK_THROWS_WITH(run(kCsv, {{"offers", s}, {"budget", 10}}), Contains("cost_per_conversion must be >= 0"));
  s = spec();
  s["offers"][0]["cost_per_offer"] = -1;
  CHECK_THROWS_WITH(run(kCsv, {{"offers", s}, {"budget", 10}}), Contains("cost_per_offer must be >= 0"));
  s = spec();
  s["offers"][0]["discount"] = 5;
  CHECK_THROWS_WITH(run(kCsv, {{"offers", s}, {"budget", 10}}), Contains("unknown key 'discount'"));
  s = spec();
  s["offers"][1]["name"] = "5%";
  CHECK_THROWS_WITH(run(kCsv, {{"offers", s}, {"budget", 10}}), Contains("two offers are named '5%'"));
  CHECK_THROWS_WITH(run(kCsv, {{"offers", spec()}, {"budget", 10}, {"solvr", "exact"}}), Contains("unknown option 'solvr'"));
  CHECK_THROWS_WITH(run(kCsv, {{"offers", spec()}, {"budget", -1}}), Contains("budget must be"));
  CHECK_THROWS_WITH(run(kCsv, {{"offers", spec()}}), Contains("'budget' is required"));
  CHECK_THROWS_WITH(run(kCsv, {{"offers", spec()}, {"budget", 10}, {"solver", "magic"}}), Contains("solver must be"));
  s = spec();
  s.erase("value_per_conversion");
  CHECK_THROWS_WITH(run(kCsv, {{"offers", s}, {"budget", 10}, {"roi_floor", 1}}), Contains("roi_floor needs value_per_conversion"));
  CHECK_THROWS_WITH(run(kCsv, {{"offers", s}, {"budget", 10}, {"objective", "profit"}}), Contains("needs value_per_conversion"));
}

TEST_CASE("budget: an unreachable ROI floor is reported as infeasible", "[budget]") {
  const Json r = run(kCsv, {{"offers", spec()}, {"budget", 100}, {"roi_floor", 50}});
  CHECK(r["status"] == "infeasible_roi_floor");
  CHECK_THAT(r["message"].get<std::string>(), Contains("best ROI of any customer-offer pair"));
  CHECK(r["plan"]["targeted"] == 0);
}

TEST_CASE("budget: no offer adding value, or a budget below every step, is said so", "[budget]") {
  const std::string useless = "id,p0,p1,p2\n1,0.5,0.4,0.3\n2,0.2,0.2,0.1\n";
  CHECK(run(useless, {{"offers", spec()}, {"budget", 100}})["status"] == "no_positive_options");
  CHECK(run(kCsv, {{"offers", spec()}, {"budget", 0.01}})["status"] == "budget_too_small");
}

TEST_CASE("budget: JSON result on a hand example", "[budget]") {
  // Customer 1: 5% (cost .2*5 = 1, +.1), 10% (cost .3*10 = 3, +.2); customer 3: 5% (cost .75, +.1);
  // customer 2: 5% (cost 2.6, +.02); customer 4 is a sleeping dog.
  const Json r = run(kCsv, {{"offers", spec()}, {"budget", 1.75}, {"solver", "lagrangian"}, {"frontier", 5}});
  CHECK(r["status"] == "ok");
  CHECK(r["plan"]["counts"]["5%"] == 2);
  CHECK(r["plan"]["counts"]["none"] == 2);
  CHECK(r["plan"]["incremental_conversions"].get<double>() == Approx(0.2));
  CHECK(r["plan"]["expected_cost"].get<double>() == Approx(1.75));
  CHECK(r["plan"]["roi"].get<double>() == Approx(20 * 0.2 / 1.75));
  CHECK(r["plan"]["cost_on_converters_anyway"].get<double>() == Approx(0.5 + 0.25));
  CHECK(r["gap"]["absolute"].get<double>() == Approx(0).margin(1e-12));
  CHECK(r["frontier"]["points"].size() == 5);
  CHECK(r["frontier"]["everyone"].size() == 2);
  CHECK(r["definitions"].contains("roi"));
  for (const char* solver : {"exact", "greedy"}) {
    const Json e = run(kCsv, {{"offers", spec()}, {"budget", 1.75}, {"solver", solver}});
    CHECK(e["plan"]["incremental_conversions"].get<double>() == Approx(0.2));
  }
}

TEST_CASE("budget: per-segment breakdown adds up; cost_quantile bounds the chance of overspending", "[budget]") {
  const Table t = simulate_table("travel", {{"rows", 4000}, {"seed", 9}});
  const Json offers = Json::parse(R"({"base": "p0", "value_per_conversion": 40, "offers": [
      {"name": "5%", "column": "p5", "cost_per_conversion": 15},
      {"name": "10%", "column": "p10", "cost_per_conversion": 30},
      {"name": "15%", "column": "p15", "cost_per_conversion": 45}]})");
  RunContext ctx;
  const Json r = run_command("budget", t, {{"offers", offers}, {"budget", 1500}, {"segment", "segment"}, {"frontier", 0}}, ctx);
  size_t customers = 0, targeted = 0;
  double conv = 0;
  for (const auto& s : r["per_segment"]["segments"]) {
    customers += s["customers"].get<size_t>();
    targeted += s["customers"].get<size_t>() - s["counts"]["none"].get<size_t>();
    conv += s["incremental_conversions"].get<double>();
  }
  CHECK(customers == 4000);
  CHECK(targeted == r["plan"]["targeted"].get<size_t>());
  CHECK(conv == Approx(r["plan"]["incremental_conversions"].get<double>()));
  CHECK(r["per_segment"]["segments"].size() == 4);
  CHECK(r["risk"]["p_exceed_budget"].get<double>() > 0.3);  // spending the whole budget: ~50% to overspend

  const Json q = run_command("budget", t, {{"offers", offers}, {"budget", 1500}, {"cost_quantile", 0.95}, {"frontier", 0}}, ctx);
  CHECK(q["risk"]["p_exceed_budget"].get<double>() <= 0.05 + 1e-6);
  CHECK(q["risk"]["p_exceed_budget"].get<double>() >= 0.04);
  CHECK(q["cost_quantile"]["planning_budget"].get<double>() < 1500);
  CHECK_THROWS_WITH(run_command("budget", t, {{"offers", offers}, {"budget", 1}, {"cost_quantile", 1.5}}, ctx),
                    Contains("cost_quantile must be between 0 and 1"));
  CHECK_THROWS_WITH(run_command("budget", t, {{"offers", offers}, {"budget", 1}, {"segment", "region"}}, ctx),
                    Contains("region"));
}
