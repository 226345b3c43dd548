#include "learn/hist_tree.hpp"

#include <algorithm>
#include <limits>

#include "core/parallel.hpp"

namespace incrementa {

namespace {

struct HBin {
  double g = 0, h = 0, n = 0;  // n: a row count (exact in a double)
};

// Rows per histogram chunk: a node with more rows sums each feature in chunks
// of this many rows (in parallel) and folds the chunks in order. Fixed, so the
// sums do not depend on the thread count.
constexpr size_t kRowChunk = 8192;
// Below this much work (rows x features) a parallel_for costs more than it
// saves (threads are started per call); the serial path gives the same bits.
constexpr size_t kParallelWork = 1u << 16;

void run(size_t n, bool parallel, const std::function<void(size_t, size_t)>& body) {
  if (parallel)
    parallel_for(n, 1, body);
  else
    body(0, n);
}

struct Candidate {
  double gain = -std::numeric_limits<double>::infinity();
  int32_t feature = -1;
  uint8_t bin = 0;
  double gl = 0, hl = 0, nl = 0;
};

struct Leaf {
  int32_t node;
  size_t begin, end, depth;
  double g, h, n;
  std::vector<HBin> hist;
  Candidate best;
};

class Grower {
 public:
  Grower(const FeatureBins& bins, const std::vector<double>& gh, const std::vector<uint32_t>& features,
         const TreeParams& p)
      : bins_(bins), gh_(gh), features_(features), p_(p) {
    offset_.resize(bins.features + 1, 0);
    for (size_t f = 0; f < bins.features; ++f) offset_[f + 1] = offset_[f] + bins.bins(f);
  }

  GrownTree grow(std::vector<uint32_t> rows) {
    GrownTree out;
    out.rows = std::move(rows);
    out.tree.nodes.emplace_back();
    std::vector<Leaf> leaves;
    {
      Leaf root{0, 0, out.rows.size(), 0, 0, 0, 0, {}, {}};
      root.hist.assign(offset_.back(), HBin{});
      build(out.rows.data(), out.rows.size(), root.hist.data());
      if (!features_.empty()) {
        const size_t f = features_[0];
        for (size_t b = offset_[f]; b < offset_[f + 1]; ++b) {
          root.g += root.hist[b].g;
          root.h += root.hist[b].h;
          root.n += root.hist[b].n;
        }
      } else {
        for (uint32_t r : out.rows) root.g += gh_[2 * r], root.h += gh_[2 * r + 1], root.n += 1;
      }
      evaluate(root);
      leaves.push_back(std::move(root));
    }
    std::vector<uint32_t> tmp;
    while (leaves.size() < p_.max_leaves) {
      // The leaf with the best gain; ties to the lowest node id (created first).
      size_t pick = leaves.size();
      for (size_t i = 0; i < leaves.size(); ++i) {
        if (leaves[i].best.feature < 0) continue;
        if (pick == leaves.size() || leaves[i].best.gain > leaves[pick].best.gain ||
            (leaves[i].best.gain == leaves[pick].best.gain && leaves[i].node < leaves[pick].node))
          pick = i;
      }
      if (pick == leaves.size()) break;
      Leaf parent = std::move(leaves[pick]);
      const Candidate c = parent.best;
      // Stable partition of the parent's rows: left (code <= bin), then right.
      const uint8_t* col = bins_.column(static_cast<size_t>(c.feature));
      uint32_t* seg = out.rows.data() + parent.begin;
      const size_t m = parent.end - parent.begin;
      tmp.clear();
      size_t nl = 0;
      for (size_t k = 0; k < m; ++k) {
        const uint32_t r = seg[k];
        if (col[r] <= c.bin)
          seg[nl++] = r;
        else
          tmp.push_back(r);
      }
      std::copy(tmp.begin(), tmp.end(), seg + nl);

      auto& nodes = out.tree.nodes;
      const int32_t li = static_cast<int32_t>(nodes.size()), ri = li + 1;
      nodes[static_cast<size_t>(parent.node)].feature = c.feature;
      nodes[static_cast<size_t>(parent.node)].bin = c.bin;
      nodes[static_cast<size_t>(parent.node)].left = li;
      nodes[static_cast<size_t>(parent.node)].right = ri;
      nodes.emplace_back();
      nodes.emplace_back();

      Leaf left{li, parent.begin, parent.begin + nl, parent.depth + 1, c.gl, c.hl, c.nl, {}, {}};
      Leaf right{ri, parent.begin + nl, parent.end, parent.depth + 1, parent.g - c.gl, parent.h - c.hl,
                 parent.n - c.nl, {}, {}};
      const bool left_small = nl <= m - nl;
      Leaf& small = left_small ? left : right;
      Leaf& large = left_small ? right : left;
      if (splittable(small) || splittable(large)) {
        small.hist.assign(offset_.back(), HBin{});
        build(out.rows.data() + small.begin, small.end - small.begin, small.hist.data());
        large.hist = std::move(parent.hist);
        for (uint32_t f : features_)
          for (size_t b = offset_[f]; b < offset_[f + 1]; ++b) {
            large.hist[b].g -= small.hist[b].g;
            large.hist[b].h -= small.hist[b].h;
            large.hist[b].n -= small.hist[b].n;
          }
        evaluate(left);
        evaluate(right);
      }
      leaves[pick] = std::move(left);
      leaves.push_back(std::move(right));
    }
    for (auto& l : leaves) {
      const double denom = l.h + p_.lambda;
      out.tree.nodes[static_cast<size_t>(l.node)].value = denom > 0 ? -p_.learning_rate * l.g / denom : 0.0;
      out.leaves.push_back({l.node, l.begin, l.end});
    }
    return out;
  }

 private:
  bool splittable(const Leaf& l) const {
    return (p_.max_depth == 0 || l.depth < p_.max_depth) && l.n >= 2.0 * static_cast<double>(p_.min_rows_leaf) &&
           l.end - l.begin >= 2;
  }

  // Histograms of the selected features over rows[0, m), into out (laid out by offset_).
  void build(const uint32_t* rows, size_t m, HBin* out) {
    const size_t nf = features_.size();
    const bool parallel = m * nf >= kParallelWork;
    // "Ordered gradients": the node's (g, h) gathered once into row order, so each feature's pass reads
    // them sequentially (only the one-byte codes are read at random). Same values, same order of sums.
    // Serial (a copy, cheap next to the histograms): one parallel_for per node keeps thread start-ups few.
    ordered_.resize(2 * m);
    for (size_t k = 0; k < m; ++k) {
      ordered_[2 * k] = gh_[2 * static_cast<size_t>(rows[k])];
      ordered_[2 * k + 1] = gh_[2 * static_cast<size_t>(rows[k]) + 1];
    }
    auto accumulate = [&](size_t f, size_t b, size_t e, HBin* dst) {
      std::fill(dst, dst + (offset_[f + 1] - offset_[f]), HBin{});
      const uint8_t* col = bins_.column(f);
      const double* og = ordered_.data();
      for (size_t k = b; k < e; ++k) {
        HBin& d = dst[col[rows[k]]];
        d.g += og[2 * k];
        d.h += og[2 * k + 1];
        d.n += 1;
      }
    };
    const size_t chunks = (m + kRowChunk - 1) / kRowChunk;
    if (chunks <= 1) {
      run(nf, parallel, [&](size_t a, size_t z) {
        for (size_t j = a; j < z; ++j) accumulate(features_[j], 0, m, out + offset_[features_[j]]);
      });
      return;
    }
    const size_t total = offset_.back();
    scratch_.resize(chunks * total);
    run(nf * chunks, parallel, [&](size_t a, size_t z) {
      for (size_t t = a; t < z; ++t) {
        const size_t f = features_[t / chunks], c = t % chunks;
        accumulate(f, c * kRowChunk, std::min(m, (c + 1) * kRowChunk), scratch_.data() + c * total + offset_[f]);
      }
    });
    // Fold the chunks in chunk order (serial: bins x chunks additions, small).
    {
      for (size_t j = 0; j < nf; ++j) {
        const size_t f = features_[j];
        for (size_t b = offset_[f]; b < offset_[f + 1]; ++b) {
          HBin s = scratch_[b];
          for (size_t c = 1; c < chunks; ++c) {
            const HBin& x = scratch_[c * total + b];
            s.g += x.g;
            s.h += x.h;
            s.n += x.n;
          }
          out[b] = s;
        }
      }
    }
  }

  // The best split of a leaf over the selected features (none if it may not split).
  void evaluate(Leaf& l) const {
    l.best = Candidate{};
    if (!splittable(l)) {
      l.hist.clear();
      l.hist.shrink_to_fit();
      return;
    }
    const double lambda = p_.lambda, min_n = static_cast<double>(p_.min_rows_leaf);
    const double parent_score = l.g * l.g / (l.h + lambda);
    for (uint32_t f : features_) {
      const size_t nb = bins_.bins(f);
      const HBin* hist = l.hist.data() + offset_[f];
      double gl = 0, hl = 0, nl = 0;
      for (size_t b = 0; b + 1 < nb; ++b) {
        gl += hist[b].g;
        hl += hist[b].h;
        nl += hist[b].n;
        const double nr = l.n - nl;
        if (nl < min_n) continue;
        if (nr < min_n) break;
        const double hr = l.h - hl, gr = l.g - gl;
        if (hl < p_.min_hessian || hr < p_.min_hessian) continue;
        const double gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent_score;
        if (gain > p_.min_gain && gain > l.best.gain) {
          l.best.gain = gain;
          l.best.feature = static_cast<int32_t>(f);
          l.best.bin = static_cast<uint8_t>(b);
          l.best.gl = gl;
          l.best.hl = hl;
          l.best.nl = nl;
        }
      }
    }
  }

  const FeatureBins& bins_;
  const std::vector<double>& gh_;
  const std::vector<uint32_t>& features_;
  const TreeParams& p_;
  std::vector<size_t> offset_;
  std::vector<HBin> scratch_;
  std::vector<double> ordered_;
};

}  // namespace

GrownTree grow_tree(const FeatureBins& bins, const std::vector<double>& gh, std::vector<uint32_t> rows,
                    const std::vector<uint32_t>& features, const TreeParams& params) {
  Grower g(bins, gh, features, params);
  return g.grow(std::move(rows));
}

}  // namespace incrementa
