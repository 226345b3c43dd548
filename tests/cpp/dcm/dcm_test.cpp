// Dynamic Causal Model: fits against an independent OLS, recovery of the true
// incremental value on the simulated world, the delta shortcut against a
// per-customer propagation, errors, and identical bits at any thread count.
#include <catch2/catch.hpp>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "api/commands.hpp"
#include "api/dcm_json.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "dcm/game.hpp"
#include "dcm/panel.hpp"
#include "dcm/score.hpp"
#include "dcm/train.hpp"
#include "shapley/shapley.hpp"
#include "sim/dcm_world.hpp"
#include "support/cli_runner.hpp"

using namespace incrementa;
using Catch::Matchers::Contains;

namespace {

dcm::Model fit(const Table& t, const Json& cfg_json, size_t bootstrap = 0, uint64_t seed = 1) {
  RunContext ctx;
  dcm::TrainOptions o;
  o.bootstrap = bootstrap;
  o.seed = seed;
  const dcm::Config cfg = dcm::parse_config(cfg_json);
  return dcm::train(dcm::build_panel(t, cfg), cfg, o, ctx);
}

// The stacked design of one equation, built straight from the panel (no sufficient statistics).
void stacked(const dcm::Model& m, const dcm::Panel& p, size_t target, long period, Eigen::MatrixXd& x, Eigen::VectorXd& y) {
  std::vector<long> ts;
  if (period >= 0) ts.push_back(period);
  else
    for (size_t t = m.L; t < m.periods; ++t) ts.push_back(static_cast<long>(t));
  const size_t cols = m.equation(m.L, target).regressors.size();
  x.resize(static_cast<Eigen::Index>(p.n() * ts.size()), static_cast<Eigen::Index>(cols));
  y.resize(x.rows());
  Eigen::Index r = 0;
  for (long t : ts)
    for (size_t c = 0; c < p.n(); ++c, ++r) {
      size_t col = 0;
      x(r, col++) = 1;
      for (size_t f = 0; f < m.F; ++f) x(r, col++) = p.x0[c * m.F + f];
      for (size_t l = 1; l <= m.L; ++l)
        for (size_t k = 0; k < m.K; ++k) x(r, col++) = p.value(c, static_cast<size_t>(t) - l, k);
      if (m.has_same(target))
        for (size_t e = 0; e < m.E; ++e) x(r, col++) = p.value(c, static_cast<size_t>(t), m.K - m.E + e);
      if (period < 0)
        for (size_t d = m.L + 1; d < m.periods; ++d) x(r, col++) = static_cast<size_t>(t) == d ? 1.0 : 0.0;
      REQUIRE(col == cols);
      y[r] = p.value(c, static_cast<size_t>(t), target);
    }
}

double max_rel(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  double worst = 0;
  for (Eigen::Index i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i]) / std::max(1.0, std::abs(b[i])));
  return worst;
}

Json world_config(bool same_period = true) {
  Json c = dcm_world_config();
  c["same_period"] = same_period;
  return c;
}

Json score(const Table& t, const dcm::Model& m, const Json& shock) {
  RunContext ctx;
  return dcm_score_json(t, {{"model", dcm::model_to_json(m)}, {"shock", shock}}, ctx);
}

const Json kAllEsOffFrom5 = {{"shocks", {{{"surrogates", {"es_reorder", "es_recs", "es_qa"}}, {"type", "zero"}, {"from", 5}}}}};

}  // namespace

TEST_CASE("dcm: coefficients equal an independent OLS (Householder QR on the stacked design)", "[dcm]") {
  DcmWorld w;
  w.customers = 400;
  w.weeks = 6;
  w.seed = 11;
  const Table t = simulate_dcm(w);
  for (bool pooled : {false, true})
    for (int lags : {1, 2}) {
      Json cfg = world_config();
      cfg["pooled"] = pooled;
      cfg["lags"] = lags;
      const dcm::Model m = fit(t, cfg);
      const dcm::Panel p = dcm::build_panel(t, m.config);
      for (size_t target = 0; target < m.V(); ++target) {
        const long period = pooled ? -1 : static_cast<long>(m.periods - 1);
        Eigen::MatrixXd x;
        Eigen::VectorXd y;
        stacked(m, p, target, period, x, y);
        const Eigen::VectorXd qr = x.householderQr().solve(y);
        const dcm::Equation& e = m.equation(m.periods - 1, target);
        INFO("pooled " << pooled << " lags " << lags << " target " << m.variables[target]);
        CHECK(max_rel(e.coef, qr) < 1e-8);
        const double rss = (y - x * qr).squaredNorm(), tss = (y.array() - y.mean()).matrix().squaredNorm();
        CHECK(std::abs(e.r2 - (1 - rss / tss)) < 1e-8);
        CHECK(e.n == static_cast<double>(x.rows()));
      }
    }
}

TEST_CASE("dcm: the totals-delta shortcut equals propagating every customer with fixed residuals", "[dcm]") {
  DcmWorld w;
  w.customers = 300;
  w.weeks = 8;
  w.seed = 5;
  const Table t = simulate_dcm(w);
  Json cfg = world_config();
  cfg["lags"] = 2;
  const dcm::Model m = fit(t, cfg);
  const dcm::Panel p = dcm::build_panel(t, m.config);
  const Json shocks = {{"shocks",
                        {{{"surrogates", {"es_reorder"}}, {"type", "zero"}, {"from", 3}, {"to", 5}},
                         {{"surrogates", {"es_recs", "browse"}}, {"type", "scale"}, {"value", 0.7}, {"from", 2}},
                         {{"surrogates", {"es_qa"}}, {"type", "add"}, {"value", 0.5}, {"from", 4}, {"to", 6}}}}};
  const auto rs = dcm::resolve(m, dcm::parse_shocks(shocks));
  const size_t T = m.periods, V = m.V();
  // Reference: per customer, counterfactual = prediction from counterfactual lags + the observed residual.
  std::vector<double> ref(T, 0.0);
  for (size_t c = 0; c < p.n(); ++c) {
    std::vector<double> cf(T * V);
    auto predict = [&](const std::vector<double>& vals, size_t t, size_t v) {
      const auto& b = m.equation(t, v).coef;
      double s = b[0];
      for (size_t f = 0; f < m.F; ++f) s += b[static_cast<Eigen::Index>(1 + f)] * p.x0[c * m.F + f];
      for (size_t l = 1; l <= m.L; ++l)
        for (size_t k = 0; k < m.K; ++k) s += b[static_cast<Eigen::Index>(m.lag_index(l, k))] * vals[(t - l) * V + k];
      if (m.has_same(v))
        for (size_t e = 0; e < m.E; ++e) s += b[static_cast<Eigen::Index>(m.same_index(e))] * vals[t * V + m.K - m.E + e];
      return s;
    };
    std::vector<double> obs(T * V);
    for (size_t i = 0; i < T * V; ++i) obs[i] = p.value(c, i / V, i % V);
    auto step = [&](size_t t, size_t v) {
      double x = t >= m.L ? predict(cf, t, v) + (obs[t * V + v] - predict(obs, t, v)) : obs[t * V + v];
      for (const auto& s : rs)
        if (t >= s.from && t <= s.to && std::find(s.vars.begin(), s.vars.end(), v) != s.vars.end())
          x = s.type == dcm::ShockType::Zero ? 0.0 : s.type == dcm::ShockType::Scale ? x * s.value : x + s.value;
      cf[t * V + v] = x;
    };
    for (size_t t = 0; t < T; ++t) {
      for (size_t v = m.K - m.E; v < m.K; ++v) step(t, v);
      for (size_t v = 0; v < m.K - m.E; ++v) step(t, v);
      step(t, m.K);
      ref[t] += obs[t * V + m.K] - cf[t * V + m.K];
    }
  }
  const auto delta = dcm::outcome_delta(m, dcm::model_coef(m), dcm::panel_totals(p), rs);
  for (size_t t = 0; t < T; ++t) CHECK(-delta[t] == Approx(ref[t]).epsilon(1e-9).margin(1e-6));
}

TEST_CASE("dcm: recovers the simulated world's true incremental spend within the bootstrap 95% CI", "[dcm][sim]") {
  // Fixed seed; 4000 customers x 20 weeks, B = 100. Tolerance: the truth must lie inside the CI,
  // and the estimate within 5% of it.
  DcmWorld w;
  w.customers = 4000;
  w.weeks = 20;
  w.seed = 7;
  const Table t = simulate_dcm(w);
  const dcm::Model m = fit(t, world_config(), 100, 3);
  const Json r = score(t, m, kAllEsOffFrom5);
  const auto truth = dcm_world_truth(w, dcm::parse_shocks(kAllEsOffFrom5));
  double true_total = 0;
  for (size_t i = 4; i < truth.size(); ++i) true_total += truth[i];
  const double est = r["total"]["incremental"].get<double>();
  const auto ci = r["total"]["incremental_ci"];
  INFO("truth " << true_total << " estimate " << est << " CI " << ci.dump());
  CHECK(ci[0].get<double>() <= true_total);
  CHECK(true_total <= ci[1].get<double>());
  CHECK(est == Approx(true_total).epsilon(0.05));
  // The narrower interval from the coefficients alone (the truth is for these very customers).
  const auto cg = r["total"]["incremental_ci_given_panel"];
  INFO("given-panel CI " << cg.dump());
  CHECK(cg[0].get<double>() <= true_total);
  CHECK(true_total <= cg[1].get<double>());
  CHECK(cg[1].get<double>() - cg[0].get<double>() < ci[1].get<double>() - ci[0].get<double>());
  // Each channel alone.
  for (const auto& [name, members] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"reminders", {"es_reorder"}}, {"discovery", {"es_recs", "es_qa"}}}) {
    const Json shock = {{"shocks", {{{"surrogates", members}, {"type", "zero"}, {"from", 5}}}}};
    const auto tr = dcm_world_truth(w, dcm::parse_shocks(shock));
    double tt = 0;
    for (size_t i = 4; i < tr.size(); ++i) tt += tr[i];
    const Json g = r["groups"][name];
    INFO(name << " truth " << tt << " estimate " << g["incremental"] << " CI " << g["incremental_ci"]);
    CHECK(g["incremental_ci"][0].get<double>() <= tt);
    CHECK(tt <= g["incremental_ci"][1].get<double>());
  }
}

TEST_CASE("dcm: dropping same-period effects undervalues the ES on the simulated world", "[dcm][sim]") {
  DcmWorld w;
  w.customers = 3000;
  w.weeks = 16;
  w.seed = 9;
  const Table t = simulate_dcm(w);
  const auto truth = dcm_world_truth(w, dcm::parse_shocks(kAllEsOffFrom5));
  double true_total = 0;
  for (size_t i = 4; i < truth.size(); ++i) true_total += truth[i];
  const double with_same = score(t, fit(t, world_config(true)), kAllEsOffFrom5)["total"]["incremental"].get<double>();
  const double without = score(t, fit(t, world_config(false)), kAllEsOffFrom5)["total"]["incremental"].get<double>();
  INFO("truth " << true_total << " with same-period " << with_same << " without " << without);
  CHECK(with_same == Approx(true_total).epsilon(0.05));
  CHECK(without < 0.8 * true_total);
}

TEST_CASE("dcm: Shapley values of the channels add up to switching every channel off", "[dcm][shapley]") {
  DcmWorld w;
  w.customers = 500;
  w.weeks = 10;
  const Table t = simulate_dcm(w);
  const dcm::Model m = fit(t, world_config());
  const dcm::Panel p = dcm::build_panel(t, m.config);
  RunContext ctx;
  for (const char* players : {"channels", "features"}) {
    const auto game = dcm::dcm_game(m, p, players);
    const ShapleyResult r = exact_shapley(*game, ctx);
    double sum = 0;
    for (double v : r.values) sum += v;
    const Json all_off = {{"shocks", {{{"surrogates", {"es_reorder", "es_recs", "es_qa"}}, {"type", "zero"}, {"from", 1}}}}};
    const double total = score(t, m, all_off)["total"]["incremental"].get<double>();
    // Nothing switched off: zero up to the rounding of the game's batched propagation (1e-12 of the total).
    INFO("empty coalition " << r.empty << " total " << total);
    CHECK(std::abs(r.empty) <= 1e-12 * std::abs(total));
    CHECK(r.grand == Approx(total).epsilon(1e-12));
    CHECK(sum == Approx(total).epsilon(1e-12));
  }
  CHECK_THROWS_WITH(dcm::dcm_game(m, p, "products"), Contains("channels"));
}

TEST_CASE("dcm: identical bits at 1 and 2 threads (training with bootstrap, scoring)", "[dcm][threads]") {
  DcmWorld w;
  w.customers = 1500;
  w.weeks = 8;
  const Table t = simulate_dcm(w);
  set_thread_count(1);
  const Json m1 = dcm::model_to_json(fit(t, world_config(), 20, 4));
  const Json s1 = score(t, dcm::model_from_json(m1), kAllEsOffFrom5);
  set_thread_count(2);
  const Json m2 = dcm::model_to_json(fit(t, world_config(), 20, 4));
  const Json s2 = score(t, dcm::model_from_json(m2), kAllEsOffFrom5);
  set_thread_count(0);
  CHECK(m1.dump() == m2.dump());
  CHECK(s1.dump() == s2.dump());
  // The model JSON round-trips exactly.
  CHECK(dcm::model_to_json(dcm::model_from_json(m1)).dump() == m1.dump());
}

TEST_CASE("dcm: bad config, panel or shock gives an error naming what is wrong", "[dcm][errors]") {
  const std::string good =
      "customer,week,x1,browse,es_a,spend\n"
      "a,1,1,1,0,3\na,2,1,2,1,4\na,3,1,1,1,5\n"
      "b,1,2,2,1,2\nb,2,2,3,0,6\nb,3,2,1,1,3\n"
      "c,1,0,1,1,1\nc,2,0,0,0,2\nc,3,0,2,1,4\n"
      "d,1,3,2,0,5\nd,2,3,1,1,3\nd,3,3,3,0,7\n";
  const Json cfg = {{"customer", "customer"}, {"period", "week"}, {"outcome", "spend"}, {"surrogates", {"browse"}},
                    {"es_surrogates", {"es_a"}}, {"features", {"x1"}}, {"lags", 1}, {"same_period", true}, {"ridge", 0.0}};
  auto panel = [&](const std::string& csv, const Json& c) { return dcm::build_panel(read_csv(csv, "panel.csv"), dcm::parse_config(c)); };
  REQUIRE_NOTHROW(panel(good, cfg));

  Json bad = cfg;
  bad["surrogates"] = {"browse", "clicks"};
  CHECK_THROWS_WITH(panel(good, bad), Contains("clicks"));
  bad = cfg;
  bad["es_surrogates"] = {"es_a", "browse"};
  CHECK_THROWS_AS(dcm::parse_config(bad), ConfigError);
  CHECK_THROWS_WITH(dcm::parse_config(bad), Contains("'browse' is listed both as ES"));
  bad = cfg;
  bad["lag"] = 2;
  CHECK_THROWS_WITH(dcm::parse_config(bad), Contains("unknown option 'lag'"));
  bad = cfg;
  bad["groups"] = {{"chan", {"browse"}}};
  CHECK_THROWS_WITH(dcm::parse_config(bad), Contains("not in es_surrogates"));
  bad = cfg;
  bad.erase("outcome");
  CHECK_THROWS_WITH(dcm::parse_config(bad), Contains("'outcome' is required"));

  std::string dup = good + "b,2,2,9,9,9\n";
  CHECK_THROWS_WITH(panel(dup, cfg), Contains("customer 'b' has period 2 twice (line 6 and line 14)"));
  std::string gap = good;
  gap.replace(gap.find("c,2,0,0,0,2\n"), 12, "");
  CHECK_THROWS_WITH(panel(gap, cfg), Contains("customer 'c' has no row for period 2"));
  std::string drift = good;
  drift.replace(drift.find("a,2,1,2"), 7, "a,2,5,2");
  CHECK_THROWS_WITH(panel(drift, cfg), Contains("feature 'x1' must be constant within a customer"));

  // Singular design: x2 = 2 * x1.
  std::string sing = "customer,week,x1,x2,browse,es_a,spend\n";
  for (int c = 0; c < 30; ++c)
    for (int t = 1; t <= 3; ++t)
      sing += std::to_string(c) + "," + std::to_string(t) + "," + std::to_string(c % 7) + "," + std::to_string(2 * (c % 7)) + "," +
              std::to_string((c * 7 + t * 3) % 5) + "," + std::to_string((c * 3 + t) % 4) + "," + std::to_string((c + t * t) % 9) + "\n";
  Json sc = cfg;
  sc["features"] = {"x1", "x2"};
  const Table st = read_csv(sing, "sing.csv");
  RunContext ctx;
  CHECK_THROWS_AS(dcm_train_json(st, {{"config", sc}}, ctx), NumericError);
  CHECK_THROWS_WITH(dcm_train_json(st, {{"config", sc}}, ctx), Contains("'x0:x2'"));
  sc["ridge"] = 1.0;
  CHECK_NOTHROW(dcm_train_json(st, {{"config", sc}}, ctx));

  // Shocks.
  const Table gt = read_csv(good, "panel.csv");
  Json pooled = cfg;
  pooled["pooled"] = true;  // 4 customers are too few for per-period equations
  Json model = dcm_train_json(gt, {{"config", pooled}, {"bootstrap", 0}}, ctx)["model"];
  Json shock = {{"shocks", {{{"surrogates", {"es_b"}}, {"type", "zero"}, {"from", 2}}}}};
  CHECK_THROWS_WITH(dcm_score_json(gt, {{"model", model}, {"shock", shock}}, ctx), Contains("'es_b' is not a surrogate"));
  shock = {{"shocks", {{{"surrogates", {"es_a"}}, {"type", "scale"}, {"from", 2}}}}};
  CHECK_THROWS_WITH(dcm_score_json(gt, {{"model", model}, {"shock", shock}}, ctx), Contains("needs a 'value'"));
  shock = {{"shocks", {{{"surrogates", {"es_a"}}, {"type", "zero"}, {"from", 9}}}}};
  CHECK_THROWS_WITH(dcm_score_json(gt, {{"model", model}, {"shock", shock}}, ctx), Contains("outside the model's periods"));
  model["version"] = 3;
  shock = {{"shocks", {{{"surrogates", {"es_a"}}, {"type", "zero"}, {"from", 2}}}}};
  CHECK_THROWS_WITH(dcm_score_json(gt, {{"model", model}, {"shock", shock}}, ctx), Contains("unsupported version"));
}

TEST_CASE("dcm: the naive users-vs-non-users comparison on a hand-made panel", "[dcm][naive]") {
  // 4 customers x 3 weeks; shock es_a from week 2. Window use (weeks 2-3): a 1, b 1, c 0, d 2 -> median 1,
  // users = {d} only (use > median). Window spend: a 9, b 9, c 6, d 10 -> mean non-users 8; mean use
  // users 2, non-users 2/3 -> per unit (10 - 8) / (4/3) = 1.5; total use 4 -> naive 6;
  // x1: d 3 vs mean(1, 2, 0) = 1 -> difference 2.
  const std::string csv =
      "customer,week,x1,browse,es_a,spend\n"
      "a,1,1,1,0,3\na,2,1,2,1,4\na,3,1,1,0,5\n"
      "b,1,2,2,1,2\nb,2,2,3,0,6\nb,3,2,1,1,3\n"
      "c,1,0,1,1,1\nc,2,0,0,0,2\nc,3,0,2,0,4\n"
      "d,1,3,2,0,5\nd,2,3,1,1,3\nd,3,3,3,1,7\n";
  const Json cfg = {{"customer", "customer"}, {"period", "week"}, {"outcome", "spend"}, {"surrogates", {"browse"}},
                    {"es_surrogates", {"es_a"}}, {"features", {"x1"}}, {"pooled", true}};
  const Table t = read_csv(csv, "panel.csv");
  RunContext ctx;
  const Json model = dcm_train_json(t, {{"config", cfg}}, ctx)["model"];
  const Json zero = {{"shocks", {{{"surrogates", {"es_a"}}, {"type", "zero"}, {"from", 2}}}}};
  const Json r = dcm_score_json(t, {{"model", model}, {"shock", zero}}, ctx)["naive"];
  CHECK(r["users"] == 1);
  CHECK(r["non_users"] == 3);
  CHECK(r["use_threshold"].get<double>() == 1.0);
  CHECK(r["per_unit"].get<double>() == Approx(1.5).epsilon(1e-12));
  CHECK(r["incremental"].get<double>() == Approx(6.0).epsilon(1e-12));
  CHECK(r["x0_difference"]["x1"].get<double>() == Approx(2.0).epsilon(1e-12));
  const Json scale = {{"shocks", {{{"surrogates", {"es_a"}}, {"type", "scale"}, {"value", 0.25}, {"from", 2}}}}};
  CHECK(dcm_score_json(t, {{"model", model}, {"shock", scale}}, ctx)["naive"]["incremental"].get<double>() == Approx(4.5).epsilon(1e-12));
  const Json add = {{"shocks", {{{"surrogates", {"es_a"}}, {"type", "add"}, {"value", 1}, {"from", 2}}}}};
  const Json na = dcm_score_json(t, {{"model", model}, {"shock", add}}, ctx)["naive"];
  CHECK(na["incremental"].is_null());
  CHECK_THAT(na["reason"].get<std::string>(), Contains("'add'"));
}

TEST_CASE("dcm: the naive comparison is biased by selection on X0; the DCM is not (simulated world)", "[dcm][naive][sim]") {
  DcmWorld w;
  w.customers = 3000;
  w.weeks = 12;
  w.seed = 4;
  const Table t = simulate_dcm(w);
  const Json r = score(t, fit(t, world_config()), kAllEsOffFrom5);
  RunContext ctx;
  const Json truth = run_standalone("dcm_truth", {{"customers", 3000}, {"weeks", 12}, {"seed", 4}, {"shock", kAllEsOffFrom5}}, ctx);
  const double tt = truth["total"]["incremental"].get<double>();
  const double naive = r["naive"]["incremental"].get<double>(), est = r["total"]["incremental"].get<double>();
  INFO("truth " << tt << " DCM " << est << " naive " << naive);
  CHECK(est == Approx(tt).epsilon(0.05));
  // Users have higher x1, which raises spend directly: the naive figure is far from the truth.
  CHECK(r["naive"]["x0_difference"]["x1"].get<double>() > 0.5);
  CHECK(std::abs(naive - tt) > 0.25 * std::abs(tt));
}

TEST_CASE("dcm_truth: the standalone command gives the world's truth per window, group and period", "[dcm][sim][truth]") {
  DcmWorld w;
  w.customers = 700;
  w.weeks = 9;
  w.seed = 12;
  const Json shock = {{"shocks", {{{"surrogates", {"es_reorder", "es_qa", "browse"}}, {"type", "scale"}, {"value", 0.5}, {"from", 3}, {"to", 7}}}}};
  RunContext ctx;
  const Json r = run_standalone("dcm_truth", {{"customers", 700}, {"weeks", 9}, {"seed", 12}, {"shock", shock}}, ctx);
  const auto inc = dcm_world_truth(w, dcm::parse_shocks(shock));
  double total = 0;
  for (size_t t = 2; t < inc.size(); ++t) total += inc[t];
  CHECK(r["window"]["from"] == 3);
  CHECK(r["total"]["incremental"].get<double>() == total);  // the same computation: identical
  REQUIRE(r["periods"].size() == 9);
  CHECK(r["periods"][1]["incremental"].get<double>() == inc[1]);
  CHECK(std::abs(inc[1]) < 1e-9 * std::abs(inc[4]));  // before the shock nothing changes (up to summation rounding)
  CHECK(r["periods"][4]["incremental"].get<double>() == inc[4]);
  // Groups: reminders (es_reorder), discovery (only es_qa shocked), browse alone.
  auto group_truth = [&](std::vector<std::string> names) {
    Json s = shock;
    s["shocks"][0]["surrogates"] = names;
    const auto g = dcm_world_truth(w, dcm::parse_shocks(s));
    double sum = 0;
    for (size_t t = 2; t < g.size(); ++t) sum += g[t];
    return sum;
  };
  CHECK(r["groups"]["reminders"]["incremental"].get<double>() == group_truth({"es_reorder"}));
  CHECK(r["groups"]["discovery"]["incremental"].get<double>() == group_truth({"es_qa"}));
  CHECK(r["groups"]["browse"]["incremental"].get<double>() == group_truth({"browse"}));
  CHECK(r["groups"]["reminders"]["incremental"].get<double>() > 0);
  // Errors name what is wrong.
  Json bad = shock;
  bad["shocks"][0]["surrogates"] = {"es_nope"};
  CHECK_THROWS_WITH(run_standalone("dcm_truth", {{"customers", 10}, {"weeks", 9}, {"shock", bad}}, ctx), Contains("'es_nope'"));
  CHECK_THROWS_WITH(run_standalone("dcm_truth", {{"customers", 10}, {"weeks", 5}, {"shock", shock}}, ctx), Contains("outside the world's weeks"));
  CHECK_THROWS_WITH(run_standalone("dcm_truth", {{"customers", 10}, {"week", 5}, {"shock", shock}}, ctx), Contains("unknown option 'week'"));
}

TEST_CASE("dcm: the shipped Online Retail panel trains (CLI) to the coefficients of an independent QR", "[dcm][online-retail][cli]") {
  const std::string panel_path = INCREMENTA_DATA "/online-retail/panel.csv", config_path = INCREMENTA_DATA "/online-retail/config.json";
  const clitest::Result tr = clitest::cli("dcm train --panel '" + panel_path + "' --config '" + config_path + "' --model-out '" +
                                          (clitest::temp_dir() / "or-model.json").string() + "'");
  INFO(tr.err);
  REQUIRE(tr.status == 0);
  const Json out = Json::parse(tr.out);
  // data/online-retail/README.md: 1,214 customers x weeks 9..53.
  CHECK(out["customers"] == 1214);
  CHECK(out["first_period"] == 9);
  CHECK(out["periods"] == 45);
  const dcm::Model m = dcm::model_from_json(Json::parse(clitest::slurp(clitest::temp_dir() / "or-model.json")));
  REQUIRE(m.config.pooled);
  const dcm::Panel p = dcm::build_panel(read_csv_file(panel_path), m.config);
  for (size_t target = 0; target < m.V(); ++target) {
    Eigen::MatrixXd x;
    Eigen::VectorXd y;
    stacked(m, p, target, -1, x, y);
    // Column-pivoting QR: the design mixes pounds (up to 1e5) with 0/1 dummies. 1e-8 relative (floor 1 in
    // max_rel) covers the two routes' rounding on this conditioning; the JSON round trip is exact (17 digits).
    const Eigen::VectorXd qr = x.colPivHouseholderQr().solve(y);
    INFO("target " << m.variables[target]);
    CHECK(max_rel(m.equations[target].coef, qr) < 1e-8);
  }
}

TEST_CASE("dcm_scale: streaming the wide world into the statistics equals training on the held panel", "[dcm][scale]") {
  DcmWideWorld w;
  w.customers = 1300;  // 3 blocks of 512 over the shards
  w.weeks = 6;
  w.surrogates = 7;
  w.es = 3;
  w.seed = 3;
  const size_t T = w.weeks, V = w.surrogates + 1;
  // The same customers held as a panel.
  dcm::Panel p;
  p.variables = dcm_wide_variables(w);
  p.features = {"x1", "x2"};
  p.first_period = 1;
  p.periods = T;
  p.values.resize(w.customers * T * V);
  p.x0.resize(w.customers * 2);
  simulate_dcm_wide_block(w, 0, w.customers, p.values.data(), p.x0.data());
  for (size_t c = 0; c < w.customers; ++c) p.customers.push_back(std::to_string(c));
  // Generating in two pieces gives the same values (each customer has its own stream).
  std::vector<double> part((w.customers - 700) * T * V), part_x0((w.customers - 700) * 2);
  simulate_dcm_wide_block(w, 700, w.customers, part.data(), part_x0.data());
  CHECK(std::equal(part.begin(), part.end(), p.values.begin() + 700 * T * V));

  const dcm::Config cfg = dcm::parse_config(dcm_wide_config(w));
  RunContext ctx;
  const dcm::Model m = dcm::train(p, cfg, {}, ctx);
  const auto shocks = dcm::resolve(m, dcm::parse_shocks({{"shocks", {{{"surrogates", cfg.es_surrogates}, {"type", "zero"}, {"from", 2}}}}}));
  const auto delta = dcm::outcome_delta(m, dcm::model_coef(m), dcm::panel_totals(p), shocks);
  double inc = 0;
  for (size_t t = 1; t < T; ++t) inc -= delta[t];
  const Json opts = {{"customers", w.customers}, {"weeks", w.weeks}, {"surrogates", w.surrogates}, {"es", w.es}, {"seed", w.seed}};
  set_thread_count(1);
  const Json s1 = run_standalone("dcm_scale", opts, ctx);
  set_thread_count(2);
  const Json s2 = run_standalone("dcm_scale", opts, ctx);
  set_thread_count(0);
  // Same statistics in the same order of blocks and shards: equal up to rounding of the totals' order (1e-9).
  CHECK(s1["incremental"].get<double>() == Approx(inc).epsilon(1e-9));
  CHECK(s1["outcome_coef_lag1_s1"].get<double>() == Approx(m.equation(T - 1, m.outcome()).coef[3]).epsilon(1e-9));
  CHECK(s1["incremental"].get<double>() == s2["incremental"].get<double>());  // identical at 1 and 2 threads
  CHECK(s1["equations"] == (T - 1) * V);
  // The ES raise spend (sum_e es_e enters with coefficient 1, plus lags): the shock removes value.
  CHECK(inc > 0);
  CHECK_THROWS_WITH(run_standalone("dcm_scale", {{"customers", 10}, {"es", 0}}, ctx), Contains("es must be at least 1"));
  CHECK_THROWS_WITH(run_standalone("dcm_scale", {{"customer", 10}}, ctx), Contains("unknown option 'customer'"));
}

TEST_CASE("dcm: a lag list fits only the listed lags (independent QR), scores, and round-trips as model version 2", "[dcm][lags]") {
  DcmWorld w;
  w.customers = 500;
  w.weeks = 9;
  w.seed = 21;
  const Table t = simulate_dcm(w);
  for (bool pooled : {false, true}) {
    Json cfg = world_config();
    cfg["lags"] = {1, 3};
    cfg["pooled"] = pooled;
    const dcm::Model m = fit(t, cfg);
    REQUIRE(m.L == 3);
    const dcm::Panel p = dcm::build_panel(t, m.config);
    const size_t last = m.periods - 1;
    for (size_t target = 0; target < m.V(); ++target) {
      // The stacked design with lags 1 and 3 only (rows: every customer in the last period, or all periods when pooled).
      std::vector<size_t> ts;
      for (size_t tt = pooled ? m.L : last; tt <= last; ++tt) ts.push_back(tt);
      const dcm::Equation& e = m.equation(last, target);
      std::vector<size_t> cols;  // the equation's coefficients that the design's columns map to
      for (size_t j = 0; j < e.regressors.size(); ++j)
        if (e.regressors[j].rfind("lag2:", 0) != 0) cols.push_back(j);
      Eigen::MatrixXd x(static_cast<Eigen::Index>(p.n() * ts.size()), static_cast<Eigen::Index>(cols.size()));
      Eigen::VectorXd y(x.rows());
      Eigen::Index r = 0;
      for (size_t tt : ts)
        for (size_t c = 0; c < p.n(); ++c, ++r) {
          Eigen::Index col = 0;
          x(r, col++) = 1;
          for (size_t f = 0; f < m.F; ++f) x(r, col++) = p.x0[c * m.F + f];
          for (size_t l : {1, 3})
            for (size_t k = 0; k < m.K; ++k) x(r, col++) = p.value(c, tt - l, k);
          if (m.has_same(target))
            for (size_t q = 0; q < m.E; ++q) x(r, col++) = p.value(c, tt, m.K - m.E + q);
          if (pooled)
            for (size_t d = m.L + 1; d < m.periods; ++d) x(r, col++) = tt == d ? 1.0 : 0.0;
          REQUIRE(static_cast<size_t>(col) == cols.size());
          y[r] = p.value(c, tt, target);
        }
      const Eigen::VectorXd qr = x.householderQr().solve(y);
      Eigen::VectorXd kept(static_cast<Eigen::Index>(cols.size()));
      for (size_t j = 0; j < cols.size(); ++j) kept[static_cast<Eigen::Index>(j)] = e.coef[static_cast<Eigen::Index>(cols[j])];
      INFO("pooled " << pooled << " target " << m.variables[target]);
      CHECK(max_rel(kept, qr) < 1e-8);  // as the QR test above
      for (size_t k = 0; k < m.K; ++k) CHECK(e.coef[static_cast<Eigen::Index>(m.lag_index(2, k))] == 0.0);  // unlisted: exactly 0
    }
    // The model JSON: version 2 with the list, and it reads back and scores identically.
    const Json mj = dcm::model_to_json(m);
    CHECK(mj["version"] == 2);
    CHECK(mj["config"]["lags"] == Json({1, 3}));
    CHECK(dcm::model_to_json(dcm::model_from_json(mj)).dump() == mj.dump());
    const Json s = score(t, m, kAllEsOffFrom5);
    CHECK(s["total"]["incremental"].get<double>() > 0);
  }
  // [1, 2] is lags 2 (model version 1); bad lists are errors naming the problem.
  Json c2 = world_config();
  c2["lags"] = {1, 2};
  CHECK(dcm::parse_config(c2).lag_list.empty());
  CHECK(dcm::model_to_json(fit(t, c2))["version"] == 1);
  for (const auto& [bad, says] : std::vector<std::pair<Json, std::string>>{
           {Json::array(), "at least one lag"}, {Json({0, 1}), "from 1 to 52"}, {Json({2, 2}), "increasing order"},
           {Json({3, 1}), "increasing order"}, {Json({1.5}), "whole number"}, {Json("x"), "must be a number"}, {Json(60), "whole number from 1 to 52 or a list"}}) {
    Json c = world_config();
    c["lags"] = bad;
    CHECK_THROWS_WITH(dcm::parse_config(c), Contains(says));
  }
}
