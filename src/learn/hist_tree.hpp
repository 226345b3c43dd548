// One regression tree grown on gradient/hessian histograms over binned
// features (the LightGBM / HistGradientBoosting step): leaf-wise growth (best
// gain first), a split "bin <= b" per node, L2-regularised Newton leaf values,
// and the histogram subtraction trick (build the smaller child's histogram,
// subtract it from the parent's for the larger one).
//
// Deterministic: each feature's histogram is summed in row order, in fixed
// row chunks (boundaries depend on the node's size only) folded in chunk order;
// ties between candidate splits go to the lowest feature, then the lowest bin,
// and between leaves to the one created first. So the tree is the same bits at
// any thread count, natively and in WASM.
#pragma once
#include <cstdint>
#include <vector>

#include "learn/feature_bins.hpp"

namespace incrementa {

struct GradTree {
  struct Node {
    int32_t feature = -1;  // -1: a leaf
    uint8_t bin = 0;       // rows with code <= bin go left
    int32_t left = -1, right = -1;
    double value = 0;      // a leaf's output (already times the learning rate)
  };
  std::vector<Node> nodes;  // nodes[0] is the root

  // codes: column-major, `rows` rows (codes[f * rows + i]).
  double predict(const uint8_t* codes, size_t rows, size_t i) const {
    int32_t k = 0;
    while (nodes[static_cast<size_t>(k)].feature >= 0) {
      const Node& n = nodes[static_cast<size_t>(k)];
      k = codes[static_cast<size_t>(n.feature) * rows + i] <= n.bin ? n.left : n.right;
    }
    return nodes[static_cast<size_t>(k)].value;
  }
  size_t leaves() const {
    size_t c = 0;
    for (const auto& n : nodes) c += n.feature < 0 ? 1 : 0;
    return c;
  }
};

struct TreeParams {
  size_t max_leaves = 31;
  size_t max_depth = 0;       // 0: no limit (max_leaves bounds the tree)
  size_t min_rows_leaf = 20;  // rows (with positive weight) in each child
  double lambda = 1.0;        // L2 penalty on leaf values
  double min_hessian = 1e-3;  // hessian sum in each child
  double min_gain = 0.0;      // a split must improve the objective by more than this
  double learning_rate = 0.1; // multiplies leaf values
};

struct GrownTree {
  GradTree tree;
  // `rows` permuted so each leaf's rows are one segment (in ascending order within it).
  std::vector<uint32_t> rows;
  struct Segment {
    int32_t node;
    size_t begin, end;
  };
  std::vector<Segment> leaves;
};

// Grows one tree on the rows listed in `rows` (indices into `bins`, ascending),
// with gh[2*i] the gradient and gh[2*i+1] the hessian of row i, splitting only
// on `features` (ascending).
GrownTree grow_tree(const FeatureBins& bins, const std::vector<double>& gh, std::vector<uint32_t> rows,
                    const std::vector<uint32_t>& features, const TreeParams& params);

}  // namespace incrementa
