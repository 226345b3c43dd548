// "Sleeping dogs" and other segments: a shallow regression tree fitted to the predicted CATE over the design
// columns, whose leaves are then judged by the doubly robust scores (not by the predictions).
//
// The tree (deterministic, no randomness): depth at most 2; a node is split on the column and threshold that
// most reduce the sum of squared deviations of tau_hat (ties: the first column, then the lowest threshold);
// candidate thresholds are the node's 5%, 10%, ..., 95% quantiles of each column (observed values,
// sorted[floor(q (m - 1))], the largest value left out), a row goes left when its value <= threshold; each
// child must keep at least `min_leaf` rows (default: 5% of the rows, at least 2); a node is not split when no
// split reduces the squared deviations by more than 1e-12 of the total.
// Rule text: "x1 <= 0.3342" / "x1 > 0.3342" (4 significant digits), "channel = Web" / "channel != Web" for a
// one-hot column, "member = 1" / "member = 0" for another 0/1 column.
// Each leaf reports its rule, rows, mean predicted CATE, and the DR estimate of its effect: the mean of the
// DR scores of its rows with SE sd / sqrt(rows) and a normal 95% CI. Flags: sleeping_dogs when the CI's upper
// end is below 0 (treating them lowers the outcome); possibly_negative when the estimate is below 0 but the
// CI reaches 0.
#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace incrementa {

struct SegmentCondition {
  size_t column = 0;
  bool greater = false;  // false: value <= threshold; true: value > threshold
  double threshold = 0;
};

struct Segment {
  std::string rule;  // e.g. "recency > 6 and channel = Web"; "all rows" for an unsplit root
  std::vector<SegmentCondition> conditions;
  size_t rows = 0;
  double predicted = 0;             // mean tau_hat
  double dr = 0, dr_se = 0, lo = 0, hi = 0;
  bool sleeping_dogs = false, possibly_negative = false;
};

struct SegmentAnalysis {
  std::vector<Segment> leaves;  // left to right
  double share_negative = 0;    // share of rows with tau_hat < 0
  size_t min_leaf = 0;
  size_t depth = 2;
};

// x: the design (every table row); rows: the evaluated rows of x, in order; tau_hat and dr_score are indexed
// like `rows`. names: the design's column names ("age", "channel=Web").
SegmentAnalysis cate_segments(const Eigen::MatrixXd& x, const std::vector<std::string>& names,
                              const std::vector<size_t>& rows, const std::vector<double>& tau_hat,
                              const std::vector<double>& dr_score, size_t depth = 2, double min_leaf_share = 0.05);

}  // namespace incrementa
