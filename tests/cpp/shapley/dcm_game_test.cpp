// The DCM coalition game evaluated on period totals (src/dcm/game.cpp) against
// an independent per-customer computation: each customer's counterfactual is
// simulated through the model's full equations (intercept, features, period
// effects, residuals held fixed) with the switched-off ES surrogates at zero,
// then summed. Linearity makes the two equal; the tolerance is rounding.
#include <catch2/catch.hpp>
#include <cmath>

#include "api/commands.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"
#include "dcm/game.hpp"
#include "dcm/model.hpp"
#include "dcm/panel.hpp"
#include "shapley/shapley.hpp"

using namespace incrementa;

namespace {
RunContext ctx;

struct World {
  dcm::Model model;
  dcm::Panel panel;
};

// A random linear model: `nes` non-ES and `es` ES surrogates, lags L, F = 1
// feature, T periods, per-period or pooled, same-period ES effects; and a panel
// of random customers (values need not follow the model: residuals absorb it).
World random_world(size_t nes, size_t es, size_t L, size_t T, bool pooled, size_t customers, uint64_t seed) {
  Rng rng(seed);
  World w;
  dcm::Model& m = w.model;
  m.config.outcome = "y";
  for (size_t k = 0; k < nes; ++k) m.config.surrogates.push_back("n" + std::to_string(k));
  for (size_t e = 0; e < es; ++e) m.config.es_surrogates.push_back("es" + std::to_string(e));
  m.config.features = {"x"};
  m.config.lags = static_cast<int>(L);
  m.config.same_period = true;
  m.config.pooled = pooled;
  // Overlapping channels: ch_i = {es_i, es_(i+1)}, plus the last alone.
  for (size_t e = 0; e + 1 < es; e += 2)
    m.config.groups.push_back({"ch" + std::to_string(e), {"es" + std::to_string(e), "es" + std::to_string(e + 1 < es ? e + 1 : e)}});
  m.config.groups.push_back({"both", {"es0", "es" + std::to_string(es - 1)}});
  m.variables = m.config.all_surrogates();
  m.variables.push_back("y");
  m.K = nes + es;
  m.E = es;
  m.F = 1;
  m.L = L;
  m.first_period = 1;
  m.periods = T;
  const size_t V = m.V();
  const size_t period_effects = pooled ? T - L - 1 : 0;
  auto equation = [&](size_t v) {
    dcm::Equation eq;
    eq.target = v;
    const size_t p = 1 + m.F + L * m.K + (m.has_same(v) ? m.E : 0) + period_effects;
    eq.coef.resize(static_cast<Eigen::Index>(p));
    for (Eigen::Index i = 0; i < eq.coef.size(); ++i) eq.coef[i] = 0.5 * rng.uniform() - 0.25;
    eq.coef[0] = 3 * rng.uniform();  // intercept
    return eq;
  };
  if (pooled)
    for (size_t v = 0; v < V; ++v) m.equations.push_back(equation(v));
  else
    for (size_t t = L; t < T; ++t)
      for (size_t v = 0; v < V; ++v) m.equations.push_back(equation(v));
  dcm::Panel& p = w.panel;
  p.variables = m.variables;
  p.features = {"x"};
  p.first_period = 1;
  p.periods = T;
  for (size_t c = 0; c < customers; ++c) {
    p.customers.push_back("c" + std::to_string(c));
    p.x0.push_back(rng.normal());
    for (size_t i = 0; i < T * V; ++i) p.values.push_back(5 * rng.uniform());
  }
  return w;
}

// Sum over customers and periods of (counterfactual - observed) outcome, with
// every ES surrogate in `off` at zero in all periods; each customer simulated
// through the full equations with their own residuals.
double per_customer_delta(const dcm::Model& m, const dcm::Panel& p, const std::vector<bool>& off) {
  const size_t T = m.periods, V = m.V(), K = m.K, L = m.L;
  auto predict = [&](size_t c, size_t t, size_t v, const std::vector<double>& x) {
    const Eigen::VectorXd& b = m.equation(t, v).coef;
    double s = b[0] + b[1] * p.x0[c];
    for (size_t l = 1; l <= L; ++l)
      for (size_t k = 0; k < K; ++k) s += b[static_cast<Eigen::Index>(m.lag_index(l, k))] * x[(t - l) * V + k];
    if (m.has_same(v))
      for (size_t e = 0; e < m.E; ++e) s += b[static_cast<Eigen::Index>(m.same_index(e))] * x[t * V + K - m.E + e];
    if (m.config.pooled && t >= L + 1) s += b[static_cast<Eigen::Index>(m.same_index(0) + (m.has_same(v) ? m.E : 0) + (t - L - 1))];
    return s;
  };
  double total = 0;
  for (size_t c = 0; c < p.n(); ++c) {
    std::vector<double> obs(T * V), cf(T * V);
    for (size_t i = 0; i < T * V; ++i) obs[i] = p.values[c * T * V + i];
    for (size_t t = 0; t < T; ++t) {
      auto one = [&](size_t v) {
        double x = obs[t * V + v];
        if (t >= L) x = predict(c, t, v, cf) + (obs[t * V + v] - predict(c, t, v, obs));
        if (v < K && off[v]) x = 0;
        cf[t * V + v] = x;
      };
      for (size_t v = K - m.E; v < K; ++v) one(v);
      for (size_t v = 0; v < K - m.E; ++v) one(v);
      one(K);
      total += cf[t * V + K] - obs[t * V + K];
    }
  }
  return total;
}

// v(S) from the per-customer path: delta(off: players outside S) - delta(off: all players).
double reference_value(const World& w, const std::vector<std::vector<std::string>>& members, Coalition s) {
  const dcm::Model& m = w.model;
  auto off_of = [&](Coalition on) {
    std::vector<bool> off(m.K, false);
    for (size_t i = 0; i < members.size(); ++i)
      if (!((on >> i) & 1))
        for (const auto& name : members[i])
          off[static_cast<size_t>(std::find(m.variables.begin(), m.variables.end(), name) - m.variables.begin())] = true;
    return off;
  };
  return per_customer_delta(m, w.panel, off_of(s)) - per_customer_delta(m, w.panel, off_of(0));
}
}  // namespace

// Relative 1e-9 of the largest |v|: the per-customer sums and the totals path
// add the same terms in different orders (rounding ~1e-14 relative here).
TEST_CASE("DCM game on period totals equals the per-customer counterfactuals", "[shapley][dcm-game]") {
  struct Case {
    size_t nes, es, L, T;
    bool pooled;
  };
  for (const Case& k : {Case{3, 6, 1, 9, false}, Case{2, 5, 2, 8, true}, Case{4, 7, 1, 7, false}}) {
    const World w = random_world(k.nes, k.es, k.L, k.T, k.pooled, 40, 100 + k.es);
    for (const char* players : {"features", "channels"}) {
      const auto game = dcm::dcm_game(w.model, w.panel, players);
      std::vector<std::vector<std::string>> members;
      if (std::string(players) == "features")
        for (const auto& s : w.model.config.es_surrogates) members.push_back({s});
      else
        for (const auto& g : w.model.config.groups) members.push_back(g.second);
      REQUIRE(game->players() == members.size());
      const size_t m = size_t{1} << members.size();
      std::vector<double> batch(m);
      game->values(0, m, batch.data());
      double scale = 0;
      std::vector<double> ref(m);
      for (size_t s = 0; s < m; ++s) {
        ref[s] = reference_value(w, members, s);
        scale = std::max(scale, std::fabs(ref[s]));
      }
      REQUIRE(scale > 1);
      for (size_t s = 0; s < m; ++s) {
        INFO("players " << players << " es " << k.es << " coalition " << s);
        CHECK(std::fabs(batch[s] - ref[s]) <= 1e-9 * scale);
        CHECK(std::fabs(game->value(s) - batch[s]) <= 1e-12 * scale);  // one at a time = 16 at a time
      }
      // An unaligned range gives the same values.
      std::vector<double> part(m - 3);
      game->values(3, m - 3, part.data());
      for (size_t s = 3; s < m; ++s) CHECK(std::fabs(part[s - 3] - batch[s]) <= 1e-12 * scale);
    }
  }
}

TEST_CASE("DCM game: exact Shapley is the same at 1 and 2 threads; players by name; errors", "[shapley][dcm-game]") {
  const World w = random_world(3, 7, 1, 10, false, 30, 7);
  const auto game = dcm::dcm_game(w.model, w.panel, "features");
  set_thread_count(1);
  const auto one = exact_shapley(*game, ctx, true);
  set_thread_count(2);
  const auto two = exact_shapley(*game, ctx, true);
  set_thread_count(0);
  CHECK(one.values == two.values);
  CHECK(one.interactions.size() == 21);
  for (size_t p = 0; p < 21; ++p) CHECK(one.interactions[p].value == two.interactions[p].value);

  const auto listed = dcm::dcm_game(w.model, w.panel, "es2, ch0");
  REQUIRE(listed->players() == 2);
  CHECK(listed->player_name(0) == "es2");
  CHECK(listed->player_name(1) == "ch0");
  // Only es2 and ch0 = {es0, es1} switch: v(N) = reference with those three off.
  const double ref = reference_value(w, {{"es2"}, {"es0", "es1"}}, 3);
  CHECK(std::fabs(listed->value(3) - ref) <= 1e-9 * std::fabs(ref));

  CHECK_THROWS_WITH(dcm::dcm_game(w.model, w.panel, "es2, tv"),
                    Catch::Contains("'tv' is not a channel or ES surrogate") && Catch::Contains("ch0") && Catch::Contains("es6"));
  CHECK_THROWS_WITH(dcm::dcm_game(w.model, w.panel, "es2,es2"), Catch::Contains("listed twice"));
  dcm::Panel short_panel = w.panel;
  short_panel.periods = 9;
  CHECK_THROWS_WITH(dcm::dcm_game(w.model, short_panel, "features"), Catch::Contains("periods"));
}

TEST_CASE("DCM game through the shapley command: model JSON on the panel table, names, interactions, timing only when asked",
          "[shapley][dcm-game]") {
  const Table panel = simulate_table("dcm", {{"customers", 200}, {"weeks", 6}, {"seed", 3}});
  const Json config = {{"customer", "customer"}, {"period", "week"}, {"outcome", "spend"},
                       {"surrogates", {"browse", "orders"}}, {"es_surrogates", {"es_reorder", "es_recs", "es_qa"}},
                       {"features", {"x1", "x2"}}, {"groups", {{"reminders", {"es_reorder"}}, {"discovery", {"es_recs", "es_qa"}}}}};
  const Json model = run_command("dcm_train", panel, {{"config", config}}, ctx)["model"];
  const Json r = run_command("shapley", panel, {{"dcm_model", model}, {"players", "features"}, {"interactions", true}}, ctx);
  REQUIRE(r["players"].size() == 3);
  CHECK(r["interactions"].size() == 3);
  CHECK(r["definitions"].contains("game"));
  CHECK_FALSE(r.contains("timing"));
  double sum = 0;
  for (const auto& p : r["players"]) sum += p["value"].get<double>();
  CHECK(std::fabs(sum - r["total"].get<double>()) <= 1e-9 * std::fabs(r["total"].get<double>()));
  const Json timed = run_command("shapley", panel, {{"dcm_model", model}, {"timing", true}}, ctx);
  CHECK(timed["timing"]["customers"] == 200);
  CHECK_THROWS_WITH(run_command("shapley", panel, {{"dcm_model", model}, {"players", "reminders, tv"}}, ctx),
                    Catch::Contains("'tv'") && Catch::Contains("discovery") && Catch::Contains("es_qa"));
}
