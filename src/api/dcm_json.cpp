#include "api/dcm_json.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "dcm/model.hpp"
#include "dcm/panel.hpp"
#include "dcm/score.hpp"
#include "dcm/train.hpp"

namespace incrementa {

namespace {

// Percentile interval (linear interpolation between order statistics).
Json percentile_ci(std::vector<double> v) {
  if (v.empty()) return nullptr;
  std::sort(v.begin(), v.end());
  auto q = [&](double p) {
    const double h = p * static_cast<double>(v.size() - 1);
    const size_t i = static_cast<size_t>(std::floor(h));
    const size_t j = std::min(i + 1, v.size() - 1);
    return v[i] + (h - static_cast<double>(i)) * (v[j] - v[i]);
  };
  return Json::array({number_or_null(q(0.025)), number_or_null(q(0.975))});
}

struct Scored {
  std::vector<double> baseline, delta;  // per period
  std::vector<double> group_inc;        // per group
};

}  // namespace

Json dcm_train_json(const Table& table, const Json& o, RunContext& ctx) {
  check_known_keys(o, {"config", "bootstrap", "seed"}, "dcm_train");
  if (!o.contains("config")) throw ConfigError("dcm_train: 'config' is required");
  const dcm::Config cfg = dcm::parse_config(o["config"]);
  const dcm::Panel panel = dcm::build_panel(table, cfg);
  dcm::TrainOptions to;
  const double b = number_or(o, "bootstrap", 0);
  if (!(b >= 0 && b <= 100000 && b == std::floor(b))) throw ConfigError("dcm_train: bootstrap must be a whole number from 0 to 100000");
  to.bootstrap = static_cast<size_t>(b);
  to.seed = static_cast<uint64_t>(number_or(o, "seed", 1));
  const dcm::Model m = dcm::train(panel, cfg, to, ctx);

  // Summary: R^2 range per target and the outcome equations' coefficients.
  Json targets = Json::array();
  for (size_t v = 0; v < m.V(); ++v) {
    double lo = INFINITY, hi = -INFINITY, sum = 0, count = 0;
    for (const auto& e : m.equations)
      if (e.target == v) {
        lo = std::min(lo, e.r2);
        hi = std::max(hi, e.r2);
        sum += e.r2;
        ++count;
      }
    targets.push_back({{"target", m.variables[v]},
                       {"es", m.is_es(v)},
                       {"equations", count},
                       {"r2_min", number_or_null(lo)},
                       {"r2_mean", number_or_null(sum / count)},
                       {"r2_max", number_or_null(hi)}});
  }
  Json outcome_eqs = Json::array();
  for (const auto& e : m.equations) {
    if (e.target != m.outcome()) continue;
    Json coef = Json::array();
    for (size_t i = 0; i < e.regressors.size(); ++i)
      coef.push_back({{"name", e.regressors[i]},
                      {"coef", number_or_null(e.coef[static_cast<Eigen::Index>(i)])},
                      {"se", number_or_null(e.se[static_cast<Eigen::Index>(i)])}});
    outcome_eqs.push_back({{"period", e.period < 0 ? Json(nullptr) : Json(m.first_period + e.period)},
                           {"r2", number_or_null(e.r2)},
                           {"n", e.n},
                           {"coefficients", coef}});
  }
  return {{"command", "dcm_train"},
          {"source", table.source()},
          {"customers", m.customers},
          {"periods", m.periods},
          {"first_period", m.first_period},
          {"equations", m.equations.size()},
          {"bootstrap", m.bootstrap.replicates},
          {"bootstrap_buckets", m.bootstrap.buckets},
          {"targets", targets},
          {"outcome_equations", outcome_eqs},
          {"model", dcm::model_to_json(m)},
          {"definitions",
           {{"equations", "one linear regression per target period t >= lags and per target (outcome and each surrogate); "
                          "one per target with period effects when pooled"},
            {"coef", "least-squares (ridge when set) coefficient, solved from the sufficient statistics X'X, X'y"},
            {"se", "classical standard error sqrt(sigma^2 [H^-1 X'X H^-1]_jj), H = X'X + ridge"},
            {"r2", "1 - RSS / TSS of the equation"},
            {"bootstrap_buckets", "customers are hashed into this many buckets; a replicate reweights each bucket by a "
                                  "Poisson(1) count (one customer per bucket when customers <= buckets)"}}}};
}

Json dcm_score_json(const Table& table, const Json& o, RunContext& ctx) {
  check_known_keys(o, {"model", "shock"}, "dcm_score");
  if (!o.contains("model")) throw ConfigError("dcm_score: 'model' is required");
  if (!o.contains("shock")) throw ConfigError("dcm_score: 'shock' is required");
  const dcm::Model m = dcm::model_from_json(o["model"]);
  const auto shocks = dcm::resolve(m, dcm::parse_shocks(o["shock"]));
  const dcm::Panel panel = dcm::build_panel(table, m.config);
  dcm::check_panel(m, panel);
  ctx.check();
  const size_t T = m.periods, V = m.V();
  size_t w0 = T;
  for (const auto& s : shocks) w0 = std::min(w0, s.from);

  // Groups: the config's channels that hold a shocked surrogate, and every shocked surrogate in no group.
  std::vector<std::string> group_names;
  std::vector<std::vector<size_t>> group_vars;
  std::vector<bool> grouped(V, false);
  auto index_of = [&](const std::string& s) {
    return static_cast<size_t>(std::find(m.variables.begin(), m.variables.end(), s) - m.variables.begin());
  };
  for (const auto& [name, members] : m.config.groups) {
    std::vector<size_t> vars;
    for (const auto& s : members) vars.push_back(index_of(s)), grouped[index_of(s)] = true;
    group_names.push_back(name);
    group_vars.push_back(vars);
  }
  for (const auto& s : shocks)
    for (size_t v : s.vars)
      if (!grouped[v]) {
        grouped[v] = true;
        group_names.push_back(m.variables[v]);
        group_vars.push_back({v});
      }
  std::vector<std::vector<dcm::ResolvedShock>> group_shocks;
  for (const auto& vars : group_vars) {
    std::vector<dcm::ResolvedShock> gs;
    for (const auto& s : shocks) {
      dcm::ResolvedShock r = s;
      r.vars.clear();
      for (size_t v : s.vars)
        if (std::find(vars.begin(), vars.end(), v) != vars.end()) r.vars.push_back(v);
      if (!r.vars.empty()) gs.push_back(r);
    }
    group_shocks.push_back(gs);
  }

  auto score = [&](const std::vector<const Eigen::VectorXd*>& coef, const dcm::Totals& tot) {
    Scored s;
    s.baseline.resize(T);
    for (size_t t = 0; t < T; ++t) s.baseline[t] = tot.sums[t * V + m.outcome()];
    s.delta = dcm::outcome_delta(m, coef, tot, shocks);
    for (const auto& gs : group_shocks) {
      double inc = 0;
      if (!gs.empty()) {
        const auto d = dcm::outcome_delta(m, coef, tot, gs);
        for (size_t t = w0; t < T; ++t) inc -= d[t];
      }
      s.group_inc.push_back(inc);
    }
    return s;
  };
  auto window_sum = [&](const std::vector<double>& v) {
    double s = 0;
    for (size_t t = w0; t < T; ++t) s += v[t];
    return s;
  };

  const dcm::Totals main_totals = dcm::panel_totals(panel);
  const Scored main = score(dcm::model_coef(m), main_totals);
  const size_t B = m.bootstrap.replicates;
  // reps: customers resampled (coefficients and panel totals); cond: replicate coefficients on this panel's totals.
  std::vector<Scored> reps(B), cond(B);
  if (B > 0) {
    const auto buckets = dcm::bucket_totals(panel, m.bootstrap.seed, m.bootstrap.buckets);
    for (size_t r = 0; r < B; ++r) {
      if (r % 64 == 0) ctx.check();
      dcm::Totals tot;
      tot.sums.assign(T * V, 0.0);
      for (size_t i = 0; i < buckets.size(); ++i) {
        const double w = m.bootstrap.weights[r][i];
        if (w == 0) continue;
        tot.n += w * buckets[i].n;
        for (size_t k = 0; k < T * V; ++k) tot.sums[k] += w * buckets[i].sums[k];
      }
      reps[r] = score(dcm::replicate_coef(m, r), tot);
      cond[r].delta = dcm::outcome_delta(m, dcm::replicate_coef(m, r), main_totals, shocks);
    }
  }
  auto ci_of = [&](auto&& f) {
    std::vector<double> v;
    for (const auto& r : reps) v.push_back(f(r));
    return percentile_ci(v);
  };

  Json periods = Json::array();
  for (size_t t = 0; t < T; ++t) {
    Json p = {{"period", m.first_period + static_cast<long>(t)},
              {"baseline", number_or_null(main.baseline[t])},
              {"counterfactual", number_or_null(main.baseline[t] + main.delta[t])},
              {"incremental", number_or_null(-main.delta[t])},
              {"in_window", t >= w0}};
    if (B > 0) p["incremental_ci"] = ci_of([&](const Scored& r) { return -r.delta[t]; });
    periods.push_back(p);
  }
  const double base = window_sum(main.baseline), inc = -window_sum(main.delta);
  Json total = {{"baseline", number_or_null(base)}, {"counterfactual", number_or_null(base - inc)}, {"incremental", number_or_null(inc)}};
  if (B > 0) {
    total["baseline_ci"] = ci_of([&](const Scored& r) { return window_sum(r.baseline); });
    total["counterfactual_ci"] = ci_of([&](const Scored& r) { return window_sum(r.baseline) + window_sum(r.delta); });
    total["incremental_ci"] = ci_of([&](const Scored& r) { return -window_sum(r.delta); });
    std::vector<double> c;
    for (const auto& r : cond) c.push_back(-window_sum(r.delta));
    total["incremental_ci_given_panel"] = percentile_ci(c);
  }
  double group_sum = 0;
  for (double g : main.group_inc) group_sum += g;
  Json groups = Json::object();
  for (size_t g = 0; g < group_names.size(); ++g) {
    Json j = {{"surrogates", Json::array()},
              {"incremental", number_or_null(main.group_inc[g])},
              {"share_of_100", number_or_null(group_sum != 0 ? 100 * main.group_inc[g] / group_sum : NAN)}};
    for (size_t v : group_vars[g]) j["surrogates"].push_back(m.variables[v]);
    if (B > 0) j["incremental_ci"] = ci_of([&](const Scored& r) { return r.group_inc[g]; });
    groups[group_names[g]] = j;
  }
  return {{"command", "dcm_score"},
          {"source", table.source()},
          {"outcome", m.config.outcome},
          {"window", {{"from", m.first_period + static_cast<long>(w0)}, {"to", m.first_period + static_cast<long>(T) - 1}}},
          {"total", total},
          {"periods", periods},
          {"groups", groups},
          {"groups_interaction", number_or_null(inc - group_sum)},
          {"bootstrap", B},
          {"definitions",
           {{"baseline", "observed outcome, summed over customers (and over the window's periods for the total)"},
            {"counterfactual", "outcome had the shock happened: the shock propagated through the fitted equations period "
                               "by period (same-period ES equations first), each customer's residuals held fixed"},
            {"incremental", "baseline - counterfactual; the total sums the shocked window and every later period"},
            {"window", "from the first shocked period to the last period of the panel"},
            {"groups", "the shock restricted to one channel (config group; a shocked surrogate in no group is its own)"},
            {"share_of_100", "the group's incremental value normalised so the groups sum to 100"},
            {"groups_interaction", "total incremental minus the sum of the groups' (non-zero when switching channels off "
                                   "interacts; Shapley values split it fairly)"},
            {"incremental_ci", "bootstrap percentile 95% interval over customers (model refitted on each replicate, panel "
                               "totals reweighted): the value of the shock for a population like this panel's"},
            {"incremental_ci_given_panel", "bootstrap percentile 95% interval from the coefficients' uncertainty only, "
                                           "on this panel's totals: the value of the shock for these very customers"}}}};
}

}  // namespace incrementa
