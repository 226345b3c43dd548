// The causal-graph room (docs/causal-graph.md): PC-stable against a known
// CPDAG, expert edges (required, forbidden, cycles), adjustment sets, ADMG
// augmentation on random SCMs, determinism and input errors.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "api/causal_graph_json.hpp"
#include "causal_graph/augment.hpp"
#include "causal_graph/graph.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "sim/scm_world.hpp"
#include "support/threads.hpp"

using namespace incrementa;
using namespace incrementa::causal_graph;
using Catch::Matchers::Contains;

namespace {

struct LinearEdge {
  size_t from, to;
  double coef;
};

// A linear-Gaussian SCM over `names` (edges listed in a causal order), unit noise.
Table linear_world(const std::vector<std::string>& names, const std::vector<LinearEdge>& edges, size_t n, uint64_t seed) {
  Rng rng(seed);
  std::vector<std::vector<double>> x(names.size(), std::vector<double>(n));
  for (size_t v = 0; v < names.size(); ++v)
    for (size_t i = 0; i < n; ++i) {
      double s = rng.normal();
      for (const auto& e : edges)
        if (e.to == v) s += e.coef * x[e.from][i];
      x[v][i] = s;
    }
  Table t("linear world");
  for (size_t v = 0; v < names.size(); ++v) {
    Column c;
    c.name = names[v];
    c.values = x[v];
    t.add_column(std::move(c));
  }
  return t;
}

Json discover(const Table& t, Json options) {
  RunContext context;
  return causal_discover_json(t, options, context);
}

Json augment(const Table& t, Json options) {
  RunContext context;
  return causal_augment_json(t, options, context);
}

// "from>to" for a directed edge, "a-b" (sorted) for an undirected one.
std::vector<std::string> edge_words(const Json& out) {
  std::vector<std::string> w;
  for (const auto& e : out["edges"]) {
    const std::string a = e["from"], b = e["to"];
    w.push_back(e["directed"].get<bool>() ? a + ">" + b : (a < b ? a + "-" + b : b + "-" + a));
  }
  std::sort(w.begin(), w.end());
  return w;
}

// [[from, to], ...] (a braced list alone would read as a JSON object).
Json pairs(const std::vector<std::pair<std::string, std::string>>& edges) {
  Json a = Json::array();
  for (const auto& [from, to] : edges) a.push_back(Json::array({from, to}));
  return a;
}

bool has(const std::vector<std::string>& w, const std::string& e) { return std::find(w.begin(), w.end(), e) != w.end(); }

// Structural Hamming distance between two edge-word lists over the same nodes: pairs whose mark differs.
size_t shd(const std::vector<std::string>& got, const std::vector<std::string>& want) {
  auto pair_of = [](const std::string& e) {
    const size_t k = e.find_first_of(">-");
    std::string a = e.substr(0, k), b = e.substr(k + 1);
    return a < b ? a + "|" + b : b + "|" + a;
  };
  size_t d = 0;
  for (const auto& e : want) {
    if (has(got, e)) continue;
    ++d;  // missing or differently oriented
  }
  for (const auto& e : got) {
    bool pair_in_want = false;
    for (const auto& f : want) pair_in_want = pair_in_want || pair_of(f) == pair_of(e);
    if (!pair_in_want) ++d;  // extra edge
  }
  return d;
}

}  // namespace

TEST_CASE("causal graph: PC-stable recovers the CPDAG of a known 6-node linear-Gaussian DAG", "[causal_graph]") {
  // a → b, b → c, b → d, c → e, d → e, e → f. Its CPDAG: a – b, b – c, b – d stay undirected (no
  // v-structure decides them), c → e ← d is a v-structure and e → f follows by Meek's R1.
  const std::vector<std::string> names{"a", "b", "c", "d", "e", "f"};
  const Table t = linear_world(names, {{0, 1, 0.8}, {1, 2, 0.7}, {1, 3, 0.7}, {2, 4, 0.6}, {3, 4, 0.6}, {4, 5, 0.8}}, 5000, 11);
  const Json out = discover(t, {{"alpha", 0.01}});
  INFO(out["edges"].dump());
  const std::vector<std::string> want{"a-b", "b-c", "b-d", "c>e", "d>e", "e>f"};
  // Tolerance: SHD <= 1. With n = 5,000 and |coefficients| >= 0.6 a true edge is never tested away (power ~ 1); a
  // false edge survives only if its separating test rejects at alpha = 0.01, and one such slip among the 9
  // non-adjacent pairs (and the orientations it changes) is the most this seed may show.
  CHECK(shd(edge_words(out), want) <= 1);
  // The v-structure itself must be found: it is what makes the graph causal rather than a skeleton.
  CHECK(has(edge_words(out), "c>e"));
  CHECK(has(edge_words(out), "d>e"));
  // PC-stable's skeleton does not depend on the columns' order: reversed columns, the same adjacencies.
  auto adjacencies = [](const Json& o) {
    std::vector<std::string> w;
    for (const auto& e : o["edges"]) {
      const std::string a = e["from"], b = e["to"];
      w.push_back(a < b ? a + b : b + a);
    }
    std::sort(w.begin(), w.end());
    return w;
  };
  const Json reversed = discover(t, {{"alpha", 0.01}, {"columns", {"f", "e", "d", "c", "b", "a"}}});
  CHECK(adjacencies(reversed) == adjacencies(out));
  // "Why no edge": a and c are separated by b.
  bool ac = false;
  for (const auto& r : out["removed"])
    if (r["a"] == "a" && r["b"] == "c") ac = r["separating_set"] == Json::array({"b"}) && r["p_value"].get<double>() > 0.01;
  CHECK(ac);
}

TEST_CASE("causal graph: a required edge survives when the data alone drop it", "[causal_graph]") {
  // u and v independent, w depends on both.
  const Table t = linear_world({"u", "v", "w"}, {{0, 2, 1.0}, {1, 2, 1.0}}, 2000, 3);
  CHECK_FALSE(has(edge_words(discover(t, Json::object())), "u>v"));  // the data alone: no u – v edge
  const auto w = edge_words(discover(t, {{"required", pairs({{"u", "v"}})}}));
  CHECK(has(w, "u>v"));
  // The rest is still found: w stays adjacent to both (with u – v kept the triangle is complete, so no
  // v-structure orients it).
  CHECK(shd(w, {"u>v", "u-w", "v-w"}) == 0);
}

TEST_CASE("causal graph: forbidden edges are removed or orient the edge the other way", "[causal_graph]") {
  // A chain a → b → c: its CPDAG is a – b – c (no direction identified).
  const Table t = linear_world({"a", "b", "c"}, {{0, 1, 1.0}, {1, 2, 1.0}}, 2000, 5);
  const auto plain = edge_words(discover(t, Json::object()));
  CHECK(has(plain, "a-b"));
  CHECK(has(plain, "b-c"));
  // Forbid b → a: a – b becomes a → b, and Meek's R1 then orients b → c.
  const auto one_way = edge_words(discover(t, {{"forbidden", pairs({{"b", "a"}})}}));
  CHECK(has(one_way, "a>b"));
  CHECK(has(one_way, "b>c"));
  // Forbid both directions: no a – b edge, listed as removed by the expert.
  const Json both = discover(t, {{"forbidden", pairs({{"a", "b"}, {"b", "a"}})}});
  CHECK_FALSE(has(edge_words(both), "a-b"));
  bool listed = false;
  for (const auto& r : both["removed"]) listed = listed || (r["a"] == "a" && r["b"] == "b" && r["forbidden"] == true);
  CHECK(listed);
}

TEST_CASE("causal graph: expert edges that form a cycle are a ConfigError naming the cycle", "[causal_graph]") {
  const Table t = linear_world({"a", "b", "c"}, {{0, 1, 1.0}, {1, 2, 1.0}}, 200, 5);
  CHECK_THROWS_AS(discover(t, {{"required", pairs({{"a", "b"}, {"b", "c"}, {"c", "a"}})}}), ConfigError);
  CHECK_THROWS_WITH(discover(t, {{"required", pairs({{"a", "b"}, {"b", "c"}, {"c", "a"}})}}), Contains("a → b → c → a"));
  CHECK_THROWS_WITH(augment(t, {{"target", "c"}, {"edges", pairs({{"a", "b"}, {"b", "c"}, {"c", "a"}})}}),
                    Contains("a → b → c → a"));
  CHECK_THROWS_WITH(discover(t, {{"required", pairs({{"a", "b"}})}, {"forbidden", pairs({{"a", "b"}})}}), Contains("both required and forbidden"));
  CHECK_THROWS_WITH(discover(t, {{"required", pairs({{"a", "zz"}})}}), Contains("zz"));
  CHECK_THROWS_WITH(discover(t, {{"alpah", 0.1}}), Contains("unknown option 'alpah'"));
}

TEST_CASE("causal graph: the adjustment set of a confounded treatment contains the confounder", "[causal_graph]") {
  // z confounds t → y; w is a second cause of t, so w → t ← z is a v-structure and the rest is oriented
  // (R1: t → y, R2: z → y). Coefficients chosen so no partial correlation nearly cancels (the smallest
  // true one, z–t given y, is 0.15: z ~ 8 at n = 3,000).
  const Table t = linear_world({"z", "w", "t", "y"}, {{0, 2, 1.0}, {1, 2, 0.6}, {0, 3, 0.7}, {2, 3, 0.7}}, 3000, 7);
  const Json out = discover(t, {{"outcome", "y"}, {"treatments", {"t"}}});
  REQUIRE(out["adjustment"].size() == 1);
  const Json& a = out["adjustment"][0];
  CHECK(a["identified"] == true);
  CHECK(a["set"] == Json::array({"z", "w"}));
  // A treatment whose edges stay undirected is flagged, not given a set as if identified.
  const Table chain = linear_world({"t", "m", "y"}, {{0, 1, 1.0}, {1, 2, 1.0}}, 2000, 9);
  const Json c = discover(chain, {{"outcome", "y"}, {"treatments", {"t"}}});
  CHECK(c["adjustment"][0]["identified"] == false);
  // The DAG the set is read from keeps the outcome a sink when the class allows it (m → y, not y → m).
  CHECK(has(edge_words(c["adjustment_dag"]), "m>y"));
  CHECK(c["adjustment_dag"]["consistent"] == true);
}

TEST_CASE("causal graph: ADMG augmentation lowers the GBM's held-out RMSE on random nonlinear SCMs at n = 200",
          "[causal_graph]") {
  double without = 0, with = 0;
  const int seeds = 8;
  for (int s = 1; s <= seeds; ++s) {
    ScmWorld w;
    w.rows = 200;
    w.variables = 5;
    w.seed = static_cast<uint64_t>(s);
    const ScmSample sample = simulate_scm(w);
    Json edges = Json::array();
    for (const auto& [a, b] : sample.edges) edges.push_back({a, b});
    const Json out = augment(sample.table, {{"target", "y"}, {"edges", edges}, {"seed", s}, {"max_points", 4000}});
    without += out["rmse_without"].get<double>();
    with += out["rmse_with"].get<double>();
  }
  // Observed (8 seeds, θ default 1e-8, max_points 4,000): mean RMSE 0.611 without, 0.533 with, 12.7% lower.
  // Asserted: at least 5% lower, a margin well inside that (no single seed's luck can carry the mean: the GBM
  // and the worlds are seeded, so a change that makes augmentation useless fails this check).
  INFO("mean held-out RMSE without " << without / seeds << ", with " << with / seeds);
  CHECK(with < 0.95 * without);
}

TEST_CASE("causal graph: the same seed gives identical JSON, at 1 and 2 threads", "[causal_graph]") {
  ScmWorld w;
  w.rows = 150;
  w.variables = 5;
  w.seed = 21;
  const ScmSample sample = simulate_scm(w);
  Json edges = Json::array();
  for (const auto& [a, b] : sample.edges) edges.push_back({a, b});
  const Json options = {{"target", "y"}, {"edges", edges}, {"seed", 3}, {"max_points", 2000}, {"thetas", {1e-4, 1e-2}}};
  const std::string one = testsupport::at_threads(1, [&] { return augment(sample.table, options).dump(); });
  const std::string two = testsupport::at_threads(2, [&] { return augment(sample.table, options).dump(); });
  CHECK(one == two);
  CHECK(augment(sample.table, options).dump() == one);
  const Json other = augment(sample.table, {{"target", "y"}, {"edges", edges}, {"seed", 4}, {"max_points", 2000}});
  CHECK(other.dump() != one);  // the seed matters (split, ties, GBM)
  const std::string d1 = testsupport::at_threads(1, [&] { return discover(sample.table, Json::object()).dump(); });
  const std::string d2 = testsupport::at_threads(2, [&] { return discover(sample.table, Json::object()).dump(); });
  CHECK(d1 == d2);
}

TEST_CASE("causal graph: the augment verdict says when augmentation cannot help, and bad input is named", "[causal_graph]") {
  ScmWorld w;
  w.rows = 120;
  w.variables = 4;
  w.seed = 5;
  const ScmSample sample = simulate_scm(w);
  Json edges = Json::array();
  for (const auto& [a, b] : sample.edges) edges.push_back({a, b});
  // θ = 10 rows: every branch of a root (1 row each) is pruned, so the model with augmentation is the model without.
  const Json out = augment(sample.table, {{"target", "y"}, {"edges", edges}, {"theta", 10}});
  CHECK(out["augmented_points"] == 0);
  CHECK(out["rmse_with"] == out["rmse_without"]);
  CHECK_THAT(out["verdict"].get<std::string>(), Contains("does not help") && Contains("smaller θ"));
  CHECK_THROWS_AS(augment(sample.table, {{"target", "nope"}, {"edges", edges}}), InputError);
  CHECK_THROWS_WITH(augment(sample.table, {{"target", "y"}, {"edges", edges}, {"holdout", 1.5}}), Contains("holdout"));
  // Cancel reaches the augmentation's loop.
  RunContext cancelled;
  cancelled.cancel();
  CHECK_THROWS_AS(causal_augment_json(sample.table, {{"target", "y"}, {"edges", edges}}, cancelled), CancelledError);
}
