// Step 7: the first two principal components of the factor scores, for at
// most kMapRows rows (a seeded sample when there are more), for a scatter
// coloured by segment.
#pragma once
#include <cstdint>

#include "segment/segment.hpp"

namespace incrementa::segment {

SegmentMap segment_map(const Matrix& scores, const std::vector<int>& labels, uint64_t seed);

}  // namespace incrementa::segment
