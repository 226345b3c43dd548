// Sufficient statistics of a DCM panel: for every target period t >= L, the
// Gram matrix G_t = sum over customers of z z' for the row
//   z = [1, X0 (F), lag 1..L of the K surrogates, current values of the K surrogates and the outcome].
// Every equation's X'X, X'y, y'y, n and sum(y) are sub-blocks of G_t (ES
// equations use a smaller design than the others, pooled fits combine the
// G_t with period dummies), so one pass over customers serves them all.
// Grams add up: over customer chunks (threads), shards, or bootstrap buckets.
#pragma once
#include <Eigen/Dense>
#include <vector>

#include "dcm/panel.hpp"

namespace incrementa::dcm {

struct PanelStats {
  size_t D = 0;                       // length of z
  std::vector<Eigen::MatrixXd> gram;  // one per target period t = L..T-1

  void add(const PanelStats& o);
  void add_scaled(const PanelStats& o, double w);
};

// Dimension of z for a panel.
size_t stats_dim(const Panel& p, size_t lags);
// Statistics of the customers listed (in that order).
PanelStats customer_stats(const Panel& p, size_t lags, const size_t* customers, size_t count);
PanelStats customer_stats_range(const Panel& p, size_t lags, size_t begin, size_t end);
// All customers, accumulated over fixed customer chunks with parallel_map_reduce
// (identical bits at any thread count).
PanelStats panel_stats(const Panel& p, size_t lags);

}  // namespace incrementa::dcm
