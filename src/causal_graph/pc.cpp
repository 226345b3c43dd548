#include "causal_graph/pc.hpp"

#include <cmath>
#include <limits>

#include "causal_graph/ci_test.hpp"
#include "causal_graph/orient.hpp"
#include "core/error.hpp"

namespace incrementa::causal_graph {

namespace {

using BoolMatrix = std::vector<std::vector<bool>>;

struct Knowledge {
  BoolMatrix required, forbidden;
};

Knowledge index_knowledge(const std::vector<std::string>& names, const PcOptions& o) {
  const size_t p = names.size();
  Knowledge k{BoolMatrix(p, std::vector<bool>(p, false)), BoolMatrix(p, std::vector<bool>(p, false))};
  // Checks the names and that the required edges are acyclic (the error names the cycle).
  const Graph req = dag_from_edges(names, o.required, "the required edges");
  Graph names_only(names);
  for (const auto& [from, to] : o.forbidden) {
    const size_t a = names_only.index(from, "a forbidden edge"), b = names_only.index(to, "a forbidden edge");
    if (req.directed(a, b))
      throw ConfigError("causal graph: the edge " + from + " → " + to + " is both required and forbidden");
    k.forbidden[a][b] = true;
  }
  for (size_t a = 0; a < p; ++a)
    for (size_t b = 0; b < p; ++b) k.required[a][b] = req.directed(a, b);
  return k;
}

// Next size-l subset of {0 .. m-1} in lexicographic order; false after the last.
bool next_subset(std::vector<size_t>& pick, size_t m) {
  const size_t l = pick.size();
  for (size_t t = l; t-- > 0;) {
    if (pick[t] < m - l + t) {
      ++pick[t];
      for (size_t u = t + 1; u < l; ++u) pick[u] = pick[u - 1] + 1;
      return true;
    }
  }
  return false;
}

// Tests i ⫫ j | S for every S of size l from `pool`; the first independent one wins.
bool separate(const Eigen::MatrixXd& corr, size_t rows, size_t i, size_t j, const std::vector<size_t>& pool,
              size_t l, double alpha, PcResult& out, RemovedEdge& found) {
  if (pool.size() < l) return false;
  std::vector<size_t> pick(l), s(l);
  for (size_t t = 0; t < l; ++t) pick[t] = t;
  do {
    for (size_t t = 0; t < l; ++t) s[t] = pool[pick[t]];
    const CiResult r = fisher_z_test(corr, rows, i, j, s);
    ++out.tests;
    if (r.p_value > alpha) {
      found = {i, j, s, r.p_value, false};
      return true;
    }
  } while (l > 0 && next_subset(pick, pool.size()));
  return false;
}

void skeleton(const Eigen::MatrixXd& corr, size_t rows, const Knowledge& k, const PcOptions& o, PcResult& out,
              const RunContext& context) {
  Graph& g = out.pdag;
  const size_t p = g.size();
  for (size_t i = 0; i < p; ++i)
    for (size_t j = i + 1; j < p; ++j) {
      if (k.forbidden[i][j] && k.forbidden[j][i]) {
        out.removed.push_back({i, j, {}, std::numeric_limits<double>::quiet_NaN(), true});
      } else {
        g.add_undirected(i, j);
      }
    }
  for (size_t l = 0; l <= o.max_condition; ++l) {
    context.check();
    std::vector<std::vector<size_t>> adj(p);
    for (size_t i = 0; i < p; ++i) adj[i] = g.neighbours(i);
    bool any_pool = false;
    for (size_t i = 0; i < p; ++i)
      for (size_t j = i + 1; j < p; ++j) {
        if (!g.adjacent(i, j) || k.required[i][j] || k.required[j][i]) continue;
        RemovedEdge found;
        bool gone = false;
        for (size_t side = 0; side < 2 && !gone; ++side) {
          const size_t x = side == 0 ? i : j, y = side == 0 ? j : i;
          std::vector<size_t> pool;
          for (size_t v : adj[x])
            if (v != y) pool.push_back(v);
          any_pool = any_pool || pool.size() >= l;
          gone = separate(corr, rows, i, j, pool, l, o.alpha, out, found);
        }
        if (gone) {
          g.remove(i, j);
          out.removed.push_back(found);
        }
      }
    out.levels = l;
    if (!any_pool) break;
  }
}

// Orients i → j when the edge is still undirected and i → j is not forbidden.
void orient_if_allowed(Graph& g, const Knowledge& k, size_t i, size_t j) {
  if (g.undirected(i, j) && !k.forbidden[i][j]) g.add_directed(i, j);
}

void orient(const Knowledge& k, PcResult& out) {
  Graph& g = out.pdag;
  const size_t p = g.size();
  for (size_t a = 0; a < p; ++a)
    for (size_t b = 0; b < p; ++b) {
      if (k.required[a][b]) g.add_directed(a, b);
      // One direction forbidden: the edge can only point the other way.
      if (k.forbidden[a][b] && !k.forbidden[b][a] && g.undirected(a, b)) g.add_directed(b, a);
    }
  // Separating sets by pair; v-structures only over pairs a test separated.
  std::vector<const RemovedEdge*> sep(p * p, nullptr);
  for (const auto& r : out.removed)
    if (!r.forbidden) sep[r.a * p + r.b] = sep[r.b * p + r.a] = &r;
  for (size_t m = 0; m < p; ++m) {
    const auto nb = g.neighbours(m);
    for (size_t x = 0; x < nb.size(); ++x)
      for (size_t y = x + 1; y < nb.size(); ++y) {
        const size_t a = nb[x], b = nb[y];
        const RemovedEdge* r = sep[a * p + b];
        if (g.adjacent(a, b) || !r) continue;
        bool in_sep = false;
        for (size_t v : r->separating_set) in_sep = in_sep || v == m;
        if (in_sep) continue;
        orient_if_allowed(g, k, a, m);
        orient_if_allowed(g, k, b, m);
      }
  }
  apply_meek_rules(g, k.forbidden);
}

}  // namespace

PcResult pc_stable(const Eigen::MatrixXd& corr, size_t rows, const std::vector<std::string>& names,
                   const PcOptions& options, const RunContext& context) {
  if (!(options.alpha > 0 && options.alpha < 1)) throw ConfigError("causal graph: alpha must be in (0, 1)");
  const Knowledge k = index_knowledge(names, options);
  PcResult out;
  out.pdag = Graph(names);
  skeleton(corr, rows, k, options, out, context);
  context.check();
  orient(k, out);
  // Expert orientations can contradict the data's v-structures; say which edges then close a cycle.
  if (auto c = find_directed_cycle(out.pdag))
    throw ConfigError("causal graph: the expert edges and the directions the data imply form a cycle: " +
                      cycle_text(out.pdag, *c) + "; drop or reverse one of these required or forbidden edges");
  return out;
}

}  // namespace incrementa::causal_graph
