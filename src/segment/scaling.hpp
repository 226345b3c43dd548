// Step 2 of the segment pipeline: the feature columns as a non-negative
// rows x features matrix for NMF (minmax, log_minmax or none).
#pragma once
#include <string>
#include <vector>

#include "core/table.hpp"
#include "segment/matrix.hpp"

namespace incrementa::segment {

enum class Scaling { MinMax, LogMinMax, None };

Scaling parse_scaling(const std::string& name);  // ConfigError on an unknown name
const char* scaling_name(Scaling s);

struct ScaledFeatures {
  Matrix x;    // rows x features, every entry >= 0
  Matrix raw;  // the same cells unscaled (for feature means in the data's units)
};

// Throws InputError naming the column and the line: a missing value, a
// negative value (scaling none or log_minmax), a constant column.
ScaledFeatures scale_features(const Table& table, const std::vector<std::string>& features, Scaling scaling);

}  // namespace incrementa::segment
