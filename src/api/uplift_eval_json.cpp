#include "api/uplift_eval_json.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "uplift/calibration.hpp"
#include "uplift/evaluation.hpp"
#include "uplift/rate.hpp"
#include "uplift/segments.hpp"

namespace incrementa {

namespace {

constexpr double kZ95 = 1.959963984540054;

Json ci_json(double est, double se) {
  return Json::array({number_or_null(est - kZ95 * se), number_or_null(est + kZ95 * se)});
}

Json coefficient_json(const BlpCoefficient& c) {
  return {{"estimate", number_or_null(c.estimate)},
          {"se", number_or_null(c.se)},
          {"t", number_or_null(c.t)},
          {"p_greater_zero", number_or_null(c.p_greater_zero)},
          {"p_equal_one", number_or_null(c.p_equal_one)}};
}

template <class T>
Json numbers(const std::vector<T>& v) {
  Json a = Json::array();
  for (const T& x : v) a.push_back(number_or_null(static_cast<double>(x)));
  return a;
}

}  // namespace

UpliftEvalOptions parse_uplift_eval_options(const Json& o, uint64_t seed) {
  UpliftEvalOptions eo;
  eo.seed = seed;
  eo.has_cost = (o.contains("cost") && !o["cost"].is_null()) || (o.contains("value") && !o["value"].is_null());
  eo.cost.cost = number_or(o, "cost", 0.0);
  eo.cost.value = number_or(o, "value", 1.0);
  check_cost_model(eo.cost);
  eo.trim = number_or(o, "trim", 0.0);
  if (!(eo.trim >= 0 && eo.trim < 0.5))
    throw ConfigError("uplift: trim must be in [0, 0.5) (rows with propensity outside [trim, 1 - trim] are left "
                      "out of the evaluation), got " + format_number(eo.trim));
  if (auto t = optional_string(o, "true_cate")) eo.true_cate = *t;
  // 0 skips the RATE bootstrap (its standard errors are then null): the page's quick first fit, which a
  // full fit replaces a moment later.
  const double reps = number_or(o, "rate_replicates", double(eo.rate_replicates));
  if (!(reps == std::floor(reps) && (reps == 0 || (reps >= 2 && reps <= 100000))))
    throw ConfigError("uplift: rate_replicates must be 0 (no RATE standard errors) or a whole number from 2 to "
                      "100000, got " + format_number(reps));
  eo.rate_replicates = size_t(reps);
  return eo;
}

void drop_truth_features(std::vector<std::string>& features, const Json& o, const UpliftEvalOptions& eo,
                         const Table& table) {
  if (eo.true_cate.empty()) return;
  const bool explicit_list = o.contains("features") && o["features"].is_array() && !o["features"].empty();
  if (explicit_list && std::find(features.begin(), features.end(), eo.true_cate) != features.end())
    throw InputError("feature '" + eo.true_cate + "' is the true CATE column (true_cate): leave it out of the features");
  if (explicit_list) return;
  features.erase(std::remove_if(features.begin(), features.end(),
                                [&](const std::string& f) {
                                  return f == eo.true_cate || (f == "true_propensity" && table.has(f));
                                }),
                 features.end());
}

std::vector<double> read_true_cate(const Table& table, const UpliftEvalOptions& eo, size_t arm_count) {
  if (eo.true_cate.empty()) return {};
  if (!table.has(eo.true_cate))
    throw InputError("true_cate: " + table.source() + " has no column '" + eo.true_cate +
                     "' (simulate uplift --truth writes one named true_cate)");
  if (arm_count > 1)
    throw InputError("true_cate: one true-CATE column describes one treated arm vs the control, and '" +
                     eo.true_cate + "' was given with " + std::to_string(arm_count) + " treated arms");
  const Column& c = table.numeric_column(eo.true_cate, "true CATE (true_cate)");
  for (size_t r = 0; r < c.values.size(); ++r)
    if (!std::isfinite(c.values[r]))
      throw InputError("true_cate: column '" + eo.true_cate + "' is missing on line " +
                       std::to_string(table.line_of_row(r)) + " of " + table.source());
  return c.values;
}

bool trimmed_out(double e, const UpliftEvalOptions& eo, size_t& low, size_t& high) {
  if (!(eo.trim > 0)) return false;
  if (e < eo.trim) return ++low, true;
  if (e > 1 - eo.trim) return ++high, true;
  return false;
}

void add_uplift_evaluation(Json& arm, const UpliftEvalInput& in, const UpliftEvalOptions& eo) {
  const size_t m = in.cate.size();
  const double md = static_cast<double>(m);
  const std::vector<double> g = dr_scores(in.y, in.w, in.e, in.mu0, in.mu1);
  std::vector<double> truth;
  if (!in.truth.empty()) {
    truth.resize(m);
    for (size_t i = 0; i < m; ++i) truth[i] = in.truth[in.rows[i]];
  }
  arm["trimmed"] = {{"trim", eo.trim}, {"low", in.trimmed_low}, {"high", in.trimmed_high}, {"evaluated_rows", m}};

  // Policies: the vectors behind the existing entries (as uplift_json builds them), the cost-aware one, net
  // values and true gains.
  std::vector<std::pair<std::string, std::vector<double>>> pols;
  {
    std::vector<double> thr(m), top(m, 0.0);
    for (size_t i = 0; i < m; ++i) thr[i] = in.cate[i] > in.threshold ? 1.0 : 0.0;
    std::vector<size_t> idx(m);
    std::iota(idx.begin(), idx.end(), size_t{0});
    std::stable_sort(idx.begin(), idx.end(), [&](size_t p, size_t q) { return in.cate[p] > in.cate[q]; });
    const size_t take = std::min(m, static_cast<size_t>(std::llround(in.top_share * md)));
    for (size_t i = 0; i < take; ++i) top[idx[i]] = 1.0;
    const double rate = std::accumulate(thr.begin(), thr.end(), 0.0) / md;
    pols.emplace_back("treat_none", std::vector<double>(m, 0.0));
    pols.emplace_back("treat_all", std::vector<double>(m, 1.0));
    pols.emplace_back("learned_threshold", thr);
    pols.emplace_back("learned_top", top);
    pols.emplace_back("random_same_rate", std::vector<double>(m, rate));
  }
  if (eo.has_cost) {
    const std::vector<double> ca = eo.cost.policy(in.cate);
    Json& list = arm["policies"];
    const PolicyValue v = evaluate_policy(ca, in.y, in.w, in.e, in.mu0, in.mu1);
    const Json entry = policy_json("learned_cost_aware", v);
    list.push_back(entry);
    pols.emplace_back("learned_cost_aware", ca);
    for (Json& p : list) {
      const double gain = p["dr_gain"].is_number() ? p["dr_gain"].get<double>() : std::nan("");
      const double se = p["dr_gain_se"].is_number() ? p["dr_gain_se"].get<double>() : std::nan("");
      const double share = p["treated_share"].get<double>();
      p["net_value"] = number_or_null(eo.cost.value * gain - eo.cost.cost * share);
      p["net_value_se"] = number_or_null(eo.cost.value * se);
    }
    arm["cost_model"] = {{"cost", eo.cost.cost}, {"value", eo.cost.value}, {"threshold", eo.cost.threshold()}};
  }

  // Calibration and R-loss.
  {
    const CalibrationTest c = test_calibration(in.cate, in.y, in.w, in.e, in.mu0, in.mu1);
    arm["calibration"] = {{"mean_prediction", coefficient_json(c.mean_prediction)},
                          {"differential_prediction", coefficient_json(c.differential_prediction)},
                          {"tau_bar", number_or_null(c.tau_bar)},
                          {"rows", c.rows}};
    const double ate = std::accumulate(g.begin(), g.end(), 0.0) / md;
    const RLoss r = r_loss(in.cate, ate, in.y, in.w, in.e, in.mu0, in.mu1);
    arm["r_loss"] = {{"model", number_or_null(r.model)},
                     {"constant", number_or_null(r.constant)},
                     {"ate", number_or_null(r.ate)},
                     {"relative_improvement", number_or_null(r.relative_improvement)}};
  }

  // RATE.
  {
    const RateResult r = rank_average_treatment_effect(in.cate, g, eo.rate_replicates, eo.seed, 100);
    arm["rate"] = {{"priority", "cate"},
                   {"replicates", r.replicates},
                   {"autoc", {{"estimate", number_or_null(r.autoc.estimate)},
                              {"se", number_or_null(r.autoc.se)},
                              {"ci", ci_json(r.autoc.estimate, r.autoc.se)}}},
                   {"qini", {{"estimate", number_or_null(r.qini.estimate)},
                             {"se", number_or_null(r.qini.se)},
                             {"ci", ci_json(r.qini.estimate, r.qini.se)}}},
                   {"toc", {{"q", numbers(r.q)}, {"toc", numbers(r.toc)}, {"se", numbers(r.toc_se)}}}};
  }

  // Policy curve.
  {
    const auto pc = policy_curve(in.cate, g, truth, eo.has_cost ? &eo.cost : nullptr, 100);
    Json share = Json::array(), treated = Json::array(), thr = Json::array(), gain = Json::array(),
         se = Json::array(), net = Json::array(), tg = Json::array();
    for (const auto& p : pc) {
      share.push_back(p.share);
      treated.push_back(p.treated);
      thr.push_back(number_or_null(p.threshold));
      gain.push_back(number_or_null(p.gain));
      se.push_back(number_or_null(p.gain_se));
      net.push_back(number_or_null(p.net_value));
      tg.push_back(number_or_null(p.true_gain));
    }
    Json j = {{"share", share}, {"treated", treated}, {"threshold", thr}, {"dr_gain", gain}, {"dr_gain_se", se}};
    if (eo.has_cost) j["net_value"] = net;
    if (!truth.empty()) j["true_gain"] = tg;
    arm["policy_curve"] = j;
  }

  // Segments.
  {
    const SegmentAnalysis sa = cate_segments(in.design, in.design_names, in.rows, in.cate, g);
    Json leaves = Json::array();
    bool any = false;
    for (const auto& s : sa.leaves) {
      Json conds = Json::array();
      for (const auto& c : s.conditions)
        conds.push_back({{"column", in.design_names[c.column]}, {"op", c.greater ? ">" : "<="}, {"threshold", c.threshold}});
      any = any || s.sleeping_dogs;
      leaves.push_back({{"rule", s.rule},
                        {"conditions", conds},
                        {"rows", s.rows},
                        {"predicted", number_or_null(s.predicted)},
                        {"dr", number_or_null(s.dr)},
                        {"dr_se", number_or_null(s.dr_se)},
                        {"ci", Json::array({number_or_null(s.lo), number_or_null(s.hi)})},
                        {"sleeping_dogs", s.sleeping_dogs},
                        {"possibly_negative", s.possibly_negative}});
    }
    arm["segments"] = {{"depth", sa.depth},
                       {"min_leaf", sa.min_leaf},
                       {"share_negative", sa.share_negative},
                       {"any_sleeping_dogs", any},
                       {"leaves", leaves}};
  }

  // Truth.
  if (!truth.empty()) {
    double se = 0, mt = 0, mc = 0;
    for (size_t i = 0; i < m; ++i) {
      se += (in.cate[i] - truth[i]) * (in.cate[i] - truth[i]);
      mt += truth[i];
      mc += in.cate[i];
    }
    mt /= md;
    mc /= md;
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < m; ++i) {
      sxy += (in.cate[i] - mc) * (truth[i] - mt);
      sxx += (in.cate[i] - mc) * (in.cate[i] - mc);
      syy += (truth[i] - mt) * (truth[i] - mt);
    }
    Json tp = Json::array();
    for (const auto& [name, pol] : pols) {
      double tg = 0;
      for (size_t i = 0; i < m; ++i) tg += pol[i] * truth[i];
      Json e = {{"policy", name}, {"true_gain", number_or_null(tg / md)}};
      for (const Json& p : arm["policies"])
        if (p["policy"] == name) e["dr_gain"] = p["dr_gain"];
      tp.push_back(e);
    }
    arm["truth"] = {{"pehe_sqrt", number_or_null(std::sqrt(se / md))},
                    {"correlation", number_or_null(sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : std::nan(""))},
                    {"true_ate", number_or_null(mt)},
                    {"policies", tp}};
  }
}

Json uplift_eval_definitions() {
  return {
      {"trimmed", "rows left out of the evaluation because their propensity lies outside [trim, 1 - trim] (low: "
                  "below trim, high: above 1 - trim); their CATE is still predicted. Everything under results "
                  "(ATE, curves, metrics, deciles, policies, calibration, RATE, segments) uses the other rows"},
      {"calibration.mean_prediction",
       "best linear predictor test (grf test_calibration): coefficient on (w - e) mean(cate) in an OLS of y - m(x) "
       "(m = e mu1 + (1 - e) mu0, out of fold) on it and the differential term; 1 = the average prediction is "
       "right. HC3 robust se; p_greater_zero one-sided (t, n - 2 df), p_equal_one two-sided"},
      {"calibration.differential_prediction",
       "coefficient on (w - e)(cate - mean cate) in the same regression: 1 = the predictions' spread is right, "
       "significantly > 0 (small p_greater_zero) = the heterogeneity found is real, near 0 = no detectable "
       "heterogeneity"},
      {"r_loss.model", "R-loss (Nie & Wager): mean of ((y - m(x)) - (w - e) cate)^2 with out-of-fold m, e; lower is "
                       "better; compares CATE models on the same rows"},
      {"r_loss.constant", "the R-loss of the constant effect cate = ATE (DR)"},
      {"r_loss.relative_improvement", "1 - model / constant: share of the constant model's R-loss removed by the "
                                      "predicted heterogeneity (<= 0: no better than one effect for everyone)"},
      {"rate.autoc", "rank-weighted ATE with AUTOC weighting (grf rank_average_treatment_effect): mean over "
                     "k = 1..n of TOC(k/n), TOC(q) = mean DR score of the top q by predicted cate (ties averaged) "
                     "minus the ATE; 0 for a ranking unrelated to the effect"},
      {"rate.qini", "the same with Qini weighting: mean over k of (k/n) TOC(k/n)"},
      {"rate.se", "half-sample bootstrap (floor(n/2) rows without replacement per replicate, seeded): sd of the "
                  "replicates; ci = estimate -/+ 1.96 se"},
      {"rate.toc", "TOC(q) for q = 0.01..1: mean DR score of the top ceil(q n) rows minus the ATE, with its "
                   "bootstrap se"},
      {"policy_curve", "treat the top share of rows by predicted cate (share 0, 0.01, ..., 1; treated = "
                       "round(share n), ties in input order): DR gain per row over treating no one (mean of "
                       "1{treated} x DR score) with se = sd of the per-row terms / sqrt(n); threshold = predicted "
                       "cate of the last treated row"},
      {"policy_curve.net_value", "value x dr_gain - cost x treated / n: net value per row of the population"},
      {"policy_curve.true_gain", "mean over rows of 1{treated} x true cate (simulated truth)"},
      {"policies.learned_cost_aware", "treat when value x predicted cate > cost (threshold cost / value)"},
      {"policies.net_value", "value x dr_gain - cost x treated_share, per row; net_value_se = value x dr_gain_se"},
      {"segments", "a depth-2 regression tree on the predicted cate over the design columns (splits at the node's "
                   "5%..95% quantiles, the split that most reduces the squared deviations, each leaf >= min_leaf "
                   "rows, deterministic); per leaf the DR estimate = mean DR score of its rows, se = sd / sqrt(rows), "
                   "normal 95% CI; rule shows thresholds to 4 significant digits, conditions hold them exactly"},
      {"segments.sleeping_dogs", "the leaf's 95% CI lies below 0: treating these rows lowers the outcome"},
      {"segments.possibly_negative", "the leaf's DR estimate is below 0 but its CI reaches 0"},
      {"segments.share_negative", "share of the evaluated rows with a predicted cate below 0"},
      {"truth.pehe_sqrt", "root mean squared difference between the predicted and the true cate (sqrt PEHE)"},
      {"truth.correlation", "Pearson correlation of the predicted and the true cate"},
      {"truth.true_ate", "mean true cate over the evaluated rows"},
      {"truth.policies.true_gain", "mean over rows of policy x true cate: the policy's true gain over treating no "
                                   "one (compare with its dr_gain)"},
  };
}

Json policy_json(const std::string& name, const PolicyValue& v) {
  return {{"policy", name},
          {"treated_share", v.treated_share},
          {"ipw", number_or_null(v.ipw)},
          {"ipw_se", number_or_null(v.ipw_se)},
          {"snipw", number_or_null(v.snipw)},
          {"snipw_se", number_or_null(v.snipw_se)},
          {"dr", number_or_null(v.dr)},
          {"dr_se", number_or_null(v.dr_se)},
          {"dr_gain", number_or_null(v.dr_gain)},
          {"dr_gain_se", number_or_null(v.dr_gain_se)}};
}

}  // namespace incrementa
