// The segment command (docs/segmentation.md): NMF factors of the customers'
// features, K-Means segments on the factor scores, bootstrap stability,
// profiles and names, segments x uplift and a 2-D map. A typed run, a typed
// report; src/api/segment_json.cpp is its JSON face.
#pragma once
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/run_context.hpp"
#include "core/table.hpp"
#include "segment/nmf.hpp"
#include "segment/scaling.hpp"

namespace incrementa::segment {

struct SegmentOptions {
  std::vector<std::string> features;  // empty: every numeric column but the roles below and true_*
  std::optional<std::string> id;      // nullopt: the first of customer_id, customer, CustomerID, id present
  Scaling scaling = Scaling::MinMax;
  size_t factors = 4, clusters = 5;
  std::optional<size_t> max_factors;  // default min(10, features); 0 skips the curve
  size_t max_clusters = 10;           // 0 skips the curve
  size_t bootstrap = 20, restarts = 10;
  size_t max_iter = 400;
  double tol = 1e-4;
  uint64_t seed = 1;
  std::optional<std::string> cate, treatment, outcome, value;
  double cost = 0;
};

struct FactorCurvePoint {
  size_t k = 0;
  double explained_variance = 0, reconstruction_error = 0;
};
struct ClusterCurvePoint {
  size_t k = 0;
  double inertia = 0, silhouette = 0;
};
struct Effect {
  double estimate = NAN, lower = NAN, upper = NAN;
  std::string source;  // "experiment" or "cate"
};
struct SegmentProfile {
  int segment = 0;  // 1 .. C, by size
  std::string name;
  size_t size = 0;
  double share = 0, value_share = NAN;
  std::vector<double> factor_means, feature_means;
  double jaccard = NAN, jaccard_lower = NAN, jaccard_upper = NAN;
  std::optional<bool> stable;
  std::optional<Effect> effect;
  double sleeping_dog_share = NAN;
  std::optional<bool> treat;
};
struct PolicyValues {
  double by_customer = NAN, by_segment = NAN, everyone = NAN, nobody = 0;
};
struct UpliftSummary {
  std::string source;  // what the policy values are computed from: "cate" or "experiment"
  double cost = 0;
  PolicyValues value, treated_share;
  double segment_targeting_loss = NAN;
};
struct StabilitySummary {
  size_t bootstrap = 0;
  size_t draws = 0;  // rows drawn (with replacement) per refit: min(rows, kStabilityRows)
  double ari_mean = NAN, ari_lower = NAN, ari_upper = NAN;
  std::vector<double> ari;
};
struct SegmentMap {
  std::vector<double> x, y;
  std::vector<int> segment;
  std::vector<size_t> row;  // 1-based row numbers
  bool sampled = false;
};

struct SegmentReport {
  size_t rows = 0;
  std::vector<std::string> features;
  Scaling scaling = Scaling::MinMax;
  std::optional<std::string> id;
  NmfResult nmf;  // normalised: each loadings row sums to 1
  std::vector<std::string> factor_names;
  std::vector<std::vector<std::pair<std::string, double>>> top;  // per factor, its top 3 features and shares
  std::vector<FactorCurvePoint> factor_curve;
  bool factor_curve_sampled = false;  // the curve's fits ran on a seeded sample of kCurveRows rows
  size_t factor_curve_rows = 0;       // rows the factor curve's fits used
  size_t cluster_curve_rows = 0;      // rows the segment curve's K-Means fits used (all rows are then assigned)
  size_t clusters = 0;
  double inertia = 0, silhouette = NAN;
  bool silhouette_sampled = false;
  std::vector<ClusterCurvePoint> cluster_curve;
  std::vector<int> labels;  // 1-based segment of each row
  std::vector<SegmentProfile> segments;
  std::optional<StabilitySummary> stability;
  std::optional<UpliftSummary> uplift;
  SegmentMap map;
  std::optional<double> truth_ari;
  bool has_value = false;
};

// Throws ConfigError / InputError (column, line, what was expected);
// CancelledError when context.cancel() was called (checked between curve
// points and bootstrap refits).
SegmentReport run_segment(const Table& table, const SegmentOptions& options, RunContext& context);

// Unstable when a segment's mean bootstrap Jaccard is below this (Hennig).
constexpr double kStableJaccard = 0.6;
constexpr size_t kSilhouetteRows = 4000;
constexpr size_t kMapRows = 2000;
constexpr size_t kCurveRows = 5000;       // the curves' fits: all rows up to this, else a seeded sample
constexpr size_t kStabilityRows = 10000;  // rows drawn per bootstrap refit: min(rows, this)

}  // namespace incrementa::segment
