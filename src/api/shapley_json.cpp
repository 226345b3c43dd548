#include "api/shapley_json.hpp"

#include <chrono>
#include <numeric>

#include "core/error.hpp"
#include "dcm/game.hpp"
#include "dcm/model.hpp"
#include "dcm/panel.hpp"
#include "dcm/score.hpp"
#include "shapley/shapley.hpp"
#include "shapley/table_game.hpp"
#include "shapley/teaching_games.hpp"

namespace incrementa {

namespace {

std::vector<std::string> names_of(const Json& g, const std::string& key) {
  if (!g.contains(key) || !g[key].is_array()) throw ConfigError("game: '" + key + "' must be a list of player names");
  std::vector<std::string> out;
  for (const auto& x : g[key]) {
    if (!x.is_string()) throw ConfigError("game: '" + key + "' must be a list of player names");
    out.push_back(x.get<std::string>());
  }
  return out;
}

std::vector<double> numbers_of(const Json& g, const std::string& key) {
  if (!g.contains(key) || !g[key].is_array()) throw ConfigError("game: '" + key + "' must be a list of numbers");
  std::vector<double> out;
  for (const auto& x : g[key]) {
    if (!x.is_number()) throw ConfigError("game: '" + key + "' must be a list of numbers");
    out.push_back(x.get<double>());
  }
  return out;
}

std::unique_ptr<Game> game_from_json(const Json& g, Json& closed_form) {
  if (!g.is_object() || !g.contains("type") || !g["type"].is_string())
    throw ConfigError("game: expected an object with a 'type' (glove, airport or voting)");
  const std::string type = g["type"].get<std::string>();
  if (type == "glove") {
    check_known_keys(g, {"type", "left", "right"}, "glove game");
    return glove_game(names_of(g, "left"), names_of(g, "right"));
  }
  if (type == "airport") {
    check_known_keys(g, {"type", "players", "costs"}, "airport game");
    const auto costs = numbers_of(g, "costs");
    auto game = airport_game(names_of(g, "players"), costs);
    closed_form = airport_closed_form(costs);
    return game;
  }
  if (type == "voting") {
    check_known_keys(g, {"type", "players", "weights", "quota"}, "voting game");
    return voting_game(names_of(g, "players"), numbers_of(g, "weights"), number_or(g, "quota", 0));
  }
  throw ConfigError("game: unknown type '" + type + "' (known: glove, airport, voting)");
}

}  // namespace

Json shapley_json(const Table* table, const Json& o, RunContext& ctx) {
  check_known_keys(o, {"method", "samples", "target_se", "seed", "fill", "game", "dcm_model", "players", "interactions", "timing"},
                   "shapley");
  const bool want_interactions = o.contains("interactions") && o["interactions"].is_boolean() && o["interactions"].get<bool>();
  if (o.contains("interactions") && !o["interactions"].is_boolean()) throw ConfigError("shapley: 'interactions' must be true or false");
  const bool want_timing = o.contains("timing") && o["timing"].is_boolean() && o["timing"].get<bool>();
  const auto clock = [] { return std::chrono::steady_clock::now(); };
  const auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  Json timing = Json::object();
  Json closed_form = nullptr;
  std::unique_ptr<Game> game;
  std::string source;
  if (o.contains("game")) {
    game = game_from_json(o["game"], closed_form);
    source = "game: " + o["game"]["type"].get<std::string>();
  } else if (o.contains("dcm_model")) {
    // The DCM game: the loaded table is the panel; see src/dcm/game.hpp for v(S).
    if (!table) throw ConfigError("shapley: a 'dcm_model' needs the panel CSV");
    const dcm::Model model = dcm::model_from_json(o["dcm_model"]);
    const dcm::Panel panel = dcm::build_panel(*table, model.config);
    dcm::check_panel(model, panel);
    const auto t0 = clock();
    const dcm::Totals totals = dcm::panel_totals(panel);  // the one pass over the customers
    timing["aggregate_seconds"] = seconds(t0, clock());
    timing["customers"] = panel.n();
    game = dcm::dcm_game(model, totals, optional_string(o, "players").value_or("channels"));
    source = "dcm model on " + table->source();
  } else if (table) {
    const std::string fill = optional_string(o, "fill").value_or("error");
    if (fill != "error" && fill != "zero") throw ConfigError("shapley: fill must be 'error' or 'zero'");
    game = table_game(*table, fill == "zero" ? MissingCoalitions::Zero : MissingCoalitions::Error);
    source = table->source();
  } else {
    throw ConfigError("shapley: give a coalitions CSV or a 'game'");
  }
  const size_t n = game->players();
  const std::string method = optional_string(o, "method").value_or(n <= kMaxExactPlayers ? "exact" : "permutation");
  if (want_interactions && method != "exact")
    throw ConfigError("shapley: interaction indices need the exact method (all 2^n coalitions, n <= " + std::to_string(kMaxExactPlayers) + ")");
  if (want_interactions && n > kMaxExactPlayers)
    throw InputError("shapley: interaction indices need all 2^n coalitions; " + std::to_string(n) + " players is more than " +
                     std::to_string(kMaxExactPlayers));
  ShapleyResult r;
  const auto t1 = clock();
  if (method == "exact") {
    r = exact_shapley(*game, ctx, want_interactions);
  } else if (method == "permutation") {
    SamplingOptions so;
    const double samples = number_or(o, "samples", 10000);
    if (!(samples >= 4 && samples <= 1e9)) throw ConfigError("shapley: samples must be between 4 and 1e9");
    so.max_permutations = static_cast<size_t>(samples);
    so.target_se = number_or(o, "target_se", 0);
    so.seed = static_cast<uint64_t>(number_or(o, "seed", 1));
    r = sampled_shapley(*game, so, ctx);
  } else {
    throw ConfigError("shapley: method must be 'exact' or 'permutation', got '" + method + "'");
  }

  timing["shapley_seconds"] = seconds(t1, clock());
  Json players = Json::array();
  for (size_t i = 0; i < n; ++i) {
    Json p = {{"name", game->player_name(i)},
              {"value", number_or_null(r.values[i])},
              {"se", number_or_null(r.se[i])},
              {"leave_one_out", number_or_null(r.leave_one_out[i])},
              {"alone", number_or_null(r.alone[i])}};
    if (!closed_form.is_null()) p["closed_form"] = closed_form[i];
    players.push_back(p);
  }
  const double loo = std::accumulate(r.leave_one_out.begin(), r.leave_one_out.end(), 0.0);
  const double alone = std::accumulate(r.alone.begin(), r.alone.end(), 0.0);
  Json out = {{"command", "shapley"},
          {"source", source},
          {"method", r.method},
          {"players", players},
          {"total", number_or_null(r.grand - r.empty)},
          {"grand_coalition", number_or_null(r.grand)},
          {"empty_coalition", number_or_null(r.empty)},
          {"efficiency_adjustment", number_or_null(r.efficiency_gap)},
          {"evaluations", r.evaluations},
          {"permutations", r.permutations},
          {"naive", {{"leave_one_out_sum", number_or_null(loo)}, {"alone_sum", number_or_null(alone)}}},
          {"definitions",
           {{"value", "Shapley value: the player's marginal contribution v(S + i) - v(S), averaged over every order in "
                      "which the players could join; the values add up to the total"},
            {"se", r.method == "exact" ? "0: exact enumeration of all coalitions"
                                       : "standard error of the permutation-sampling estimate (antithetic pairs)"},
            {"total", "v(all players) - v(no player): the value to split"},
            {"leave_one_out", "v(all) - v(all but this player): 'switch it off alone'; these need not add up to the total"},
            {"alone", "v(this player only) - v(none): 'only this one on'; these need not add up to the total"},
            {"efficiency_adjustment",
             "total minus the sum of the estimated values before adjustment (rounding; spread equally for sampling)"}}}};
  if (o.contains("dcm_model"))
    out["definitions"]["game"] =
        "v(S) = total outcome (all customers and periods) with only the channels in S active minus the total with none of "
        "them active; inactive = its ES surrogates set to 0 in every period, propagated through the fitted model with each "
        "customer's residuals held fixed";
  if (want_interactions) {
    Json list = Json::array();
    for (const auto& x : r.interactions)
      list.push_back({{"a", game->player_name(x.a)}, {"b", game->player_name(x.b)}, {"value", number_or_null(x.value)}});
    out["interactions"] = list;
    out["definitions"]["interactions"] =
        "Shapley interaction index of a pair (Grabisch): v(S+a+b) - v(S+a) - v(S+b) + v(S) averaged over coalitions S "
        "without a and b with weights |S|!(n-|S|-2)!/(n-1)!; > 0: the pair is worth more together than apart";
  }
  if (want_timing) out["timing"] = timing;  // wall-clock seconds: only when asked (the rest is deterministic)
  return out;
}

}  // namespace incrementa
