// A customer-segments world with known truth: non-negative features
// X = W H + noise with a known H (factor t loads mostly on features t, t+k,
// ...) and cluster-wise W (segment c is high on its own subset of factors:
// single factors first, then pairs, ...), so the segments are recoverable and
// the recovered ones can be scored against `true_segment`.
// Columns: customer_id, f1 .. fp, true_segment (1 .. C), true_cate (a
// per-segment effect plus noise; one segment's effect is negative: sleeping
// dogs), treatment (0/1, randomised, p = 0.5), outcome (baseline +
// treatment x true_cate + noise), cate (true_cate + estimation noise, standing
// in for a model's estimate).
#pragma once
#include <cstdint>
#include <vector>

#include "core/table.hpp"

namespace incrementa {

struct SegmentWorld {
  size_t rows = 5000;
  size_t features = 12;
  size_t factors = 4;
  size_t clusters = 5;      // at most 2^factors - 1
  double separation = 1.0;  // larger = better separated (scores' noise sd = 0.25 / separation)
  uint64_t seed = 1;
};

Table simulate_segments(const SegmentWorld& world);
// The true average effect of segment c (1-based) before the per-customer noise.
double segment_world_effect(size_t segment, size_t clusters);

}  // namespace incrementa
