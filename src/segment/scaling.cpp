#include "segment/scaling.hpp"

#include <cmath>

#include "core/error.hpp"

namespace incrementa::segment {

Scaling parse_scaling(const std::string& name) {
  if (name == "minmax") return Scaling::MinMax;
  if (name == "log_minmax") return Scaling::LogMinMax;
  if (name == "none") return Scaling::None;
  throw ConfigError("segment: option 'scaling' must be minmax, log_minmax or none, got '" + name + "'");
}

const char* scaling_name(Scaling s) {
  switch (s) {
    case Scaling::MinMax: return "minmax";
    case Scaling::LogMinMax: return "log_minmax";
    case Scaling::None: return "none";
  }
  return "minmax";
}

ScaledFeatures scale_features(const Table& table, const std::vector<std::string>& features, Scaling scaling) {
  const size_t n = table.rows(), p = features.size();
  ScaledFeatures out{Matrix(n, p), Matrix(n, p)};
  for (size_t j = 0; j < p; ++j) {
    const Column& col = table.numeric_column(features[j], "segment feature");
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; ++i) {
      const double v = col.values[i];
      if (std::isnan(v))
        throw InputError("column '" + col.name + "', line " + std::to_string(table.line_of_row(i)) +
                         ": missing value; segment needs a number on every row (leave the column out of 'features' "
                         "or fill the gap)");
      if (!std::isfinite(v))
        throw InputError("column '" + col.name + "', line " + std::to_string(table.line_of_row(i)) +
                         ": value is not finite; expected a finite number");
      if (v < 0 && scaling != Scaling::MinMax)
        throw InputError("column '" + col.name + "', line " + std::to_string(table.line_of_row(i)) + ": value " +
                         format_number(v) + " is negative; scaling '" + scaling_name(scaling) +
                         "' needs values >= 0 (NMF needs non-negative input; use scaling 'minmax' for signed columns)");
      out.raw(i, j) = v;
      const double t = scaling == Scaling::LogMinMax ? std::log1p(v) : v;
      out.x(i, j) = t;
      lo = std::min(lo, t);
      hi = std::max(hi, t);
    }
    if (!(hi > lo))
      throw InputError("column '" + col.name + "' is constant (every row is " + format_number(col.values[0]) +
                       "): it carries no information for segments; leave it out of 'features'");
    if (scaling != Scaling::None) {
      const double range = hi - lo;
      for (size_t i = 0; i < n; ++i) out.x(i, j) = (out.x(i, j) - lo) / range;
    }
  }
  return out;
}

}  // namespace incrementa::segment
