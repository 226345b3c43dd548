// ADMG data augmentation (Teshima & Sugiyama 2021; for media mix, Poinot &
// Leite 2023): new rows drawn from the factorisation p(x) = Π_v p(x_v | pa(v))
// that the DAG implies, each conditional estimated by a kernel-weighted choice
// among the observed rows. Walking the variables in topological order, a
// partial row takes variable v from donor row j with probability
//   w_j ∝ Π_{p ∈ pa(v)} K_h(current value of p − row j's value of p)
// (Gaussian K on standardised values), and a root takes every row with
// probability 1/n. A point's weight is the product of its choices, scaled so
// the full tree weighs n rows; branches lighter than θ rows are pruned, and at
// most max_points branches are kept at each step (the heaviest).
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "causal_graph/graph.hpp"
#include "core/run_context.hpp"

namespace incrementa::causal_graph {

struct AugmentOptions {
  double theta = 1e-8;      // prune a branch whose weight, in rows, falls below θ (0: the cap alone)
  double bandwidth = 0;     // kernel bandwidth on standardised values; 0 = normal reference rule per variable
  size_t max_points = 20000;
  uint64_t seed = 1;        // breaks ties among equal weights (roots' 1/n) by a seeded hash
};

struct Augmented {
  Eigen::MatrixXd x;        // points × variables, the columns of the data
  Eigen::VectorXd w;        // weight of each point, in rows (sum <= rows)
  size_t pruned = 0;        // branches dropped for weighing less than θ
  size_t capped = 0;        // branches dropped by the max_points cap
  double kept_mass = 0;     // sum of w / rows: the share of the factorised distribution kept
};

// The normal reference bandwidth for a product kernel over q standardised
// parents from n rows: 1.06 n^(-1 / (4 + q)) (Silverman's rule for q = 1).
double reference_bandwidth(size_t rows, size_t parents);

// data: rows × variables in the DAG's node order (the DAG must be acyclic).
// The same bits for a seed at any thread count (no parallel reduction; the
// selection is a total order on (weight, seeded key)).
Augmented admg_augment(const Eigen::MatrixXd& data, const Graph& dag, const AugmentOptions& options,
                       const RunContext& context);

}  // namespace incrementa::causal_graph
