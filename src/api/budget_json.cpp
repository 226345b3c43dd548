#include "api/budget_json.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "budget/baselines.hpp"
#include "budget/exact.hpp"
#include "budget/frontier.hpp"
#include "budget/lp_path.hpp"
#include "budget/problem.hpp"
#include "budget/risk.hpp"
#include "core/distributions.hpp"
#include "core/error.hpp"

namespace incrementa {

namespace {

const char* kRoiHandling =
    "The ROI floor is a second constraint. Along the LP path the marginal ROI of each step decreases, so the "
    "average ROI of the plan decreases as the budget grows and the floor holds on an initial stretch of the path: "
    "the floor caps the path position. The LP optimum with both constraints is the path at min(budget position, "
    "ROI position), exact for the LP. The integer plan keeps both constraints; it loses at most the one fractional "
    "customer's step against the LP bound (the gap reported), partly won back by adding later steps that still fit "
    "both constraints; where the floor binds, the 64 customers nearest the path's cut are then re-chosen exactly "
    "over all their options (a Pareto dynamic programme over cost, value and ROI slack).";

Json definitions() {
  return {
      {"incremental_conversions", "sum over targeted customers of pk - p0: conversions the offers add"},
      {"expected_cost", "sum of cost_per_conversion x pk + cost_per_offer over targeted customers"},
      {"cost_on_converters_anyway",
       "the part of expected_cost paid for conversions that would have happened without the offer: "
       "cost_per_conversion x min(p0, pk)"},
      {"incremental_value", "value_per_conversion x incremental_conversions"},
      {"incremental_profit", "incremental_value - expected_cost"},
      {"roi", "incremental_value / expected_cost"},
      {"objective_value", "what the solver maximises: incremental_conversions, or incremental_profit"},
      {"lp_bound", "optimum of the LP relaxation (customers may be split between options): no integer plan does better"},
      {"gap", "lp_bound.objective_value - plan.objective_value (relative: divided by the LP bound)"},
      {"per_segment", "the plan's counts, incremental conversions, cost and ROI within each value of the segment column"},
      {"cost_quantile", "when set: the plan is made at a lower planning budget so that realised cost stays within the "
                        "budget with this probability (normal approximation)"},
      {"unconstrained", "the end of the LP path: every step that adds value taken, no budget or ROI limit"},
      {"frontier", "LP-path plan vs response-model and random plans at evenly spaced budgets from 0 to the unconstrained cost"},
      {"risk", "realised cost with independent Bernoulli conversions: exact mean and sd, normal-approximation "
               "P(cost > budget) and quantiles; Monte Carlo when risk_draws > 0"},
  };
}

Json totals_json(const BudgetProblem& pr, double cost, double value, double conv) {
  const double vpc = pr.value_per_conversion();
  return {{"cost", cost},
          {"objective_value", value},
          {"incremental_conversions", conv},
          {"roi", number_or_null(plan_roi(pr, conv, cost))},
          {"incremental_value", number_or_null(vpc * conv)}};
}

}  // namespace

Json budget_json(const Table& table, const Json& o, RunContext& context) {
  check_known_keys(o, {"offers", "budget", "roi_floor", "objective", "solver", "frontier", "seed", "risk_draws",
                       "cost_unit", "return_assignment", "segment", "cost_quantile"},
                   "budget");
  if (!o.contains("offers")) throw ConfigError("budget: option 'offers' (the offers spec) is required");
  const OffersSpec spec = parse_offers_spec(o["offers"]);
  const std::string objective_name = optional_string(o, "objective").value_or("conversions");
  if (objective_name != "conversions" && objective_name != "profit")
    throw ConfigError("budget: objective must be 'conversions' or 'profit', got '" + objective_name + "'");
  const std::string solver = optional_string(o, "solver").value_or("lagrangian");
  if (solver != "lagrangian" && solver != "exact" && solver != "greedy")
    throw ConfigError("budget: solver must be 'lagrangian', 'exact' or 'greedy', got '" + solver + "'");
  if (!o.contains("budget") || o["budget"].is_null()) throw ConfigError("budget: option 'budget' is required (a number >= 0)");
  const double budget = number_or(o, "budget", 0);
  if (!(budget >= 0) || !std::isfinite(budget)) throw ConfigError("budget: budget must be a finite number >= 0");
  const bool has_floor = o.contains("roi_floor") && !o["roi_floor"].is_null();
  const double roi_floor = has_floor ? number_or(o, "roi_floor", 0) : kNoRoiFloor;
  if (has_floor && !std::isfinite(roi_floor)) throw ConfigError("budget: roi_floor must be a finite number");
  if (has_floor && !spec.value_per_conversion)
    throw ConfigError("budget: roi_floor needs value_per_conversion in the offers spec (ROI = value / cost)");
  const double frontier_n = number_or(o, "frontier", 21);
  if (!(frontier_n >= 0 && frontier_n <= 10000)) throw ConfigError("budget: frontier must be between 0 and 10000 points");
  const uint64_t seed = static_cast<uint64_t>(number_or(o, "seed", 1));
  const double draws = number_or(o, "risk_draws", 0);
  if (!(draws >= 0 && draws <= 1e6)) throw ConfigError("budget: risk_draws must be between 0 and 1,000,000");
  const std::optional<std::string> segment = optional_string(o, "segment");
  const bool has_quantile = o.contains("cost_quantile") && !o["cost_quantile"].is_null();
  const double cost_quantile = has_quantile ? number_or(o, "cost_quantile", 0.5) : 0.5;
  if (has_quantile && !(cost_quantile > 0 && cost_quantile < 1))
    throw ConfigError("budget: cost_quantile must be between 0 and 1 (e.g. 0.95: realised cost stays within the budget with 95% probability)");
  if (segment && !table.has(*segment)) table.column(*segment);  // throws, naming the columns
  const bool want_assignment = o.contains("return_assignment") && o["return_assignment"].is_boolean() && o["return_assignment"].get<bool>();

  const BudgetProblem pr(table, spec, objective_name == "profit" ? Objective::Profit : Objective::Conversions);
  context.check();
  context.progress(0.1, "building the LP path");
  const LpPath path = build_lp_path(pr);
  context.check();
  const LpPoint lp = lp_point(pr, path, budget, roi_floor);

  Json out;
  out["command"] = "budget";
  out["source"] = table.source();
  out["rows"] = pr.customers();
  out["objective"] = objective_name;
  out["solver"] = solver;
  out["budget"] = budget;
  out["roi_floor"] = has_floor ? Json(roi_floor) : Json(nullptr);
  out["value_per_conversion"] = spec.value_per_conversion ? Json(*spec.value_per_conversion) : Json(nullptr);
  Json offers = Json::array();
  for (const auto& f : spec.offers)
    offers.push_back({{"name", f.name},
                      {"column", f.column},
                      {"cost_per_conversion", f.cost_per_conversion},
                      {"cost_per_offer", f.cost_per_offer},
                      {"cap", std::isfinite(f.cap) ? Json(f.cap) : Json(nullptr)}});
  out["offers"] = offers;

  ExactOptions eo;
  eo.cost_unit = number_or(o, "cost_unit", 0.01);
  bool costs_on_grid = true;
  auto solve = [&](double b) {
    if (solver == "lagrangian") return round_lp_plan(pr, path, b, roi_floor);
    if (solver == "greedy") return greedy_plan(pr, b, roi_floor);
    ExactResult ex = solve_exact(pr, b, roi_floor, eo, &context);
    costs_on_grid = ex.costs_on_grid;
    return std::move(ex.plan);
  };
  // Planning to a quantile of cost: the largest planning budget whose plan's
  // realised cost stays within `budget` with probability cost_quantile
  // (normal approximation), found by bisection (20 halvings).
  double plan_budget = budget;
  Plan plan = solve(budget);
  if (has_quantile) {
    const double z = normal_quantile(cost_quantile);
    auto within = [&](const Plan& p) {
      const CostRisk r = cost_risk(pr, p, budget, 0, seed);
      return r.mean + z * r.sd <= budget;
    };
    if (!within(plan)) {
      double lo = 0, hi = budget;
      Plan best = solve(0);
      for (int it = 0; it < 20; ++it) {
        context.check();
        const double mid = 0.5 * (lo + hi);
        Plan p = solve(mid);
        if (within(p)) {
          lo = mid;
          best = std::move(p);
        } else {
          hi = mid;
        }
      }
      plan_budget = lo;
      plan = std::move(best);
    }
    out["cost_quantile"] = {{"quantile", cost_quantile},
                            {"planning_budget", plan_budget},
                            {"rule", "the plan is solved at the largest planning budget (bisection) whose normal-"
                                     "approximation cost quantile is within the budget"}};
  }
  if (solver == "exact")
    out["exact"] = {{"cost_unit", eo.cost_unit},
                    {"costs_on_grid", costs_on_grid},
                    {"note", costs_on_grid ? "every cost is a whole number of cost units: the plan is optimal"
                                           : "some costs are not whole cost units and were rounded up: the plan "
                                             "keeps the budget but may be slightly below the optimum"}};
  context.progress(0.6, "summarising");

  const double vpc = pr.value_per_conversion();
  Json counts = Json::object();
  counts["none"] = plan.counts[0];
  Json per_offer = Json::array();
  {
    const size_t K = pr.offers();
    std::vector<double> conv(K + 1, 0), cost(K + 1, 0), anyway(K + 1, 0);
    for (size_t i = 0; i < plan.choice.size(); ++i) {
      const size_t k = plan.choice[i];
      if (!k) continue;
      conv[k] += pr.conv(i, k);
      cost[k] += pr.cost(i, k);
      anyway[k] += pr.anyway_cost(i, k);
    }
    for (size_t k = 1; k <= K; ++k) {
      counts[spec.offers[k - 1].name] = plan.counts[k];
      per_offer.push_back({{"offer", spec.offers[k - 1].name},
                           {"customers", plan.counts[k]},
                           {"incremental_conversions", conv[k]},
                           {"expected_cost", cost[k]},
                           {"cost_on_converters_anyway", anyway[k]},
                           {"roi", number_or_null(plan_roi(pr, conv[k], cost[k]))}});
    }
  }
  out["plan"] = {{"counts", counts},
                 {"targeted", plan.targeted},
                 {"incremental_conversions", plan.conversions},
                 {"expected_cost", plan.cost},
                 {"cost_on_converters_anyway", plan.anyway_cost},
                 {"incremental_value", number_or_null(vpc * plan.conversions)},
                 {"incremental_profit", number_or_null(vpc * plan.conversions - plan.cost)},
                 {"roi", number_or_null(plan_roi(pr, plan.conversions, plan.cost))},
                 {"objective_value", plan.value},
                 {"within_budget", plan.cost <= budget + 1e-9 * std::max(1.0, budget)},
                 {"meets_roi_floor", meets_roi(pr, plan.conversions, plan.cost, roi_floor)}};
  out["per_offer"] = per_offer;
  if (segment) {
    const Column& col = table.column(*segment);
    std::vector<std::string> labels;
    std::vector<size_t> group(pr.customers());
    {
      std::vector<std::string> text(pr.customers());
      for (size_t i = 0; i < pr.customers(); ++i) text[i] = col.missing(i) ? "(missing)" : col.cell_text(i);
      labels = text;
      std::sort(labels.begin(), labels.end());
      labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
      if (labels.size() > 1000) throw ConfigError("budget: segment column '" + *segment + "' has more than 1000 distinct values");
      for (size_t i = 0; i < pr.customers(); ++i)
        group[i] = static_cast<size_t>(std::lower_bound(labels.begin(), labels.end(), text[i]) - labels.begin());
    }
    const size_t K = pr.offers();
    std::vector<std::vector<size_t>> cnt(labels.size(), std::vector<size_t>(K + 1, 0));
    std::vector<double> sconv(labels.size(), 0), scost(labels.size(), 0);
    for (size_t i = 0; i < pr.customers(); ++i) {
      const size_t k = plan.choice[i], g = group[i];
      ++cnt[g][k];
      sconv[g] += pr.conv(i, k);
      scost[g] += pr.cost(i, k);
    }
    Json segs = Json::array();
    for (size_t g = 0; g < labels.size(); ++g) {
      Json c = Json::object();
      c["none"] = cnt[g][0];
      size_t total = cnt[g][0];
      for (size_t k = 1; k <= K; ++k) {
        c[spec.offers[k - 1].name] = cnt[g][k];
        total += cnt[g][k];
      }
      segs.push_back({{"segment", labels[g]},
                      {"customers", total},
                      {"counts", c},
                      {"incremental_conversions", sconv[g]},
                      {"expected_cost", scost[g]},
                      {"roi", number_or_null(plan_roi(pr, sconv[g], scost[g]))}});
    }
    out["per_segment"] = {{"column", *segment}, {"segments", segs}};
  }
  Json lpj = totals_json(pr, lp.cost, lp.value, lp.conversions);
  lpj["binding"] = lp.binding;
  lpj["path_position"] = lp.position;
  lpj["fractional_row"] = lp.fractional_customer < 0 ? Json(nullptr) : Json(lp.fractional_customer + 1);
  lpj["fraction"] = lp.fraction;
  bool any_cap = false;
  for (const auto& f : spec.offers) any_cap = any_cap || std::isfinite(f.cap);
  lpj["includes_caps"] = !any_cap;
  if (any_cap)
    lpj["note"] = "per-offer caps are not in the LP path: the bound ignores them (still an upper bound); the plan keeps them";
  out["lp_bound"] = lpj;
  const double gap = lp.value - plan.value;
  out["gap"] = {{"absolute", gap}, {"relative", number_or_null(lp.value > 0 ? gap / lp.value : 0.0)}};
  out["roi_floor_handling"] = kRoiHandling;
  out["unconstrained"] = totals_json(pr, path.cum_cost.back(), path.cum_value.back(), path.cum_conv.back());
  out["path_steps"] = path.steps();

  // Never a silent empty plan: say why nobody is targeted.
  std::string status = "ok", message;
  if (path.steps() == 0) {
    status = "no_positive_options";
    message = objective_name == "profit"
                  ? "no offer adds profit for any customer (value_per_conversion x (pk - p0) <= expected cost everywhere)"
                  : "no offer adds conversions for any customer (pk <= p0 everywhere)";
  } else if (plan.targeted == 0) {
    if (has_floor && lp.binding == "roi_floor") {
      double best = 0;
      for (size_t j = 0; j < path.steps(); ++j) {
        const double dc = path.cum_cost[j + 1] - path.cum_cost[j];
        if (dc > 0) {
          best = vpc * (path.cum_conv[j + 1] - path.cum_conv[j]) / dc;
          break;
        }
      }
      status = "infeasible_roi_floor";
      message = "no plan meets the ROI floor " + format_number(roi_floor) + " (the best ROI of any customer-offer pair is " +
                format_number(best) + "): lower the floor";
    } else {
      status = "budget_too_small";
      message = "the budget " + format_number(budget) + " is below the cost of the first step of the plan (" +
                format_number(path.cum_cost[1]) + ")";
    }
  }
  out["status"] = status;
  out["message"] = message;

  if (frontier_n > 0) {
    context.progress(0.7, "frontier");
    const auto pts = budget_frontier(pr, path, static_cast<size_t>(frontier_n), seed);
    Json pj = Json::array();
    for (const auto& f : pts)
      pj.push_back({{"budget", f.budget},
                    {"uplift", totals_json(pr, f.uplift.cost, f.uplift.value, f.uplift.conversions)},
                    {"response", totals_json(pr, f.response.cost, f.response.value, f.response.conversions)},
                    {"random", totals_json(pr, f.random.cost, f.random.value, f.random.conversions)}});
    Json everyone = Json::array();
    for (size_t k = 1; k <= pr.offers(); ++k) {
      const Plan e = everyone_plan(pr, k);
      Json j = totals_json(pr, e.cost, e.value, e.conversions);
      j["offer"] = spec.offers[k - 1].name;
      everyone.push_back(j);
    }
    out["frontier"] = {
        {"points", pj},
        {"everyone", everyone},
        {"plan", {{"cost", plan.cost}, {"objective_value", plan.value}, {"incremental_conversions", plan.conversions}}},
        {"uplift_rule", "the LP path: hull steps by marginal value per unit cost (exact LP optimum at each budget)"},
        {"response_rule", "rank customers by their highest pk over the offers (a response model), give each that offer "
                          "(ties: the cheaper), take in rank order while the budget lasts"},
        {"random_rule", "customers in a seeded random order, each with an offer drawn uniformly, while the budget lasts"},
        {"everyone_rule", "every customer gets offer k: one point per offer"}};
  } else {
    out["frontier"] = nullptr;
  }

  context.progress(0.9, "cost risk");
  const CostRisk r = cost_risk(pr, plan, budget, static_cast<size_t>(draws), seed);
  Json risk = {{"mean", r.mean},
               {"sd", r.sd},
               {"p_exceed_budget", r.p_exceed},
               {"q05", r.q05},
               {"q50", r.q50},
               {"q95", r.q95},
               {"method", "normal approximation to a sum of independent Bernoulli-triggered costs"}};
  if (r.mc_draws)
    risk["monte_carlo"] = {{"draws", r.mc_draws},
                           {"seed", seed},
                           {"p_exceed_budget", r.mc_p_exceed},
                           {"q05", r.mc_q05},
                           {"q50", r.mc_q50},
                           {"q95", r.mc_q95}};
  out["risk"] = risk;
  if (want_assignment) {
    out["assignment"] = plan.choice;  // per input row: 0 = none, k = offers[k-1]
  }
  out["definitions"] = definitions();
  return out;
}

}  // namespace incrementa
