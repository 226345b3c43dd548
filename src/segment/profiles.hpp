// Profiles and names: per segment its size, share, value share, mean factor
// scores and mean raw features; a factor is called by its top-loading
// feature, a segment by its two most distinctive factors relative to the
// overall mean ("high monetary · low recency_days").
#pragma once
#include <string>
#include <vector>

#include "segment/segment.hpp"

namespace incrementa::segment {

// One name per factor: its top feature's name (suffixed " (factor t)" when two
// factors share a top feature).
std::vector<std::string> factor_names(const Matrix& h, const std::vector<std::string>& features);
// Fills report.segments (sizes, shares, means, names) from report.labels.
void build_profiles(SegmentReport& report, const Matrix& raw, const std::vector<double>* value);

}  // namespace incrementa::segment
