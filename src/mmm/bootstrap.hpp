// Intervals by a moving-block bootstrap of the residuals: each refit sees the
// fitted series plus residuals resampled in blocks of weeks (so their
// autocorrelation is kept), and refits every parameter — the adstock and
// saturation shapes too, starting from the full fit.
#pragma once
#include <vector>

#include "mmm/search.hpp"

namespace incrementa::mmm {

struct BootstrapDraws {
  size_t block_length = 0;
  std::vector<MmmFit> fits;  // one per replicate, in replicate order
};

// Replicate b uses Rng(seed).split(b): the draws do not depend on the thread count.
BootstrapDraws bootstrap_fits(const MmmData& data, const BaseDesign& base, const MmmFit& full, const MmmOptions& o,
                              RunContext& context);

// Linear-interpolation quantile (type 7) of unsorted values.
double quantile(std::vector<double> v, double p);

}  // namespace incrementa::mmm
