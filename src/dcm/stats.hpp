// Sufficient statistics of a DCM panel: for every target period t >= L, the
// Gram matrix G_t = sum over customers of z z' for the row
//   z = [1, X0 (F), lag 1..L of the K surrogates, current values of the K surrogates and the outcome].
// Every equation's X'X, X'y, y'y, n and sum(y) are sub-blocks of G_t (ES
// equations use a smaller design than the others, pooled fits combine the
// G_t with period dummies), so one pass over customers serves them all.
// Grams add up: over customer blocks (threads), shards, or bootstrap buckets.
//
// Accumulation is blocked: a block of up to 512 customers' rows z is written
// into a matrix Z and G_t gets the symmetric rank update Z'Z (Eigen's
// selfadjointView().rankUpdate, a SYRK: half the flops of a GEMM, none of the
// per-row outer products). All customers are split into a fixed number of
// shards (independent of the thread count) processed block by block and
// folded in shard order: identical bits at any thread count, and memory for
// kStatsShards partial statistics, not one per block.
#pragma once
#include <Eigen/Dense>
#include <algorithm>
#include <vector>

#include "core/parallel.hpp"
#include "dcm/panel.hpp"

namespace incrementa::dcm {

struct PanelStats {
  size_t D = 0;                       // length of z
  std::vector<Eigen::MatrixXd> gram;  // one per target period t = L..T-1

  void add(const PanelStats& o);
  void add_scaled(const PanelStats& o, double w);
};

constexpr size_t kCustomerBlock = 512;
constexpr size_t kStatsShards = 8;

// A block of customers from any source (a panel, a generator, a reader):
// values[(i * periods + t) * vars + v] and x0[i * features + f] for i < count.
struct CustomerBlock {
  size_t count = 0, periods = 0, vars = 0, features = 0;
  const double* values = nullptr;
  const double* x0 = nullptr;
};

// Dimension of z.
size_t stats_dim(const Panel& p, size_t lags);
size_t stats_dim(size_t vars, size_t features, size_t lags);
// s += the statistics of the block (s is sized on first use).
void add_block_stats(PanelStats& s, const CustomerBlock& block, size_t lags);
// Statistics of the customers listed (in that order).
PanelStats customer_stats(const Panel& p, size_t lags, const size_t* customers, size_t count);
PanelStats customer_stats_range(const Panel& p, size_t lags, size_t begin, size_t end);
// All customers, in fixed shards of blocks (identical bits at any thread count).
PanelStats panel_stats(const Panel& p, size_t lags);

// Customers [0, n) in kStatsShards fixed shards, each walked in blocks of
// kCustomerBlock with add_block(part, begin, end); the shards' parts are then
// folded in shard order with fold(acc, part). Shards run concurrently.
template <class Part, class AddBlock, class Fold>
Part sharded_fold(size_t n, Part init, AddBlock add_block, Fold fold) {
  const size_t shards = std::max<size_t>(1, std::min(kStatsShards, chunk_count(n, kCustomerBlock)));
  std::vector<Part> parts(shards, init);
  parallel_for(shards, 1, [&](size_t s0, size_t s1) {
    for (size_t s = s0; s < s1; ++s) {
      const size_t b = n * s / shards, e = n * (s + 1) / shards;
      for (size_t i = b; i < e; i += kCustomerBlock) add_block(parts[s], i, std::min(e, i + kCustomerBlock));
    }
  });
  for (auto& p : parts) fold(init, p);
  return init;
}

}  // namespace incrementa::dcm
