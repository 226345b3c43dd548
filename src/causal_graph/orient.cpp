#include "causal_graph/orient.hpp"

namespace incrementa::causal_graph {

namespace {

bool may_orient(const std::vector<std::vector<bool>>& forbidden, size_t i, size_t j) {
  return forbidden.empty() || !forbidden[i][j];
}

// R1: a → b – c, a and c not adjacent: b → c (else a new v-structure a → b ← c).
bool rule1(const Graph& g, size_t b, size_t c) {
  for (size_t a = 0; a < g.size(); ++a)
    if (a != c && g.directed(a, b) && !g.adjacent(a, c)) return true;
  return false;
}

// R2: a → m → c with a – c: a → c (else a cycle).
bool rule2(const Graph& g, size_t a, size_t c) {
  for (size_t m = 0; m < g.size(); ++m)
    if (g.directed(a, m) && g.directed(m, c)) return true;
  return false;
}

// R3: a – c1 → b, a – c2 → b, a – b, c1 and c2 not adjacent: a → b (else R2 or a cycle
// would force c1 → b ← c2 into a contradiction).
bool rule3(const Graph& g, size_t a, size_t b) {
  std::vector<size_t> c;
  for (size_t k = 0; k < g.size(); ++k)
    if (k != a && k != b && g.undirected(a, k) && g.directed(k, b)) c.push_back(k);
  for (size_t x = 0; x < c.size(); ++x)
    for (size_t y = x + 1; y < c.size(); ++y)
      if (!g.adjacent(c[x], c[y])) return true;
  return false;
}

}  // namespace

size_t apply_meek_rules(Graph& g, const std::vector<std::vector<bool>>& forbidden) {
  size_t oriented = 0;
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < g.size(); ++i)
      for (size_t j = 0; j < g.size(); ++j) {
        if (i == j || !g.undirected(i, j) || !may_orient(forbidden, i, j)) continue;
        if (rule1(g, i, j) || rule2(g, i, j) || rule3(g, i, j)) {
          g.add_directed(i, j);
          ++oriented;
          changed = true;
        }
      }
  }
  return oriented;
}

Graph extend_to_dag(const Graph& pdag, bool* consistent, const std::vector<size_t>& sinks_first) {
  Graph work = pdag, dag = pdag;
  std::vector<bool> removed(pdag.size(), false);
  size_t left = pdag.size();
  bool ok = true;
  while (left > 0) {
    size_t pick = pdag.size();
    std::vector<size_t> candidates = sinks_first;
    for (size_t x = 0; x < pdag.size(); ++x) candidates.push_back(x);
    for (size_t x : candidates) {
      if (pick != pdag.size()) break;
      if (removed[x] || !work.children(x).empty()) continue;
      bool fits = true;
      const auto nb = work.neighbours(x);
      for (size_t y : nb) {
        if (!work.undirected(x, y)) continue;
        for (size_t z : nb)
          if (z != y && !work.adjacent(y, z)) fits = false;
      }
      if (fits) pick = x;
    }
    if (pick == pdag.size()) {
      ok = false;
      break;
    }
    for (size_t y : work.neighbours(pick))
      if (work.undirected(pick, y)) dag.add_directed(y, pick);
    for (size_t y = 0; y < pdag.size(); ++y) work.remove(pick, y);
    removed[pick] = true;
    --left;
  }
  if (!ok) {
    // No consistent extension: orient what is left along a topological order of the directed part.
    Graph directed_only = dag;
    for (size_t i = 0; i < dag.size(); ++i)
      for (size_t j = 0; j < dag.size(); ++j)
        if (dag.undirected(i, j)) directed_only.remove(i, j);
    const auto order = topological_order(directed_only, "the directed edges");
    std::vector<size_t> rank(order.size());
    for (size_t k = 0; k < order.size(); ++k) rank[order[k]] = k;
    for (size_t i = 0; i < dag.size(); ++i)
      for (size_t j = 0; j < dag.size(); ++j)
        if (dag.undirected(i, j)) rank[i] < rank[j] ? dag.add_directed(i, j) : dag.add_directed(j, i);
  }
  if (consistent) *consistent = ok;
  return dag;
}

}  // namespace incrementa::causal_graph
