// Orientation steps shared by discovery and adjustment: Meek's rules R1–R3
// (they orient what every DAG of the equivalence class agrees on, without new
// v-structures or cycles) and the extension of a PDAG to one DAG of its class
// (Dor & Tarsi 1992), which the adjustment step needs when edges stay undirected.
#pragma once
#include <vector>

#include "causal_graph/graph.hpp"

namespace incrementa::causal_graph {

// forbidden[i][j]: the rules must not orient i → j (an expert's forbidden edge).
// An empty matrix allows everything. Returns the number of edges oriented.
size_t apply_meek_rules(Graph& g, const std::vector<std::vector<bool>>& forbidden = {});

// A DAG in the PDAG's class: Dor–Tarsi (repeatedly take a node with no
// outgoing directed edge whose undirected neighbours are adjacent to all its
// other neighbours, and point those edges at it). When no such node exists (the
// PDAG has no consistent extension, which expert edges can cause) the rest is
// oriented along a topological order of the directed part. `consistent` says
// which happened. Nodes in `sinks_first` are tried first at every round (the
// outcome: among the class's DAGs, prefer one where sales are caused, not causes).
Graph extend_to_dag(const Graph& pdag, bool* consistent = nullptr, const std::vector<size_t>& sinks_first = {});

}  // namespace incrementa::causal_graph
