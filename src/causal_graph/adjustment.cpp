#include "causal_graph/adjustment.hpp"

#include "causal_graph/orient.hpp"

namespace incrementa::causal_graph {

namespace {

bool reaches(const Graph& g, size_t from, size_t to) {
  std::vector<bool> seen(g.size(), false);
  std::vector<size_t> stack{from};
  seen[from] = true;
  while (!stack.empty()) {
    const size_t v = stack.back();
    stack.pop_back();
    if (v == to) return true;
    for (size_t w : g.children(v))
      if (!seen[w]) seen[w] = true, stack.push_back(w);
  }
  return false;
}

}  // namespace

AdjustmentReport adjustment_sets(const Graph& pdag, const std::vector<size_t>& treatments, size_t outcome) {
  AdjustmentReport r;
  for (size_t i = 0; i < pdag.size() && !r.extended; ++i) r.extended = pdag.has_undirected(i);
  r.dag = extend_to_dag(pdag, &r.consistent, {outcome});
  for (size_t t : treatments) {
    Adjustment a;
    a.treatment = t;
    a.outcome = outcome;
    a.identified = !pdag.has_undirected(t);
    for (size_t v : r.dag.parents(t)) {
      if (v == outcome) a.outcome_is_parent = true;
      else a.set.push_back(v);
    }
    a.has_directed_path = reaches(r.dag, t, outcome);
    r.sets.push_back(a);
  }
  return r;
}

}  // namespace incrementa::causal_graph
