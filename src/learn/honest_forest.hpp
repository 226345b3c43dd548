// The tree engine shared by the regression forest (a base learner, and the
// causal forest's nuisance models) and the causal forest, in the manner of grf
// (Athey, Tibshirani & Wager 2019):
//   - each tree draws a subsample without replacement (sample_fraction of the
//     rows); with ci_group_size = L > 1, L trees share one half-sample (a
//     "little bag"), which the causal forest's variance estimate needs;
//   - honesty: a tree splits on one part of its subsample and fills its leaves
//     from the other part, so a leaf's average never saw the rows that chose it;
//   - the split search runs over quantile bins (learn/feature_bins.hpp), from
//     per-bin sums of a few moments, instead of over sorted values;
//   - regression trees split to separate the mean of y; causal trees relabel
//     each row by its influence on the node's effect estimate,
//       rho_i = (w_i - w_bar)(y_i - y_bar - tau (w_i - w_bar)),
//     with y, w already centred by out-of-bag nuisance estimates, and split to
//     separate the mean of rho. rho is linear in (1, y, w, wy, ww), so bin sums
//     of those five moments give every candidate split's sums exactly.
// Trees are grown in parallel, each from its own random stream: the forest is
// the same at any thread count. All threads read one copy of the data.
#pragma once
#include <cstdint>
#include <vector>

#include "core/run_context.hpp"
#include "learn/feature_bins.hpp"

namespace incrementa {

struct ForestOptions {
  size_t trees = 100;
  double sample_fraction = 0.5;  // of the rows, per tree (of the half-sample's size x 2 with ci groups)
  bool honesty = true;
  double honesty_fraction = 0.5;  // share of a tree's subsample used to choose splits
  size_t min_node_size = 5;       // a node with at most this many splitting rows becomes a leaf
  size_t mtry = 0;                // features tried per split; 0: min(ceil(sqrt(p) + 20), p) as in grf
  double alpha = 0.05;            // each child keeps this share of its parent (rows; treatment variance too)
  size_t ci_group_size = 1;       // trees per half-sample; 2 or more for variance estimates
  uint64_t seed = 1;
};

struct ForestNode {
  int32_t feature = -1;  // -1: a leaf
  uint8_t bin = 0;       // go left when the row's bin code <= bin
  int32_t left = -1, right = -1;
  int32_t leaf = -1;  // a leaf's slot in leaf_stats; -1: no estimation rows reached it (skipped)
};

struct ForestTree {
  std::vector<ForestNode> nodes;
  std::vector<double> leaf_stats;  // leaf_width() averages per leaf slot
};

class HonestForest {
 public:
  enum class Kind { Regression, Causal };
  // Per leaf: Regression [mean y] (weighted); Causal [mean y, mean w, mean wy, mean ww].
  static size_t leaf_width(Kind kind) { return kind == Kind::Regression ? 1 : 4; }

  // y: target (causal: centred outcome); w: causal only, the centred treatment; weight: regression only,
  // sample weights (nullptr = 1). All indexed by training row, rows = bins.rows.
  void grow(Kind kind, const FeatureBins& bins, const double* y, const double* w, const double* weight,
            const ForestOptions& options, const RunContext* context = nullptr);

  Kind kind() const { return kind_; }
  size_t tree_count() const { return trees_.size(); }
  size_t group_size() const { return group_size_; }
  size_t width() const { return leaf_width(kind_); }
  // Whether training row `row` was in tree t's subsample (so not out of bag).
  bool in_sample(size_t tree, size_t row) const {
    const auto& bits = in_sample_[tree / group_size_];
    return (bits[row >> 6] >> (row & 63)) & 1u;
  }
  // Leaf stats of the leaf that the row with bin codes `codes` (column-major, `rows` rows) reaches in tree t,
  // or nullptr when that leaf is empty.
  const double* leaf(size_t tree, const uint8_t* codes, size_t rows, size_t row) const {
    const ForestTree& t = trees_[tree];
    int32_t k = 0;
    for (;;) {
      const ForestNode& nd = t.nodes[static_cast<size_t>(k)];
      if (nd.feature < 0) return nd.leaf < 0 ? nullptr : t.leaf_stats.data() + static_cast<size_t>(nd.leaf) * width();
      k = codes[static_cast<size_t>(nd.feature) * rows + row] <= nd.bin ? nd.left : nd.right;
    }
  }
  // Leaf stats of rows [begin, end) in every tree, visited tree by tree so that a tree's nodes stay in cache
  // across the block: out[(i - begin) * tree_count() + t], nullptr where use(t, i) is false or the leaf is empty.
  template <class Use>
  void block_leaves(const uint8_t* codes, size_t rows, size_t begin, size_t end, Use use,
                    std::vector<const double*>& out) const {
    const size_t trees = trees_.size();
    out.assign((end - begin) * trees, nullptr);
    for (size_t t = 0; t < trees; ++t)
      for (size_t i = begin; i < end; ++i)
        if (use(t, i)) out[(i - begin) * trees + t] = leaf(t, codes, rows, i);
  }
  size_t node_count() const;
  size_t memory_bytes() const;  // trees and in-sample bitsets

 private:
  Kind kind_ = Kind::Regression;
  size_t group_size_ = 1;
  std::vector<ForestTree> trees_;
  std::vector<std::vector<uint64_t>> in_sample_;  // one bitset per group of trees
};

}  // namespace incrementa
