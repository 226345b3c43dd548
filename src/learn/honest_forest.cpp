#include "learn/honest_forest.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"

namespace incrementa {

namespace {

// Sums over a set of rows. Regression: n = rows, y = sum weight*y, w = sum weight.
// Causal: n = rows, y, w, wy, ww = sums of y, w, w*y, w*w.
struct Moments {
  double n = 0, y = 0, w = 0, wy = 0, ww = 0;
  double low = 0;  // causal: rows whose w lies below the node's mean w
  void operator+=(const Moments& o) { n += o.n, y += o.y, w += o.w, wy += o.wy, ww += o.ww, low += o.low; }
  Moments operator-(const Moments& o) const {
    return {n - o.n, y - o.y, w - o.w, wy - o.wy, ww - o.ww, low - o.low};
  }
};

// Poisson(mean) by multiplying uniforms (Knuth); means here are at most a few dozen. Our own draw: the
// standard library's differs between libstdc++ and libc++.
size_t poisson(Rng& rng, double mean) {
  if (mean <= 0) return 0;
  const double limit = std::exp(-mean);
  size_t k = 0;
  for (double prod = rng.uniform(); prod > limit; prod *= rng.uniform()) ++k;
  return k;
}

struct Candidate {
  double score = 0;
  int feature = -1;
  int bin = 0;
};

// Grows one tree. One per task; its buffers are reused across the task's nodes.
class TreeGrower {
 public:
  TreeGrower(HonestForest::Kind kind, const FeatureBins& bins, const double* y, const double* w,
             const double* weight, const ForestOptions& o, size_t mtry)
      : kind_(kind), bins_(bins), y_(y), w_(w), weight_(weight), o_(o), mtry_(mtry) {
    hist_.resize(256);
    feats_.resize(bins.features);
  }

  ForestTree grow(std::vector<uint32_t> split_rows, const std::vector<uint32_t>& estimation_rows, Rng& rng) {
    ForestTree tree;
    tree.nodes.emplace_back();
    std::vector<uint32_t>& rows = split_rows;
    tmp_.resize(rows.size());
    struct Pending {
      int32_t node;
      size_t begin, end;
    };
    std::vector<Pending> stack{{0, 0, rows.size()}};
    int32_t leaves = 0;
    while (!stack.empty()) {
      const Pending p = stack.back();
      stack.pop_back();
      const Candidate c = best_split(rows.data() + p.begin, p.end - p.begin, rng);
      if (c.feature < 0) {
        tree.nodes[static_cast<size_t>(p.node)].leaf = leaves++;
        continue;
      }
      // Stable partition: left rows (bin <= c.bin) first, both sides keep their order.
      const uint8_t* code = bins_.column(static_cast<size_t>(c.feature));
      size_t nl = 0, nr = 0;
      for (size_t i = p.begin; i < p.end; ++i) {
        const uint32_t r = rows[i];
        if (code[r] <= c.bin) rows[p.begin + nl++] = r;
        else tmp_[nr++] = r;
      }
      std::copy(tmp_.begin(), tmp_.begin() + static_cast<std::ptrdiff_t>(nr), rows.begin() + static_cast<std::ptrdiff_t>(p.begin + nl));
      const int32_t left = static_cast<int32_t>(tree.nodes.size());
      tree.nodes.emplace_back();
      tree.nodes.emplace_back();
      ForestNode& nd = tree.nodes[static_cast<size_t>(p.node)];
      nd.feature = c.feature;
      nd.bin = static_cast<uint8_t>(c.bin);
      nd.left = left;
      nd.right = left + 1;
      stack.push_back({left + 1, p.begin + nl, p.end});
      stack.push_back({left, p.begin, p.begin + nl});
    }
    fill_leaves(tree, static_cast<size_t>(leaves), estimation_rows);
    // The vectors grew by doubling; a forest keeps hundreds of trees, so give the slack back.
    tree.nodes.shrink_to_fit();
    tree.leaf_stats.shrink_to_fit();
    return tree;
  }

 private:
  // One row's moments; `low` is set per node (it depends on the node's mean w).
  Moments row(uint32_t r) const {
    if (kind_ == HonestForest::Kind::Regression) {
      const double wt = weight_ ? weight_[r] : 1.0;
      return {1.0, wt * y_[r], wt, 0, 0, 0};
    }
    return {1.0, y_[r], w_[r], w_[r] * y_[r], w_[r] * w_[r], 0};
  }

  // The split of rows[0..m) with the largest criterion, or feature -1 for a leaf.
  Candidate best_split(const uint32_t* rows, size_t m, Rng& rng) {
    Candidate best;
    if (m <= o_.min_node_size || m < 2) return best;
    // Each row's moments, gathered once per node in the node's row order: the per-feature passes below read
    // them in sequence instead of from scattered rows.
    node_moments_.resize(m);
    Moments total;
    for (size_t i = 0; i < m; ++i) {
      node_moments_[i] = row(rows[i]);
      total += node_moments_[i];
    }
    const size_t min_child = std::max<size_t>(1, static_cast<size_t>(std::ceil(o_.alpha * static_cast<double>(m))));
    // Node constants of the relabelling.
    double mean = 0, ybar = 0, wbar = 0, tau = 0, var_w = 0;
    if (kind_ == HonestForest::Kind::Regression) {
      if (!(total.w > 0)) return best;
      mean = total.y / total.w;
    } else {
      ybar = total.y / total.n;
      wbar = total.w / total.n;
      var_w = total.ww - total.n * wbar * wbar;
      if (!(var_w > 1e-12 * total.n)) return best;  // no treatment variation left: nothing to split on
      tau = (total.wy - total.n * wbar * ybar) / var_w;
      // Which rows lie below the node's mean w, for the children's balance rule (in the total too, so that
      // the right child's count, total - left, is of the same rows).
      total.low = 0;
      for (auto& mom : node_moments_) {
        mom.low = mom.w < wbar ? 1.0 : 0.0;
        total.low += mom.low;
      }
    }
    auto score = [&](const Moments& left) -> double {
      const Moments right = total - left;
      if (left.n < static_cast<double>(min_child) || right.n < static_cast<double>(min_child)) return -1;
      if (kind_ == HonestForest::Kind::Regression) {
        if (!(left.w > 0 && right.w > 0)) return -1;
        const double r = left.y - left.w * mean;
        return r * r * (1 / left.w + 1 / right.w);
      }
      // Each child keeps min_node_size rows on either side of the parent's mean w (in a randomised trial:
      // treated and control rows), and a share alpha of the parent's treatment variation.
      const double least = static_cast<double>(o_.min_node_size);
      if (left.low < least || left.n - left.low < least || right.low < least || right.n - right.low < least) return -1;
      const double var_l = left.ww - left.w * left.w / left.n, var_r = right.ww - right.w * right.w / right.n;
      if (var_l < o_.alpha * var_w || var_r < o_.alpha * var_w) return -1;
      const double r = (left.wy - ybar * left.w - wbar * left.y + left.n * wbar * ybar) -
                       tau * (left.ww - 2 * wbar * left.w + left.n * wbar * wbar);
      return r * r * (1 / left.n + 1 / right.n);
    };

    // Candidate features: 1 + Poisson(mtry - 1) of them (at most all), drawn without replacement, as grf
    // does after Denil, Matheson & de Freitas (2014): the varying count decorrelates the trees.
    const size_t p = bins_.features;
    for (size_t f = 0; f < p; ++f) feats_[f] = f;
    const size_t tries = std::min(p, 1 + poisson(rng, static_cast<double>(mtry_ - 1)));
    if (tries < p)
      for (size_t j = 0; j < tries; ++j) std::swap(feats_[j], feats_[j + rng.uniform_int(p - j)]);

    for (size_t j = 0; j < tries; ++j) {
      const size_t f = feats_[j];
      const uint8_t* code = bins_.column(f);
      const size_t nb = bins_.bins(f);
      if (nb < 2) continue;
      // Per-bin sums over the node's rows, and a bitmask of the bins they touch; the set bits are then read in
      // ascending order, so the scan costs O(rows + touched bins) and only touched bins are cleared again.
      uint64_t touched[4] = {0, 0, 0, 0};
      for (size_t i = 0; i < m; ++i) {
        const uint8_t b = code[rows[i]];
        hist_[b] += node_moments_[i];
        touched[b >> 6] |= uint64_t{1} << (b & 63);
      }
      Moments left;
      for (int word = 0; word < 4; ++word) {
        for (uint64_t bits = touched[word]; bits; bits &= bits - 1) {
          const int b = word * 64 + __builtin_ctzll(bits);
          left += hist_[static_cast<size_t>(b)];
          hist_[static_cast<size_t>(b)] = Moments{};
          if (left.n >= total.n) continue;  // the last touched bin: nothing right of it
          const double s = score(left);
          if (s > best.score) best = {s, static_cast<int>(f), b};
        }
      }
    }
    return best;
  }

  // Honest leaves: averages over the estimation rows that reach each leaf.
  void fill_leaves(ForestTree& tree, size_t leaves, const std::vector<uint32_t>& estimation_rows) {
    std::vector<Moments> sums(leaves);
    std::vector<int32_t> leaf_node;  // node index of each leaf slot, for the compaction below
    for (uint32_t r : estimation_rows) {
      int32_t k = 0;
      for (;;) {
        const ForestNode& nd = tree.nodes[static_cast<size_t>(k)];
        if (nd.feature < 0) break;
        k = bins_.column(static_cast<size_t>(nd.feature))[r] <= nd.bin ? nd.left : nd.right;
      }
      sums[static_cast<size_t>(tree.nodes[static_cast<size_t>(k)].leaf)] += row(r);
    }
    const size_t width = HonestForest::leaf_width(kind_);
    std::vector<int32_t> slot(leaves, -1);
    for (size_t l = 0; l < leaves; ++l) {
      const Moments& s = sums[l];
      if (kind_ == HonestForest::Kind::Regression) {
        if (!(s.w > 0)) continue;
        slot[l] = static_cast<int32_t>(tree.leaf_stats.size() / width);
        tree.leaf_stats.push_back(s.y / s.w);
      } else {
        if (s.n == 0) continue;
        slot[l] = static_cast<int32_t>(tree.leaf_stats.size() / width);
        tree.leaf_stats.insert(tree.leaf_stats.end(), {s.y / s.n, s.w / s.n, s.wy / s.n, s.ww / s.n});
      }
    }
    for (auto& nd : tree.nodes)
      if (nd.feature < 0) nd.leaf = slot[static_cast<size_t>(nd.leaf)];
  }

  HonestForest::Kind kind_;
  const FeatureBins& bins_;
  const double *y_, *w_, *weight_;
  const ForestOptions& o_;
  size_t mtry_;
  std::vector<Moments> hist_, node_moments_;
  std::vector<uint32_t> tmp_;
  std::vector<size_t> feats_;
};

// Rows as a bitmask over [0, n): kept in ascending order without sorting.
struct RowMask {
  std::vector<uint64_t> bits;
  explicit RowMask(size_t n) : bits((n + 63) / 64, 0) {}
  void set(uint32_t r) { bits[r >> 6] |= uint64_t{1} << (r & 63); }
  bool has(uint32_t r) const { return (bits[r >> 6] >> (r & 63)) & 1u; }
  std::vector<uint32_t> rows() const {
    std::vector<uint32_t> out;
    for (size_t w = 0; w < bits.size(); ++w)
      for (uint64_t b = bits[w]; b; b &= b - 1) out.push_back(static_cast<uint32_t>(w * 64 + __builtin_ctzll(b)));
    return out;
  }
};

// k of the indices in `pool` drawn without replacement (a partial Fisher-Yates on a copy), as a mask.
RowMask draw(std::vector<uint32_t> pool, size_t k, size_t n, Rng& rng) {
  k = std::min(k, pool.size());
  RowMask mask(n);
  for (size_t j = 0; j < k; ++j) {
    std::swap(pool[j], pool[j + rng.uniform_int(pool.size() - j)]);
    mask.set(pool[j]);
  }
  return mask;
}

}  // namespace

void HonestForest::grow(Kind kind, const FeatureBins& bins, const double* y, const double* w, const double* weight,
                        const ForestOptions& o, const RunContext* context) {
  const size_t n = bins.rows, p = bins.features;
  if (o.trees == 0) throw ConfigError("a forest needs at least one tree");
  if (!(o.sample_fraction > 0 && o.sample_fraction <= 1)) throw ConfigError("sample_fraction must be in (0, 1]");
  if (o.ci_group_size == 0) throw ConfigError("ci_group_size must be at least 1");
  if (o.ci_group_size > 1 && o.sample_fraction > 0.5)
    throw ConfigError("with ci_group_size > 1 the sample_fraction must be at most 0.5 (trees share half-samples)");
  if (!(o.honesty_fraction > 0 && o.honesty_fraction < 1)) throw ConfigError("honesty_fraction must be in (0, 1)");
  if (!(o.alpha >= 0 && o.alpha < 0.25)) throw ConfigError("alpha must be in [0, 0.25)");
  if (p == 0) throw InputError("a forest needs at least one feature column");
  if (n < 8) throw InputError("a forest needs at least 8 rows; got " + std::to_string(n));
  if (n > 0xFFFFFFFFull) throw InputError("too many rows for a forest");
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(y[i]) || (w && !std::isfinite(w[i])))
      throw InputError("the forest's target has a value that is not finite on row " + std::to_string(i + 1));
    if (weight && !(weight[i] >= 0 && std::isfinite(weight[i])))
      throw InputError("sample weights must be finite and >= 0; row " + std::to_string(i + 1) + " is not");
  }
  kind_ = kind;
  group_size_ = o.ci_group_size;
  const size_t groups = (o.trees + group_size_ - 1) / group_size_;
  trees_.assign(groups * group_size_, ForestTree{});
  in_sample_.assign(groups, std::vector<uint64_t>((n + 63) / 64, 0));
  const size_t mtry = o.mtry ? std::min(o.mtry, p)
                             : std::min(p, static_cast<size_t>(std::ceil(std::sqrt(static_cast<double>(p)) + 20)));
  const Rng base(o.seed);
  std::vector<uint32_t> all(n);
  for (size_t i = 0; i < n; ++i) all[i] = static_cast<uint32_t>(i);

  auto grow_group = [&](size_t g) {
    Rng group_rng = base.split(g);
    // The group's rows: a half-sample shared by its trees, or the tree's own subsample.
    const size_t group_rows = group_size_ > 1 ? n / 2 : static_cast<size_t>(o.sample_fraction * static_cast<double>(n));
    const RowMask group_mask = draw(all, std::max<size_t>(group_rows, 2), n, group_rng);
    in_sample_[g] = group_mask.bits;
    const std::vector<uint32_t> group_sample = group_mask.rows();
    TreeGrower grower(kind, bins, y, w, weight, o, mtry);
    for (size_t l = 0; l < group_size_; ++l) {
      Rng tree_rng = group_rng.split(1 + l);
      // With ci groups a tree takes 2 x sample_fraction of its group's half-sample (all of it at 0.5).
      const size_t take = group_size_ > 1 ? static_cast<size_t>(std::min(1.0, 2 * o.sample_fraction) *
                                                                static_cast<double>(group_sample.size()))
                                          : group_sample.size();
      const std::vector<uint32_t> sample =
          take < group_sample.size() ? draw(group_sample, take, n, tree_rng).rows() : group_sample;
      std::vector<uint32_t> split_rows, estimation_rows;
      if (o.honesty) {
        // A random honesty_fraction of the sample chooses the splits; the rest fills the leaves. Both stay
        // in ascending row order.
        const size_t k = std::max<size_t>(1, static_cast<size_t>(o.honesty_fraction * static_cast<double>(sample.size())));
        const RowMask splitting = draw(sample, k, n, tree_rng);
        for (uint32_t r : sample) (splitting.has(r) ? split_rows : estimation_rows).push_back(r);
      } else {
        split_rows = sample;
        estimation_rows = sample;
      }
      if (context) context->check();
      trees_[g * group_size_ + l] = grower.grow(std::move(split_rows), estimation_rows, tree_rng);
    }
  };

  // Batches of groups between progress reports (progress is reported from the calling thread only). The batch
  // size does not change any tree: each group draws from its own stream.
  const size_t batch = 8;
  for (size_t g0 = 0; g0 < groups; g0 += batch) {
    const size_t g1 = std::min(groups, g0 + batch);
    parallel_for(g1 - g0, 1, [&](size_t a, size_t b) {
      for (size_t g = g0 + a; g < g0 + b; ++g) grow_group(g);
    });
    if (context) {
      context->check();
      context->progress(static_cast<double>(g1) / static_cast<double>(groups), "trees");
    }
  }
}

size_t HonestForest::node_count() const {
  size_t s = 0;
  for (const auto& t : trees_) s += t.nodes.size();
  return s;
}

size_t HonestForest::memory_bytes() const {
  size_t s = 0;
  for (const auto& t : trees_) s += t.nodes.capacity() * sizeof(ForestNode) + t.leaf_stats.capacity() * sizeof(double);
  for (const auto& b : in_sample_) s += b.capacity() * sizeof(uint64_t);
  return s;
}

}  // namespace incrementa
