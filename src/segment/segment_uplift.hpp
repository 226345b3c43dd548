// Step 6: segments x uplift. Per segment the average effect with a 95% CI
// (a randomised 0/1 treatment + outcome: difference in means with the Welch
// interval; else the CATE column: mean ± 1.96 sd/sqrt(n), the spread of the
// model's estimates), the share of sleeping dogs (cate < 0), and per-customer
// policy values with a cost per treated customer: treat by customer (cate >
// cost), by segment (segment effect > cost), everyone, nobody.
#pragma once
#include <vector>

#include "segment/segment.hpp"

namespace incrementa::segment {

struct UpliftColumns {
  const std::vector<double>* cate = nullptr;
  const std::vector<double>* treatment = nullptr;  // 0/1
  const std::vector<double>* outcome = nullptr;
};

// Fills each segment's effect, sleeping-dog share and treat flag, and report.uplift.
void segment_uplift(SegmentReport& report, const UpliftColumns& columns, double cost);

}  // namespace incrementa::segment
