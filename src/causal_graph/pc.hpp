// PC-stable (Colombo & Maathuis 2014) with expert knowledge: the skeleton by
// Fisher-z tests with conditioning sets growing to `max_condition` (each
// level's tests use the adjacencies at the level's start, so the result does
// not depend on the order of the columns' pairs), then v-structures from the
// separating sets and Meek's rules R1–R3. Required edges are never tested away
// and point the way the expert says; forbidden ones are removed (both ways
// forbidden) or orient the edge the other way (one way forbidden).
#pragma once
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

#include "causal_graph/graph.hpp"
#include "core/run_context.hpp"

namespace incrementa::causal_graph {

struct PcOptions {
  double alpha = 0.05;       // an edge goes when some test's p-value exceeds alpha
  size_t max_condition = 3;  // largest conditioning set tried
  EdgeList required;         // [from, to]: kept and oriented from → to
  EdgeList forbidden;        // [from, to]: from → to may not be in the graph
};

struct RemovedEdge {
  size_t a = 0, b = 0;
  std::vector<size_t> separating_set;
  double p_value = 1;     // of the test that removed it (NaN when forbidden)
  bool forbidden = false; // removed by the expert (both directions forbidden), not by a test
};

struct PcResult {
  Graph pdag;
  std::vector<RemovedEdge> removed;  // in the order of removal
  size_t tests = 0;                  // conditional-independence tests run
  size_t levels = 0;                 // conditioning-set sizes reached
};

// corr: the variables' correlation matrix from `rows` observations. Required
// edges forming a cycle, or an edge both required and forbidden, are ConfigErrors.
PcResult pc_stable(const Eigen::MatrixXd& corr, size_t rows, const std::vector<std::string>& names,
                   const PcOptions& options, const RunContext& context);

}  // namespace incrementa::causal_graph
