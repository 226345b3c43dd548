#include "learn/feature_bins.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/parallel.hpp"

namespace incrementa {

uint8_t FeatureBins::bin_of(size_t f, double x) const {
  const auto& u = upper[f];
  return static_cast<uint8_t>(std::lower_bound(u.begin(), u.end(), x) - u.begin());
}

namespace {

std::vector<double> cut_points(std::vector<double> v, size_t max_bins) {
  std::sort(v.begin(), v.end());
  // Distinct values and their counts.
  std::vector<double> value;
  std::vector<size_t> count;
  for (double x : v) {
    if (value.empty() || x != value.back()) {
      value.push_back(x);
      count.push_back(0);
    }
    ++count.back();
  }
  std::vector<double> cuts;
  if (value.size() <= max_bins) {
    for (size_t k = 0; k + 1 < value.size(); ++k) cuts.push_back(value[k] + (value[k + 1] - value[k]) / 2);
    return cuts;
  }
  // Greedy: close a bin once it holds its share of the rows not yet binned.
  size_t remaining = v.size(), bins_left = max_bins, in_bin = 0;
  for (size_t k = 0; k + 1 < value.size() && bins_left > 1; ++k) {
    in_bin += count[k];
    const double share = static_cast<double>(remaining) / static_cast<double>(bins_left);
    if (static_cast<double>(in_bin) >= share) {
      cuts.push_back(value[k] + (value[k + 1] - value[k]) / 2);
      remaining -= in_bin;
      in_bin = 0;
      --bins_left;
    }
  }
  return cuts;
}

}  // namespace

FeatureBins bin_features(const Eigen::Ref<const Eigen::MatrixXd>& x, size_t max_bins) {
  if (max_bins < 2 || max_bins > 256) throw ConfigError("max_bins must be from 2 to 256");
  FeatureBins b;
  b.rows = static_cast<size_t>(x.rows());
  b.features = static_cast<size_t>(x.cols());
  b.codes.resize(b.rows * b.features);
  b.upper.resize(b.features);
  parallel_for(b.features, 1, [&](size_t f0, size_t f1) {
    for (size_t f = f0; f < f1; ++f) {
      const auto col = x.col(static_cast<Eigen::Index>(f));
      for (Eigen::Index i = 0; i < col.size(); ++i)
        if (!std::isfinite(col[i])) throw InputError("feature column " + std::to_string(f + 1) + " has a value that is not finite");
      b.upper[f] = cut_points(std::vector<double>(col.data(), col.data() + col.size()), max_bins);
      uint8_t* out = b.codes.data() + f * b.rows;
      for (size_t i = 0; i < b.rows; ++i) out[i] = b.bin_of(f, col[static_cast<Eigen::Index>(i)]);
    }
  });
  return b;
}

std::vector<uint8_t> apply_bins(const FeatureBins& fitted, const Eigen::Ref<const Eigen::MatrixXd>& x) {
  if (static_cast<size_t>(x.cols()) != fitted.features)
    throw InputError("rows to predict have " + std::to_string(x.cols()) + " features; the model was fitted on " +
                     std::to_string(fitted.features));
  const size_t n = static_cast<size_t>(x.rows());
  std::vector<uint8_t> codes(n * fitted.features);
  parallel_for(fitted.features, 1, [&](size_t f0, size_t f1) {
    for (size_t f = f0; f < f1; ++f)
      for (size_t i = 0; i < n; ++i)
        codes[f * n + i] = fitted.bin_of(f, x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(f)));
  });
  return codes;
}

}  // namespace incrementa
