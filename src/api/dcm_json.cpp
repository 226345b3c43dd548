#include "api/dcm_json.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/error.hpp"
#include "dcm/model.hpp"
#include "dcm/naive.hpp"
#include "dcm/panel.hpp"
#include "dcm/score.hpp"
#include "dcm/stats.hpp"
#include "dcm/train.hpp"
#include "sim/dcm_world.hpp"

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

Table dcm_with_x0(const Table& panel, const Table& x0, const Json& j) {
  const bool is_model = j.is_object() && j.contains("format");
  return dcm::with_x0(panel, x0, is_model ? dcm::model_from_json(j).config : dcm::parse_config(j));
}

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
  return dcm_train_result(dcm::train(panel, cfg, to, ctx), table.source());
}

Json dcm_train_result(const dcm::Model& m, const std::string& source) {
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
          {"source", source},
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
  const dcm::NaiveComparison nv = dcm::naive_comparison(panel, shocks);
  Json naive = {{"incremental", nv.incremental ? number_or_null(*nv.incremental) : Json(nullptr)},
                {"users", nv.users},
                {"non_users", nv.non_users},
                {"use_threshold", number_or_null(nv.threshold)},
                {"mean_outcome_users", number_or_null(nv.mean_users)},
                {"mean_outcome_non_users", number_or_null(nv.mean_non_users)},
                {"mean_use_users", number_or_null(nv.mean_use_users)},
                {"mean_use_non_users", number_or_null(nv.mean_use_non_users)},
                {"total_use", number_or_null(nv.total_use)},
                {"per_unit", number_or_null(nv.per_unit)},
                {"x0_difference", Json::object()}};
  if (!nv.incremental) naive["reason"] = nv.reason;
  for (size_t f = 0; f < m.F; ++f) naive["x0_difference"][m.config.features[f]] = number_or_null(nv.x0_difference[f]);
  return {{"command", "dcm_score"},
          {"source", table.source()},
          {"naive", naive},
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
                                           "on this panel's totals: the value of the shock for these very customers"},
            {"naive", "the naive users-vs-non-users comparison: users = customers whose total of the shocked surrogates "
                      "over the window is above the median (for counts with median 0: used them at all); per_unit = (mean window "
                      "outcome of users - of non-users) / (mean window use of users - of non-users); naive = per_unit x "
                      "total window use of all customers, x (1 - s) for a scale by s; not defined for add shocks. With "
                      "non-users at zero use it is users x the mean outcome difference. Biased when pre-period features "
                      "X0 drive both use and the outcome (selection)"},
            {"x0_difference", "mean of each pre-period feature among users minus among non-users: how different the "
                              "two groups were before any ES use (selection on X0)"}}}};
}

Json dcm_truth_json(const Json& o, RunContext& ctx) {
  check_known_keys(o, {"customers", "weeks", "seed", "shock"}, "dcm_truth");
  if (!o.contains("shock")) throw ConfigError("dcm_truth: 'shock' is required");
  DcmWorld w;
  const double customers = number_or(o, "customers", 2000), weeks = number_or(o, "weeks", 26);
  if (!(customers >= 1 && customers == std::floor(customers)) || !(weeks >= 2 && weeks == std::floor(weeks)))
    throw ConfigError("dcm_truth: 'customers' and 'weeks' must be whole numbers (customers >= 1, weeks >= 2)");
  w.customers = static_cast<size_t>(customers);
  w.weeks = static_cast<size_t>(weeks);
  w.seed = static_cast<uint64_t>(number_or(o, "seed", 1));
  const auto shocks = dcm::parse_shocks(o["shock"]);
  const Json world_cfg = dcm_world_config();
  std::vector<std::string> known = world_cfg["surrogates"].get<std::vector<std::string>>();
  for (const auto& e : world_cfg["es_surrogates"]) known.push_back(e.get<std::string>());
  long w0 = static_cast<long>(w.weeks);
  for (const auto& s : shocks) {
    for (const auto& name : s.surrogates)
      if (std::find(known.begin(), known.end(), name) == known.end())
        throw InputError("dcm_truth: '" + name + "' is not a surrogate of the simulated world");
    if (s.from < 1 || s.from > static_cast<long>(w.weeks) || (s.has_to && s.to > static_cast<long>(w.weeks)))
      throw InputError("dcm_truth: the window starting at week " + std::to_string(s.from) + " is outside the world's weeks 1 to " +
                       std::to_string(w.weeks));
    w0 = std::min(w0, s.from);
  }
  // The same groups as dcm_score: the world's channels, and every shocked surrogate in no channel.
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  std::vector<std::string> grouped;
  for (auto it = world_cfg["groups"].begin(); it != world_cfg["groups"].end(); ++it) {
    groups.emplace_back(it.key(), it.value().get<std::vector<std::string>>());
    for (const auto& s : groups.back().second) grouped.push_back(s);
  }
  for (const auto& s : shocks)
    for (const auto& name : s.surrogates)
      if (std::find(grouped.begin(), grouped.end(), name) == grouped.end()) {
        grouped.push_back(name);
        groups.push_back({name, {name}});
      }
  auto window_sum = [&](const std::vector<double>& v) {
    double sum = 0;
    for (size_t t = static_cast<size_t>(w0 - 1); t < v.size(); ++t) sum += v[t];
    return sum;
  };
  ctx.progress(0.0, "simulating the counterfactual world");
  const std::vector<double> inc = dcm_world_truth(w, shocks);
  Json periods = Json::array();
  for (size_t t = 0; t < inc.size(); ++t)
    periods.push_back({{"period", static_cast<long>(t) + 1}, {"incremental", number_or_null(inc[t])}, {"in_window", static_cast<long>(t) + 1 >= w0}});
  Json gj = Json::object();
  for (size_t g = 0; g < groups.size(); ++g) {
    ctx.check();
    ctx.progress(static_cast<double>(g + 1) / static_cast<double>(groups.size() + 1), "group " + groups[g].first);
    std::vector<dcm::Shock> gs;
    for (const auto& s : shocks) {
      dcm::Shock r = s;
      r.surrogates.clear();
      for (const auto& name : s.surrogates)
        if (std::find(groups[g].second.begin(), groups[g].second.end(), name) != groups[g].second.end()) r.surrogates.push_back(name);
      if (!r.surrogates.empty()) gs.push_back(r);
    }
    gj[groups[g].first] = {{"surrogates", groups[g].second},
                           {"incremental", gs.empty() ? 0.0 : window_sum(dcm_world_truth(w, gs))}};
  }
  return {{"command", "dcm_truth"},
          {"world", {{"customers", w.customers}, {"weeks", w.weeks}, {"seed", w.seed}}},
          {"window", {{"from", w0}, {"to", static_cast<long>(w.weeks)}}},
          {"total", {{"incremental", number_or_null(window_sum(inc))}}},
          {"periods", periods},
          {"groups", gj},
          {"definitions",
           {{"incremental", "the TRUE incremental spend: the simulated world's spend minus the spend of the same world "
                            "(same customers, same noise) had the shock happened, summed over customers and over the window "
                            "(the first shocked week to the last week)"},
            {"groups", "the true value of the shock restricted to each channel, as in dcm_score's groups"}}}};
}

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

Json dcm_scale_json(const Json& o, RunContext& ctx) {
  check_known_keys(o, {"customers", "weeks", "surrogates", "es", "seed", "measure_generation"}, "dcm_scale");
  DcmWideWorld w;
  auto whole = [&](const char* key, double fallback) {
    const double x = number_or(o, key, fallback);
    if (!(x >= 0 && x == std::floor(x) && x < 1e12)) throw ConfigError(std::string("dcm_scale: '") + key + "' must be a whole number");
    return static_cast<size_t>(x);
  };
  w.customers = whole("customers", 100000);
  w.weeks = whole("weeks", 104);
  w.surrogates = whole("surrogates", 50);
  w.es = whole("es", 10);
  w.seed = whole("seed", 1);
  check_wide(w);
  const dcm::Config cfg = dcm::parse_config(dcm_wide_config(w));
  const size_t T = w.weeks, V = w.surrogates + 1, F = 2, L = 1, n = w.customers;

  // One pass: each block of customers is generated into a per-shard buffer and goes straight into the
  // statistics and the period totals; the panel is never held (memory: the shards' statistics and buffers).
  struct Part {
    dcm::PanelStats stats;
    std::vector<double> sums, values, x0;
  };
  Part init;
  init.sums.assign(T * V, 0.0);
  const auto t0 = std::chrono::steady_clock::now();
  ctx.progress(0.0, "generating customers into the sufficient statistics");
  Part total = dcm::sharded_fold(
      n, init,
      [&](Part& p, size_t b, size_t e) {
        ctx.check();
        p.values.resize((e - b) * T * V);
        p.x0.resize((e - b) * F);
        simulate_dcm_wide_block(w, b, e, p.values.data(), p.x0.data());
        dcm::add_block_stats(p.stats, {e - b, T, V, F, p.values.data(), p.x0.data()}, L);
        for (size_t i = 0; i < e - b; ++i)
          for (size_t k = 0; k < T * V; ++k) p.sums[k] += p.values[i * T * V + k];
      },
      [](Part& acc, const Part& p) {
        acc.stats.add(p.stats);
        for (size_t k = 0; k < acc.sums.size(); ++k) acc.sums[k] += p.sums[k];
      });
  const double stream_s = seconds_since(t0);
  ctx.progress(0.8, "fitting");
  const auto t1 = std::chrono::steady_clock::now();
  dcm::Model m = dcm::model_shell(cfg, 1, T, n);
  m.equations = dcm::fit_equations(m, total.stats);
  const double fit_s = seconds_since(t1);

  // One shock scored on the period totals (exact for a linear model: see score.hpp), timed twice.
  const Json shock_json = {{"shocks", {{{"surrogates", cfg.es_surrogates}, {"type", "zero"}, {"from", 2}}}}};
  const auto shocks = dcm::resolve(m, dcm::parse_shocks(shock_json));
  dcm::Totals tot;
  tot.sums = total.sums;
  tot.n = static_cast<double>(n);
  double score_s = INFINITY, incremental = 0;
  for (int rep = 0; rep < 3; ++rep) {
    const auto t2 = std::chrono::steady_clock::now();
    const auto delta = dcm::outcome_delta(m, dcm::model_coef(m), tot, shocks);
    incremental = 0;
    for (size_t t = 1; t < T; ++t) incremental -= delta[t];
    score_s = std::min(score_s, seconds_since(t2));
  }
  Json out = {{"command", "dcm_scale"},
              {"customers", n},
              {"weeks", T},
              {"surrogates", w.surrogates},
              {"es", w.es},
              {"equations", m.equations.size()},
              {"regressors_max", dcm::stats_dim(V, F, L) - V + w.es},
              {"threads", thread_count()},
              {"stream_seconds", stream_s},
              {"fit_seconds", fit_s},
              {"train_seconds", stream_s + fit_s},
              {"score_seconds", score_s},
              {"statistics_mb", static_cast<double>(dcm::kStatsShards + 1) * static_cast<double>(T - L) *
                                    std::pow(static_cast<double>(dcm::stats_dim(V, F, L)), 2) * 8 / 1e6},
              {"incremental", number_or_null(incremental)},
              {"outcome_coef_lag1_s1", number_or_null(m.equation(T - 1, m.outcome()).coef[1 + F])},
              {"definitions",
               {{"stream_seconds", "generating every customer of the wide world block by block straight into the sufficient "
                                   "statistics and period totals (the panel is read once and never held)"},
                {"fit_seconds", "solving every (week, target) equation from the statistics"},
                {"train_seconds", "stream_seconds + fit_seconds"},
                {"score_seconds", "scoring one shock (every ES surrogate zero from week 2) on the period totals; best of 3"},
                {"statistics_mb", "memory of the Gram matrices: one set per shard plus the fold"},
                {"incremental", "the shock's incremental spend (weeks 2 to the last)"},
                {"generate_seconds", "generating the customers alone (no statistics), to separate the data source's cost"}}}};
  if (o.value("measure_generation", false)) {
    const auto t3 = std::chrono::steady_clock::now();
    struct Gen {
      double checksum = 0;
      std::vector<double> values, x0;
    };
    const Gen g = dcm::sharded_fold(
        n, Gen{},
        [&](Gen& p, size_t b, size_t e) {
          p.values.resize((e - b) * T * V);
          p.x0.resize((e - b) * F);
          simulate_dcm_wide_block(w, b, e, p.values.data(), p.x0.data());
          p.checksum += p.values[0];
        },
        [](Gen& acc, const Gen& p) { acc.checksum += p.checksum; });
    out["generate_seconds"] = seconds_since(t3);
    out["generate_checksum"] = g.checksum;
  }
  ctx.progress(1.0, "done");
  return out;
}

}  // namespace incrementa
