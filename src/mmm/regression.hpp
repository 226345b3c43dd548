// The linear part of the model, solved thousands of times while the search
// moves one channel's adstock or saturation: y ~ base columns (intercept,
// trend, seasonality, controls) + beta_c * media_c, ridge-penalised on
// standardised columns, with every media beta >= 0 (spend does not lower sales).
// The Gram matrix is kept and only the moved channel's row is recomputed.
#pragma once
#include <string>
#include <vector>

#include "mmm/data.hpp"

namespace incrementa::mmm {

// Base columns over all weeks (trend runs over the whole series, so it
// extends into the holdout weeks).
struct BaseDesign {
  std::vector<std::string> names;          // "trend", "sin 1", "cos 1", ..., controls
  std::vector<std::vector<double>> columns;  // [column][week], no intercept
};
BaseDesign base_design(const MmmData& data, const MmmOptions& options);

struct Coefficients {
  double intercept = 0;
  std::vector<double> base;   // per base column, raw units
  std::vector<double> media;  // per channel, raw units (>= 0)
  double objective = 0;       // penalised sum of squares, standardised units
};

class MediaRegression {
 public:
  // Fits on weeks [0, rows) of y and the base columns.
  MediaRegression(const std::vector<double>& y, const BaseDesign& base, size_t channels, size_t rows);
  void set_media(size_t channel, const std::vector<double>& column);  // column over at least `rows` weeks
  Coefficients solve(double ridge) const;

 private:
  size_t rows_, q_, p_;
  double y_mean_ = 0, y_sd_ = 1;
  std::vector<double> yc_;                  // standardised y
  std::vector<std::vector<double>> z_;      // standardised columns: base then media
  std::vector<double> mean_, sd_;
  std::vector<double> gram_, zy_;           // p x p and p
  void refresh(size_t j);
};

}  // namespace incrementa::mmm
