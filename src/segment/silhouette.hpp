// Mean silhouette width (Rousseeuw 1987) of a partition, Euclidean distance,
// over a subset of rows (all rows, or a seeded sample when there are many).
#pragma once
#include <cstdint>
#include <vector>

#include "segment/matrix.hpp"

namespace incrementa::segment {

// s(i) = (b - a) / max(a, b); a = mean distance to the rest of i's cluster,
// b = the smallest mean distance to another cluster; s = 0 for a singleton.
// Distances and clusters are taken within `rows` only.
double silhouette(const Matrix& x, const std::vector<int>& labels, size_t clusters, const std::vector<size_t>& rows);

// The rows a silhouette uses: all when n <= limit, else `limit` rows drawn
// without replacement with the project's RNG, in row order.
std::vector<size_t> sample_rows(size_t n, size_t limit, uint64_t seed, uint64_t stream);

}  // namespace incrementa::segment
