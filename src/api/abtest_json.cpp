#include "api/abtest_json.hpp"

#include "experiment/abtest.hpp"

namespace incrementa {

namespace {
// Every number in the result says what it is: the page shows these texts.
Json definitions(bool binary) {
  return {
      {"mean", binary ? "share of rows with outcome 1 (a rate)" : "average outcome per row"},
      {"arm_ci", binary ? "Wilson score interval for the arm's rate" : "Student-t interval for the arm's mean"},
      {"diff", "mean(arm) - mean(control): the incremental effect of the arm per row"},
      {"diff_ci", binary ? "Newcombe hybrid score interval (method 10) for a difference of rates"
                         : "Welch-Satterthwaite interval for a difference of means"},
      {"p_value", "two-sided Welch t-test of no difference"},
      {"relative_lift", "mean(arm) / mean(control) - 1"},
      {"relative_lift_ci", "delta method on log(mean(arm) / mean(control))"},
      {"cuped",
       "CUPED: outcome minus theta x (covariate - its mean), theta = pooled within-arm slope; same expected "
       "difference, smaller variance when the pre-period covariate predicts the outcome"},
      {"variance_reduction", "1 - se(CUPED difference)^2 / se(raw difference)^2: share of the variance removed"},
  };
}
}  // namespace

Json abtest_json(const Table& table, const Json& o) {
  check_known_keys(o, {"arm", "control", "outcome", "covariate", "alpha"}, "abtest");
  AbTestOptions opt;
  opt.arm = require_string(o, "arm");
  opt.outcome = require_string(o, "outcome");
  opt.control = optional_string(o, "control");
  opt.covariate = optional_string(o, "covariate");
  if (opt.covariate && opt.covariate->empty()) opt.covariate.reset();
  if (opt.control && opt.control->empty()) opt.control.reset();
  opt.alpha = number_or(o, "alpha", 0.05);
  const AbTestResult r = run_abtest(table, opt);

  Json out;
  out["command"] = "abtest";
  out["source"] = table.source();
  out["arm"] = opt.arm;
  out["outcome"] = opt.outcome;
  out["control"] = r.control;
  out["control_guessed"] = r.control_guessed;
  out["outcome_kind"] = r.binary ? "binary" : "numeric";
  out["alpha"] = opt.alpha;
  out["confidence"] = 1 - opt.alpha;
  out["rows"] = {{"total", r.rows_total}, {"used", r.rows_used}, {"dropped_missing", r.rows_missing}};
  Json arms = Json::array();
  for (const auto& a : r.arms) {
    Json j = {{"name", a.name},  {"n", a.n},   {"mean", number_or_null(a.mean)}, {"sd", number_or_null(a.sd)},
              {"se", number_or_null(a.se)}, {"ci", interval_json(a.ci)}};
    if (r.has_cuped) j["covariate_mean"] = number_or_null(a.covariate_mean);
    arms.push_back(j);
  }
  out["arms"] = arms;
  Json cmps = Json::array();
  for (const auto& c : r.comparisons) {
    cmps.push_back({{"arm", c.arm},
                    {"vs", r.control},
                    {"diff", number_or_null(c.diff)},
                    {"se", number_or_null(c.se)},
                    {"df", number_or_null(c.df)},
                    {"t", number_or_null(c.t)},
                    {"p_value", number_or_null(c.p_value)},
                    {"ci", interval_json(c.ci)},
                    {"ci_method", r.binary ? "newcombe" : "welch"},
                    {"relative_lift", number_or_null(c.relative_lift)},
                    {"relative_lift_ci", interval_json(c.relative_lift_ci)}});
  }
  out["comparisons"] = cmps;
  if (r.has_cuped) {
    Json cc = Json::array();
    for (const auto& c : r.cuped) {
      cc.push_back({{"arm", c.arm},
                    {"vs", r.control},
                    {"diff", number_or_null(c.diff)},
                    {"se", number_or_null(c.se)},
                    {"df", number_or_null(c.df)},
                    {"p_value", number_or_null(c.p_value)},
                    {"ci", interval_json(c.ci)},
                    {"variance_reduction", number_or_null(c.variance_reduction)}});
    }
    out["cuped"] = {{"covariate", *opt.covariate},
                    {"theta", number_or_null(r.cuped_theta)},
                    {"variance_reduction", number_or_null(r.cuped_variance_reduction)},
                    {"comparisons", cc}};
  } else {
    out["cuped"] = nullptr;
  }
  out["definitions"] = definitions(r.binary);
  return out;
}

}  // namespace incrementa
