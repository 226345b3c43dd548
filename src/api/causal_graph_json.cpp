#include "api/causal_graph_json.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

#include "causal_graph/adjustment.hpp"
#include "causal_graph/augment_eval.hpp"
#include "causal_graph/ci_test.hpp"
#include "causal_graph/pc.hpp"
#include "core/error.hpp"

namespace incrementa {

namespace cg = causal_graph;

namespace {

// [[from, to], ...] or [{"from": .., "to": ..}, ...].
cg::EdgeList edge_list(const Json& o, const std::string& key, const std::string& command) {
  cg::EdgeList out;
  if (!o.contains(key) || o[key].is_null()) return out;
  const std::string bad = command + ": option '" + key + "' must be a list of [from, to] pairs of column names, got ";
  if (!o[key].is_array()) throw ConfigError(bad + o[key].dump());
  for (const auto& e : o[key]) {
    if (e.is_array() && e.size() == 2 && e[0].is_string() && e[1].is_string())
      out.push_back({e[0].get<std::string>(), e[1].get<std::string>()});
    else if (e.is_object() && e.contains("from") && e.contains("to") && e["from"].is_string() && e["to"].is_string())
      out.push_back({e["from"].get<std::string>(), e["to"].get<std::string>()});
    else
      throw ConfigError(bad + e.dump());
  }
  return out;
}

size_t count_option(const Json& o, const std::string& key, size_t fallback, const std::string& command) {
  const double v = number_or(o, key, static_cast<double>(fallback));
  if (!(v >= 0) || v != std::floor(v) || v > 1e12)
    throw ConfigError(command + ": option '" + key + "' must be a whole number >= 0, got " + o[key].dump());
  return static_cast<size_t>(v);
}

std::vector<std::string> numeric_columns(const Table& t) {
  std::vector<std::string> out;
  for (const auto& c : t.columns())
    if (c.is_numeric()) out.push_back(c.name);
  return out;
}

// The columns as a rows × columns matrix; a missing cell is an InputError naming the column and line.
Eigen::MatrixXd matrix_of(const Table& t, const std::vector<std::string>& names, const std::string& role) {
  Eigen::MatrixXd x(static_cast<Eigen::Index>(t.rows()), static_cast<Eigen::Index>(names.size()));
  for (size_t j = 0; j < names.size(); ++j) {
    const Column& c = t.numeric_column(names[j], role);
    for (size_t r = 0; r < t.rows(); ++r) {
      if (c.missing(r))
        throw InputError(t.source() + ": column '" + names[j] + "' has a missing value on line " +
                         std::to_string(t.line_of_row(r)) + "; fill or drop such rows first");
      x(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) = c.values[r];
    }
  }
  return x;
}

Json names_of(const cg::Graph& g, const std::vector<size_t>& idx) {
  Json a = Json::array();
  for (size_t i : idx) a.push_back(g.name(i));
  return a;
}

Json edges_json(const cg::Graph& g) {
  Json a = Json::array();
  for (size_t i = 0; i < g.size(); ++i)
    for (size_t j = 0; j < g.size(); ++j) {
      if (g.directed(i, j)) a.push_back({{"from", g.name(i)}, {"to", g.name(j)}, {"directed", true}});
      else if (i < j && g.undirected(i, j)) a.push_back({{"from", g.name(i)}, {"to", g.name(j)}, {"directed", false}});
    }
  return a;
}

Json adjustment_json(const cg::Graph& pdag, const Json& o, const std::vector<std::string>& columns, Json& out) {
  Json list = Json::array();
  const auto outcome = optional_string(o, "outcome");
  std::vector<std::string> treatments = string_list(o, "treatments", "causal discover");
  if (!outcome) {
    if (!treatments.empty()) throw ConfigError("causal discover: option 'treatments' needs 'outcome'");
    return list;
  }
  const size_t y = pdag.index(*outcome, "option 'outcome'");
  if (treatments.empty())
    for (const auto& c : columns)
      if (c != *outcome) treatments.push_back(c);
  std::vector<size_t> t;
  for (const auto& name : treatments) {
    t.push_back(pdag.index(name, "option 'treatments'"));
    if (t.back() == y) throw ConfigError("causal discover: the outcome '" + name + "' cannot also be a treatment");
  }
  const cg::AdjustmentReport r = cg::adjustment_sets(pdag, t, y);
  for (const auto& a : r.sets) {
    std::string note;
    if (!a.identified)
      note = "the data leave some of " + pdag.name(a.treatment) +
             "'s edges undirected, so its parents (and this set) hold for one DAG of the class only; orient them as an "
             "expert (required edges) to pin the set down";
    else if (a.outcome_is_parent)
      note = "the graph has " + pdag.name(a.outcome) + " → " + pdag.name(a.treatment) + ": the channel cannot move the outcome";
    else if (!a.has_directed_path)
      note = "no directed path from " + pdag.name(a.treatment) + " to " + pdag.name(a.outcome) + ": the graph says the effect is zero";
    list.push_back({{"treatment", pdag.name(a.treatment)},
                    {"outcome", pdag.name(a.outcome)},
                    {"set", names_of(r.dag, a.set)},
                    {"identified", a.identified},
                    {"has_directed_path", a.has_directed_path},
                    {"note", note}});
  }
  out["adjustment_dag"] = {{"edges", edges_json(r.dag)}, {"extended", r.extended}, {"consistent", r.consistent}};
  return list;
}

Json discover_definitions() {
  return {
      {"nodes", "the variables (columns) the graph is over"},
      {"edges",
       "the graph PC found: directed = true is from → to (every DAG that fits the tests and the expert edges agrees); "
       "directed = false is an edge whose direction the data cannot tell (a CPDAG/PDAG)"},
      {"removed",
       "pairs without an edge and why: a Fisher-z test of the partial correlation found them independent given "
       "separating_set (p_value > alpha), or forbidden = true (the expert forbade both directions)"},
      {"alpha", "significance level of the conditional-independence tests: an edge is removed when p_value > alpha"},
      {"max_condition", "largest separating set tried (PC-stable grows the sets from 0 up to this size)"},
      {"adjustment",
       "for each treatment: set = its parents in a DAG of the graph (they block every back-door path to the outcome, a "
       "valid adjustment set); identified = false when the treatment has undirected edges, so the data alone do not fix "
       "its parents"},
      {"adjustment_dag",
       "the DAG the sets are read from: the PDAG with its undirected edges oriented without new v-structures (Dor–Tarsi; "
       "consistent = false when that was impossible and a topological order was used; the outcome is made a sink when the "
       "class allows); extended = some edges were oriented"},
      {"tests", "conditional-independence tests run"},
  };
}

std::string percent(double f) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * f);
  return buf;
}

std::string rounded(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

// One plain sentence: helps, or does not help here and the likeliest reason.
std::string verdict(const cg::AugmentEval& r, const cg::Graph& dag, size_t target, double theta, size_t max_points) {
  const double imp = r.rmse_without > 0 ? (r.rmse_without - r.rmse_with) / r.rmse_without : 0;
  const std::string numbers = "held-out RMSE " + rounded(r.rmse_without) + " without augmentation, " +
                              rounded(r.rmse_with) + " with";
  if (r.augmented_points == 0)
    return "Augmentation does not help here: θ = " + rounded(theta) +
           " pruned every augmented point, so the model is the same; try a smaller θ (" + numbers + ").";
  if (imp > 0.01)
    return "Augmentation helps: " + numbers + " (" + percent(imp) + " lower), from " + std::to_string(r.augmented_points) +
           " augmented points.";
  std::string why;
  if (dag.parents(target).empty())
    why = "the graph gives " + dag.name(target) + " no parents, so augmented rows pair its values with unrelated features";
  else if (r.train_rows < 30)
    why = "with " + std::to_string(r.train_rows) + " training rows the kernel estimates of the conditionals are too rough";
  else if (r.train_rows >= 500)
    why = "with " + std::to_string(r.train_rows) +
          " training rows the model already sees enough combinations; augmentation mostly helps with few rows";
  else if (r.kept_mass < 0.05 && r.augmented_points >= max_points)
    why = "the cap of " + std::to_string(max_points) + " points kept only " + percent(r.kept_mass) +
          " of the factorised distribution; a larger max_points keeps more";
  else if (r.kept_mass < 0.05)
    why = "θ kept only " + percent(r.kept_mass) + " of the factorised distribution; a smaller θ keeps more";
  else
    why = "the graph may miss edges (augmentation then mixes rows that should not be mixed), or the relationship is "
          "simple enough for the original rows";
  return "Augmentation does not help here (" + numbers + "): " + why + ".";
}

Json augment_definitions() {
  return {
      {"rmse_without", "root mean squared error of our GBM on the held-out rows, fitted on the training rows only"},
      {"rmse_with",
       "the same GBM fitted on the training rows plus their augmentation (weights rescaled to weigh as much as the "
       "training rows), scored on the same held-out original rows"},
      {"improvement", "(rmse_without - rmse_with) / rmse_without: positive = augmentation lowered the error"},
      {"augmented_points",
       "points drawn from the graph's factorisation p(x) = Π p(x_v | parents): walking the variables in topological "
       "order, each takes a donor row's value with probability ∝ Π Gaussian kernels of its parents' differences "
       "(roots: every row, 1/n); branches weighing less than θ rows are pruned and at most max_points kept"},
      {"kept_mass", "the augmented points' total weight in rows / training rows: the share of the factorisation θ and max_points kept"},
      {"bandwidth", "kernel bandwidth on standardised values: 1.06 n^(-1/(4+q)) for q parents (normal reference rule) unless given"},
      {"holdout", "share of the original rows held out (a seeded random split); augmentation uses the training rows only"},
      {"sweep", "for each θ in 'thetas': rmse_with and augmented_points (rmse_without does not depend on θ)"},
      {"verdict", "one sentence: whether augmentation helped here (more than 1% lower held-out RMSE) and, when not, the likeliest reason"},
  };
}

}  // namespace

Json causal_augment_json(const Table& table, const Json& o, RunContext& context) {
  const std::string cmd = "causal augment";
  check_known_keys(o, {"target", "features", "edges", "theta", "thetas", "bandwidth", "holdout", "seed", "max_points"}, cmd);
  const std::string target = require_string(o, "target");
  std::vector<std::string> features = string_list(o, "features", cmd);
  if (features.empty())
    for (const auto& c : numeric_columns(table))
      if (c != target) features.push_back(c);
  std::vector<std::string> names = features;
  names.push_back(target);
  const cg::Graph dag = cg::dag_from_edges(names, edge_list(o, "edges", cmd), "the graph's edges");
  cg::AugmentEvalOptions e;
  e.holdout = number_or(o, "holdout", 0.3);
  if (!(e.holdout > 0 && e.holdout < 1)) throw ConfigError(cmd + ": option 'holdout' must be in (0, 1)");
  e.seed = count_option(o, "seed", 1, cmd);
  e.augment.theta = number_or(o, "theta", 1e-8);
  if (!(e.augment.theta >= 0)) throw ConfigError(cmd + ": option 'theta' must be a number >= 0");
  e.augment.bandwidth = number_or(o, "bandwidth", 0);
  if (!(e.augment.bandwidth >= 0)) throw ConfigError(cmd + ": option 'bandwidth' must be > 0 (or 0 for the default)");
  e.augment.max_points = count_option(o, "max_points", 20000, cmd);
  if (e.augment.max_points < 1) throw ConfigError(cmd + ": option 'max_points' must be at least 1");
  if (o.contains("thetas") && !o["thetas"].is_null()) {
    if (!o["thetas"].is_array()) throw ConfigError(cmd + ": option 'thetas' must be a list of numbers");
    for (const auto& t : o["thetas"]) {
      if (!t.is_number() || !(t.get<double>() >= 0)) throw ConfigError(cmd + ": option 'thetas' must list numbers >= 0, got " + t.dump());
      e.thetas.push_back(t.get<double>());
    }
  }
  const Eigen::MatrixXd x = matrix_of(table, names, "a graph variable");
  std::vector<size_t> feature_idx(features.size());
  for (size_t k = 0; k < features.size(); ++k) feature_idx[k] = k;
  const size_t y = names.size() - 1;
  const cg::AugmentEval r = cg::evaluate_augmentation(x, dag, y, feature_idx, e, context);
  Json out;
  out["target"] = target;
  out["features"] = features;
  out["edges"] = edges_json(dag);
  out["train_rows"] = r.train_rows;
  out["test_rows"] = r.test_rows;
  out["theta"] = e.augment.theta;
  out["bandwidth"] = number_or_null(r.bandwidth_used);
  out["rmse_without"] = number_or_null(r.rmse_without);
  out["rmse_with"] = number_or_null(r.rmse_with);
  out["improvement"] = number_or_null(r.rmse_without > 0 ? (r.rmse_without - r.rmse_with) / r.rmse_without : NAN);
  out["augmented_points"] = r.augmented_points;
  out["kept_mass"] = number_or_null(r.kept_mass);
  Json sweep = Json::array();
  for (const auto& p : r.sweep)
    sweep.push_back({{"theta", p.theta},
                     {"rmse_with", number_or_null(p.rmse_with)},
                     {"augmented_points", p.augmented_points},
                     {"kept_mass", number_or_null(p.kept_mass)}});
  out["sweep"] = sweep;
  out["verdict"] = verdict(r, dag, y, e.augment.theta, e.augment.max_points);
  out["definitions"] = augment_definitions();
  context.progress(1.0, "done");
  return out;
}

Json causal_discover_json(const Table& table, const Json& o, RunContext& context) {
  const std::string cmd = "causal discover";
  check_known_keys(o, {"columns", "required", "forbidden", "alpha", "max_condition", "outcome", "treatments"}, cmd);
  std::vector<std::string> columns = string_list(o, "columns", cmd);
  if (columns.empty()) columns = numeric_columns(table);
  if (columns.size() < 2) throw InputError(cmd + ": at least 2 numeric columns are needed, got " + std::to_string(columns.size()));
  cg::PcOptions pc;
  pc.alpha = number_or(o, "alpha", 0.05);
  if (!(pc.alpha > 0 && pc.alpha < 1)) throw ConfigError(cmd + ": option 'alpha' must be in (0, 1), got " + o["alpha"].dump());
  pc.max_condition = count_option(o, "max_condition", 3, cmd);
  pc.required = edge_list(o, "required", cmd);
  pc.forbidden = edge_list(o, "forbidden", cmd);
  if (table.rows() < 5) throw InputError(cmd + ": at least 5 rows are needed, got " + std::to_string(table.rows()));
  const Eigen::MatrixXd x = matrix_of(table, columns, "a graph variable");
  const Eigen::MatrixXd corr = cg::correlation_matrix(x, columns);
  const cg::PcResult r = cg::pc_stable(corr, table.rows(), columns, pc, context.child(0, 0.9));
  Json out;
  out["rows"] = table.rows();
  out["nodes"] = columns;
  out["edges"] = edges_json(r.pdag);
  Json removed = Json::array();
  for (const auto& e : r.removed)
    removed.push_back({{"a", columns[e.a]},
                       {"b", columns[e.b]},
                       {"separating_set", names_of(r.pdag, e.separating_set)},
                       {"p_value", number_or_null(e.p_value)},
                       {"forbidden", e.forbidden}});
  out["removed"] = removed;
  out["alpha"] = pc.alpha;
  out["max_condition"] = pc.max_condition;
  out["tests"] = r.tests;
  out["adjustment"] = adjustment_json(r.pdag, o, columns, out);
  out["definitions"] = discover_definitions();
  context.progress(1.0, "done");
  return out;
}

}  // namespace incrementa
