#include "api/uplift_json.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <regex>

#include "core/error.hpp"
#include "experiment/abtest.hpp"
#include "learn/learner.hpp"
#include "uplift/evaluation.hpp"
#include "uplift/meta.hpp"
#include "api/uplift_eval_json.hpp"

namespace incrementa {

namespace {

Json definitions() {
  return {
      {"cate", "conditional average treatment effect (uplift) of the arm vs the control for a row, predicted "
               "out of fold: by models fitted without that row's fold"},
      {"ate_dr", "average treatment effect, mean of the doubly robust pseudo-outcome mu1 - mu0 + w (y - mu1)/e - "
                 "(1 - w)(y - mu0)/(1 - e) with out-of-fold nuisances; se = sd / sqrt(n)"},
      {"propensity.auc", "ROC AUC of the out-of-fold propensity for treated vs control rows (0.5: no "
                         "confounding signal; near 1: arms barely overlap)"},
      {"propensity.share_outside", "share of rows whose propensity lies outside [0.05, 0.95], before clipping"},
      {"propensity.clipped", "rows whose propensity was clipped to [clip, 1 - clip] for the estimators"},
      {"propensity.histogram", "rows per propensity bin of width 0.05 on [0, 1], by arm (overlap)"},
      {"curves.k", "rows targeted, highest predicted uplift first (ties share a point)"},
      {"curves.uplift", "U(k) = (mean outcome of treated - mean outcome of control among the first k) x k"},
      {"curves.qini", "Q(k) = Yt(k) - Yc(k) Nt(k)/Nc(k): summed treated outcome minus the control's, scaled"},
      {"auuc_sklift", "scikit-uplift uplift_auc_score: (area under U - area under the random line) / (same for "
                      "the perfect ranking); 0/1 outcomes only (null otherwise)"},
      {"qini_sklift", "scikit-uplift qini_auc_score(negative_effect=True): the same with Q, the perfect ranking "
                      "by y (2w - 1)"},
      {"auuc_causalml", "CausalML auuc_score(normalize=True): mean of U(k)/|U(n)| over k = 0..n (random: 0.5)"},
      {"qini_causalml", "CausalML qini_score(normalize=True): mean of Q(k)/|Q(n)| minus the same for the random "
                        "line"},
      {"uplift_area_over_random", "area between U and the random line with x = k/n and y = U/n: incremental "
                                  "outcome per row over random targeting, averaged over depths"},
      {"qini_area_over_random", "the same for the Qini curve"},
      {"deciles", "ten equal groups by predicted uplift, highest first: mean predicted uplift and the observed "
                  "difference of means (treated - control) with a normal 95% interval (Welch standard error)"},
      {"policies.ipw", "inverse propensity weighted value: mean of 1{w = policy} y / P(w | x)"},
      {"policies.snipw", "self-normalised IPW: sum of weight x y / sum of weights (se by linearisation)"},
      {"policies.dr", "doubly robust value: mean of mu_pi(x) + 1{w = pi}(y - mu_pi(x)) / P(w | x)"},
      {"policies.dr_gain", "DR value minus the DR value of treating no one (paired, with its se)"},
      {"policies.learned_threshold", "treat when the predicted uplift exceeds the threshold"},
      {"policies.learned_top", "treat the top share of rows by predicted uplift"},
      {"policies.random_same_rate", "treat each row with probability equal to the learned threshold policy's "
                                    "treated share"},
  };
}

Json curve_json(const UpliftCurves& c, double n) {
  // At most 101 points: the first point at or past each percent of the rows.
  std::vector<size_t> pick;
  if (c.k.size() <= 201) {
    pick.resize(c.k.size());
    std::iota(pick.begin(), pick.end(), size_t{0});
  } else {
    size_t i = 0;
    for (int j = 0; j <= 100; ++j) {
      const double target = n * j / 100.0;
      while (i + 1 < c.k.size() && c.k[i] < target) ++i;
      if (pick.empty() || pick.back() != i) pick.push_back(i);
    }
  }
  Json k = Json::array(), u = Json::array(), q = Json::array();
  for (size_t i : pick) {
    k.push_back(c.k[i]);
    u.push_back(number_or_null(c.uplift[i]));
    q.push_back(number_or_null(c.qini[i]));
  }
  return {{"k", k}, {"uplift", u}, {"qini", q}, {"n", n}};
}


}  // namespace

Json uplift_json(const Table& table, const Json& o, RunContext& context) {
  check_known_keys(o,
                   {"treatment", "control", "outcome", "features", "exclude", "learner", "base", "propensity", "folds",
                    "trees", "seed", "clip", "threshold", "top_share", "ridge", "return_predictions", "cost", "value",
                    "trim", "true_cate", "rate_replicates", "arms"},
                   "uplift");
  const std::string treatment = require_string(o, "treatment");
  const std::string outcome = require_string(o, "outcome");
  std::optional<std::string> control = optional_string(o, "control");
  if (control && control->empty()) control.reset();
  const std::string learner = optional_string(o, "learner").value_or("dr");
  const std::string base = optional_string(o, "base").value_or("linear");
  const std::string prop_mode = optional_string(o, "propensity").value_or("known");
  if (learner != "s" && learner != "t" && learner != "x" && learner != "r" && learner != "dr" &&
      learner != "causal_forest")
    throw ConfigError("uplift: learner must be s, t, x, r, dr or causal_forest, got '" + learner + "'");
  if (prop_mode != "known" && prop_mode != "estimated")
    throw ConfigError("uplift: propensity must be 'known' (randomised) or 'estimated', got '" + prop_mode + "'");
  make_learner(base);  // an unknown base fails here, before any work
  const double folds_d = number_or(o, "folds", 5);
  if (!(folds_d >= 2 && folds_d <= 20 && folds_d == std::floor(folds_d)))
    throw ConfigError("uplift: folds must be a whole number from 2 to 20");
  const size_t folds = static_cast<size_t>(folds_d);
  const double seed_d = number_or(o, "seed", 1);
  if (!(seed_d >= 0 && seed_d == std::floor(seed_d))) throw ConfigError("uplift: seed must be a whole number >= 0");
  MetaOptions mo;
  mo.learner = learner;
  mo.base = base;
  mo.estimate_propensity = prop_mode == "estimated";
  mo.clip = number_or(o, "clip", 0.01);
  mo.ridge = number_or(o, "ridge", -1);
  mo.seed = static_cast<uint64_t>(seed_d);
  const double trees_d = number_or(o, "trees", 0);
  if (!(trees_d >= 0 && trees_d <= 100000 && trees_d == std::floor(trees_d)))
    throw ConfigError("uplift: trees must be a whole number from 1 to 100000 (0 or absent: the default)");
  mo.trees = static_cast<size_t>(trees_d);
  const double threshold = number_or(o, "threshold", 0.0);
  const double top_share = number_or(o, "top_share", 0.2);
  if (!(top_share > 0 && top_share <= 1)) throw ConfigError("uplift: top_share must be in (0, 1]");
  if (treatment == outcome) throw InputError("the treatment and the outcome must be different columns");
  const UpliftEvalOptions eval_opts = parse_uplift_eval_options(o, mo.seed);

  // Treatment arms.
  std::vector<int32_t> codes;
  const std::vector<std::string> labels = arm_labels(table, treatment, codes);
  const size_t n = table.rows();
  for (size_t r = 0; r < n; ++r)
    if (codes[r] < 0)
      throw InputError(table.source() + ": treatment '" + treatment + "' is missing on line " +
                       std::to_string(table.line_of_row(r)) + "; drop such rows first");
  std::string label_list;
  for (const auto& l : labels) label_list += (label_list.empty() ? "'" : ", '") + l + "'";
  if (labels.size() < 2)
    throw InputError("treatment '" + treatment + "' has a single value (" + label_list +
                     "): uplift needs treated and control rows");
  if (labels.size() > 20)
    throw InputError("treatment '" + treatment + "' has " + std::to_string(labels.size()) +
                     " values; at most 20 arms are supported");
  size_t ctrl = 0;
  if (control) {
    auto it = std::find(labels.begin(), labels.end(), *control);
    if (it == labels.end())
      throw InputError("control '" + *control + "' is not a value of '" + treatment + "' (values: " + label_list + ")");
    ctrl = static_cast<size_t>(it - labels.begin());
  } else {
    static const std::regex like_control("^(control|ctrl|holdout|none|no[ _-].*|0|false)$", std::regex::icase);
    size_t found = labels.size(), count = 0;
    for (size_t i = 0; i < labels.size(); ++i)
      if (std::regex_match(labels[i], like_control)) found = i, ++count;
    if (labels.size() != 2 || count != 1)
      throw InputError("treatment '" + treatment + "' has values " + label_list +
                       (labels.size() == 2 ? "; neither reads as a control"
                                           : " (not binary)") +
                       ": name the control with --control VALUE");
    ctrl = found;
  }
  std::vector<size_t> arms;
  for (size_t a = 0; a < labels.size(); ++a)
    if (a != ctrl) arms.push_back(a);
  const std::vector<double> truth = read_true_cate(table, eval_opts, arms.size());
  // `arms`: estimate only these (the page's quick first answer fits the arm it shows, the rest follow). Each
  // arm is estimated on its own rows and the table's folds, so its numbers are those of a run over every arm.
  const size_t total_arms = arms.size();
  if (const std::vector<std::string> only = string_list(o, "arms", "uplift"); !only.empty()) {
    for (const auto& name : only) {
      auto it = std::find(labels.begin(), labels.end(), name);
      if (it == labels.end() || static_cast<size_t>(it - labels.begin()) == ctrl)
        throw ConfigError("uplift: arms: '" + name + "' is not a treated value of '" + treatment + "' (values: " +
                          label_list + "; control '" + labels[ctrl] + "')");
    }
    std::erase_if(arms, [&](size_t a) { return std::find(only.begin(), only.end(), labels[a]) == only.end(); });
  }

  // Outcome.
  const Column& yc = table.numeric_column(outcome, "outcome");
  std::vector<double> y(n);
  bool binary = true;
  for (size_t r = 0; r < n; ++r) {
    if (std::isnan(yc.values[r]))
      throw InputError(table.source() + ": outcome '" + outcome + "' is missing on line " +
                       std::to_string(table.line_of_row(r)) + "; drop or fill such rows first");
    y[r] = yc.values[r];
    binary = binary && (y[r] == 0 || y[r] == 1);
  }
  if (std::all_of(y.begin(), y.end(), [&](double v) { return v == y[0]; }))
    throw InputError("outcome '" + outcome + "' is constant (" + format_number(y[0]) +
                     " on every row): there is no effect to estimate");

  // Features.
  std::vector<std::string> features = string_list(o, "features", "uplift");
  const std::vector<std::string> exclude = string_list(o, "exclude", "uplift");
  if (!features.empty() && !exclude.empty()) throw ConfigError("uplift: give 'features' or 'exclude', not both");
  if (features.empty()) {
    for (const auto& c : table.columns())
      if (c.name != treatment && c.name != outcome && std::find(exclude.begin(), exclude.end(), c.name) == exclude.end())
        features.push_back(c.name);
    for (const auto& e : exclude) table.column(e);  // a typo is an error
  }
  drop_truth_features(features, o, eval_opts, table);
  for (const auto& f : features)
    if (f == treatment || f == outcome)
      throw InputError("feature '" + f + "' is the treatment or the outcome; leave it out of the features");
  const Design design = build_design(table, features);
  context.check();

  // Per arm vs control.
  std::vector<int> arm_code(n);
  for (size_t r = 0; r < n; ++r) arm_code[r] = codes[r];
  const std::vector<int> fold = make_folds(arm_code, folds, mo.seed);

  Json out;
  out["command"] = "uplift";
  out["source"] = table.source();
  out["treatment"] = treatment;
  out["control"] = labels[ctrl];
  out["outcome"] = outcome;
  out["outcome_kind"] = binary ? "binary" : "numeric";
  out["learner"] = learner;
  out["base"] = base;
  out["propensity"] = prop_mode;
  out["folds"] = folds;
  out["seed"] = mo.seed;
  if (learner == "causal_forest") out["trees"] = mo.trees ? mo.trees : 200;
  out["clip"] = mo.clip;
  out["threshold"] = threshold;
  out["top_share"] = top_share;
  out["rows"] = n;
  out["features"] = features;
  out["design_columns"] = design.names;
  Json results = Json::array();
  Json predictions = Json::object();
  std::vector<double> best(n, -std::numeric_limits<double>::infinity());

  for (size_t ai = 0; ai < arms.size(); ++ai) {
    const size_t a = arms[ai];
    std::vector<int> arm(n);
    size_t nt = 0, nc = 0;
    for (size_t r = 0; r < n; ++r) {
      arm[r] = codes[r] == static_cast<int32_t>(a) ? 1 : codes[r] == static_cast<int32_t>(ctrl) ? 0 : -1;
      nt += arm[r] == 1, nc += arm[r] == 0;
    }
    if (nt < 2 || nc < 2)
      throw InputError("arm '" + labels[a] + "' has " + std::to_string(nt) + " rows and the control '" + labels[ctrl] +
                       "' " + std::to_string(nc) + ": each needs rows to compare");
    RunContext sub = context.with_progress([&](double f, const std::string& stage) {
      context.progress((static_cast<double>(ai) + f) / static_cast<double>(arms.size()), labels[a] + ": " + stage);
    });
    const ArmEstimate est = estimate_arm(design.x, y, arm, fold, folds, mo, &sub);
    context.check();

    // The comparison's rows.
    std::vector<double> s, yy, e, m0, m1;
    std::vector<int> ww;
    std::vector<size_t> kept;  // table rows evaluated (not trimmed)
    size_t trim_low = 0, trim_high = 0, kt = 0;
    for (size_t r = 0; r < n; ++r) {
      if (arm[r] < 0 || trimmed_out(est.e[r], eval_opts, trim_low, trim_high)) continue;
      kept.push_back(r);
      kt += arm[r] == 1;
      s.push_back(est.cate[r]);
      yy.push_back(y[r]);
      ww.push_back(arm[r]);
      e.push_back(est.e[r]);
      m0.push_back(est.mu0[r]);
      m1.push_back(est.mu1[r]);
    }
    const size_t m = s.size();
    const double md = static_cast<double>(m);
    if (kt < 2 || m - kt < 2)
      throw InputError("trim " + format_number(eval_opts.trim) + " leaves " + std::to_string(kt) + " treated and " +
                       std::to_string(m - kt) + " control rows of arm '" + labels[a] + "' (" +
                       std::to_string(trim_low + trim_high) + " trimmed): use a smaller trim");

    Json j;
    j["arm"] = labels[a];
    j["vs"] = labels[ctrl];
    j["n_treated"] = nt;
    j["n_control"] = nc;
    if (learner == "causal_forest")
      j["forest"] = {{"trees", est.forest_trees}, {"nodes", est.forest_nodes},
                     {"memory_mb", static_cast<double>(est.forest_bytes) / 1048576.0}};
    // ATE (DR) and the CATE's spread.
    {
      const PolicyValue all = evaluate_policy(std::vector<double>(m, 1.0), yy, ww, e, m0, m1);
      j["ate_dr"] = {{"estimate", number_or_null(all.dr_gain)},
                     {"se", number_or_null(all.dr_gain_se)},
                     {"ci", Json::array({number_or_null(all.dr_gain - 1.959963984540054 * all.dr_gain_se),
                                         number_or_null(all.dr_gain + 1.959963984540054 * all.dr_gain_se)})}};
      std::vector<double> sorted = s;
      std::sort(sorted.begin(), sorted.end());
      double mean = 0, ss = 0;
      for (double v : s) mean += v / md;
      for (double v : s) ss += (v - mean) * (v - mean);
      auto q = [&](double p) { return sorted[static_cast<size_t>(std::floor(p * (md - 1)))]; };
      j["cate_summary"] = {{"mean", mean},       {"sd", std::sqrt(ss / std::max(1.0, md - 1))},
                           {"min", sorted.front()}, {"p10", q(0.1)}, {"median", q(0.5)}, {"p90", q(0.9)},
                           {"max", sorted.back()}};
    }
    {
      const auto& d = est.propensity;
      j["propensity"] = {{"estimated", d.estimated},
                         {"auc", number_or_null(d.auc)},
                         {"share_outside", d.share_outside},
                         {"clipped", {{"low", d.clipped_low}, {"high", d.clipped_high}}},
                         {"min", d.min},
                         {"max", d.max},
                         {"histogram", {{"bin_width", 0.05}, {"treated", d.hist_treated}, {"control", d.hist_control}}}};
    }
    j["curves"] = curve_json(uplift_curves(s, yy, ww), md);
    const UpliftMetrics um = uplift_metrics(s, yy, ww, binary);
    j["metrics"] = {{"auuc_sklift", number_or_null(um.auuc_sklift)},
                    {"qini_sklift", number_or_null(um.qini_sklift)},
                    {"auuc_causalml", number_or_null(um.auuc_causalml)},
                    {"qini_causalml", number_or_null(um.qini_causalml)},
                    {"uplift_area_over_random", number_or_null(um.uplift_area_over_random)},
                    {"qini_area_over_random", number_or_null(um.qini_area_over_random)}};
    Json dec = Json::array();
    for (const auto& d : uplift_by_decile(s, yy, ww)) {
      dec.push_back({{"n_treated", d.n_treated},
                     {"n_control", d.n_control},
                     {"predicted", number_or_null(d.predicted)},
                     {"observed", number_or_null(d.observed)},
                     {"se", number_or_null(d.se)},
                     {"ci", Json::array({number_or_null(d.lo), number_or_null(d.hi)})}});
    }
    j["deciles"] = dec;
    // Policies.
    std::vector<double> thr(m), top(m, 0.0);
    for (size_t i = 0; i < m; ++i) thr[i] = s[i] > threshold ? 1.0 : 0.0;
    {
      std::vector<size_t> idx(m);
      std::iota(idx.begin(), idx.end(), size_t{0});
      std::stable_sort(idx.begin(), idx.end(), [&](size_t p, size_t q) { return s[p] > s[q]; });
      const size_t take = static_cast<size_t>(std::llround(top_share * md));
      for (size_t i = 0; i < take; ++i) top[idx[i]] = 1.0;
    }
    const double rate = std::accumulate(thr.begin(), thr.end(), 0.0) / md;
    Json pols = Json::array();
    pols.push_back(policy_json("treat_none", evaluate_policy(std::vector<double>(m, 0.0), yy, ww, e, m0, m1)));
    pols.push_back(policy_json("treat_all", evaluate_policy(std::vector<double>(m, 1.0), yy, ww, e, m0, m1)));
    pols.push_back(policy_json("learned_threshold", evaluate_policy(thr, yy, ww, e, m0, m1)));
    pols.push_back(policy_json("learned_top", evaluate_policy(top, yy, ww, e, m0, m1)));
    pols.push_back(policy_json("random_same_rate", evaluate_policy(std::vector<double>(m, rate), yy, ww, e, m0, m1)));
    j["policies"] = pols;
    add_uplift_evaluation(j, {s, yy, ww, e, m0, m1, kept, design.x, design.names, threshold, top_share, truth,
                              trim_low, trim_high}, eval_opts);
    results.push_back(j);

    if (o.value("return_predictions", false)) {
      const std::string col = total_arms == 1 ? "cate" : "cate_" + labels[a];
      predictions[col] = est.cate;
      if (!est.cate_se.empty()) predictions[col + "_se"] = est.cate_se;
      for (size_t r = 0; r < n; ++r) best[r] = std::max(best[r], est.cate[r]);
    }
  }
  out["results"] = results;
  if (o.value("return_predictions", false)) {
    if (total_arms > 1) predictions["cate"] = best;
    if (!truth.empty()) predictions["true_cate"] = truth;  // the teaching view's true-vs-estimated scatter
    out["predictions"] = predictions;
  }
  Json defs = definitions();
  defs.update(uplift_eval_definitions());
  if (learner == "causal_forest") {
    defs["forest"] = "the fitted causal forest: trees, nodes over all trees, and the memory it holds (trees, leaf "
                     "averages, in-sample masks, the one-byte feature bins and the per-row results)";
    defs["predictions.cate_se"] = "standard error of the row's CATE: bootstrap of little bags over the forest's "
                                  "half-samples (grf), out of bag";
  }
  if (!truth.empty())
    defs["predictions.true_cate"] = "the true CATE of the row, copied from the column named by true_cate";
  if (total_arms > 1) defs["predictions.cate"] = "with several arms: the largest of the arms' CATEs for the row";
  out["definitions"] = defs;
  return out;
}

}  // namespace incrementa
