// Random structural causal models with known graphs, for the causal-graph room
// (discovery against the true graph, augmentation against no augmentation, as
// in Teshima & Sugiyama's random-SCM study). A DAG is drawn Erdős–Rényi over a
// random order of the variables; each variable is a sum of edge mechanisms of
// its parents (linear, or tanh / quadratic / sine) rescaled to unit variance,
// plus Gaussian noise. The target is the last variable of the order (a sink)
// and always has at least one parent.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "causal_graph/graph.hpp"
#include "core/table.hpp"

namespace incrementa {

struct ScmWorld {
  size_t rows = 500;
  size_t variables = 5;          // including the target
  double expected_degree = 2.0;  // expected number of neighbours of a variable
  bool nonlinear = true;
  double noise_sd = 0.5;         // of the non-root variables (roots are N(0, 1))
  uint64_t seed = 1;
};

struct ScmSample {
  Table table;                            // columns x1 .. x{d-1} and y (the target), in that order
  causal_graph::EdgeList edges;           // the true DAG by column names
  std::vector<std::string> names;         // the columns' names
  std::string target = "y";
};

ScmSample simulate_scm(const ScmWorld& world);

}  // namespace incrementa
