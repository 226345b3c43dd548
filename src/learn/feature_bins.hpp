// Features cut into at most 255 ordered bins (by quantiles of the training
// rows), stored as one byte per cell, column-major. Tree learners search splits
// over bins instead of sorted values: a split "bin <= b" is the threshold
// x <= upper(f)[b], so a model trained on bins predicts raw rows exactly as it
// splits its training rows. Shared read-only by every thread (one copy).
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

namespace incrementa {

struct FeatureBins {
  size_t rows = 0, features = 0;
  std::vector<uint8_t> codes;               // codes[f * rows + i]: bin of row i in feature f
  std::vector<std::vector<double>> upper;   // upper[f][b]: bin b holds x <= upper[f][b] (the last bin: the rest)

  const uint8_t* column(size_t f) const { return codes.data() + f * rows; }
  size_t bins(size_t f) const { return upper[f].size() + 1; }
  // The bin a new value falls in: the first b with x <= upper[f][b], else the last bin.
  uint8_t bin_of(size_t f, double x) const;
};

// Cut points are midpoints between consecutive distinct values, chosen so that
// each bin holds about rows / max_bins rows (a value is never split across
// bins; a column with at most max_bins distinct values gets one bin per value).
// max_bins in [2, 256]. Columns are processed in parallel; the result does not
// depend on the thread count.
FeatureBins bin_features(const Eigen::Ref<const Eigen::MatrixXd>& x, size_t max_bins = 256);

// Bins for new rows with the cut points of `fitted`.
std::vector<uint8_t> apply_bins(const FeatureBins& fitted, const Eigen::Ref<const Eigen::MatrixXd>& x);

}  // namespace incrementa
