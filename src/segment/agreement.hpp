// Agreement between two partitions of the same rows: the adjusted Rand index
// (Hubert & Arabie 1985) and, per cluster of the first, the Jaccard index with
// its best-matching cluster of the second (Hennig 2007).
#pragma once
#include <cstddef>
#include <vector>

namespace incrementa::segment {

// Labels are any integers (not necessarily 0..C-1). 1 for identical
// partitions (up to renaming); about 0 for unrelated ones. Two one-cluster
// partitions give 1.
double adjusted_rand_index(const std::vector<int>& a, const std::vector<int>& b);

// For each label 0..clusters_a-1 of `a`: max over labels of `b` of
// |A ∩ B| / |A ∪ B| (0 for an empty cluster of `a`).
std::vector<double> best_match_jaccard(const std::vector<int>& a, size_t clusters_a, const std::vector<int>& b);

}  // namespace incrementa::segment
