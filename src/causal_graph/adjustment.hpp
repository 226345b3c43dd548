// Which variables to adjust for when estimating a channel's effect on the
// outcome: in a DAG the treatment's parents block every back-door path
// (Pearl's parent adjustment), so they are a valid set. From a PDAG the DAG is
// one member of the class (orient.hpp's extension); a treatment with an
// undirected edge has parents that the data alone do not pin down, and the
// result says so rather than pretend. Among the class's DAGs the extension
// prefers one with the outcome as a sink (the outcome caused, not causing).
#pragma once
#include <string>
#include <vector>

#include "causal_graph/graph.hpp"

namespace incrementa::causal_graph {

struct Adjustment {
  size_t treatment = 0, outcome = 0;
  std::vector<size_t> set;    // parents of the treatment in the DAG (without the outcome)
  bool identified = true;     // false: the treatment has undirected edges in the PDAG
  bool outcome_is_parent = false;  // outcome → treatment: the graph says the channel cannot move the outcome
  bool has_directed_path = true;   // treatment ⇝ outcome in the DAG; false: the graph says the effect is zero
};

struct AdjustmentReport {
  Graph dag;                // the DAG the sets are read from
  bool extended = false;    // some undirected edges were oriented to get it
  bool consistent = true;   // the orientation added no v-structure (Dor–Tarsi succeeded)
  std::vector<Adjustment> sets;
};

AdjustmentReport adjustment_sets(const Graph& pdag, const std::vector<size_t>& treatments, size_t outcome);

}  // namespace incrementa::causal_graph
