// A/B readout: per-arm summaries and each arm's difference from the control,
// with confidence intervals, relative lift, and CUPED variance reduction with
// a pre-period covariate.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/table.hpp"
#include "experiment/intervals.hpp"

namespace incrementa {

struct AbTestOptions {
  std::string arm;                    // column holding the arm labels
  std::optional<std::string> control; // label of the control arm; guessed when absent
  std::string outcome;                // numeric column (0/1 for conversion rates)
  std::optional<std::string> covariate;  // pre-period column for CUPED
  double alpha = 0.05;                // 1 - confidence level
};

struct ArmSummary {
  std::string name;
  size_t n = 0;
  double mean = 0, sd = 0, se = 0;
  Interval ci;             // for the mean: Welch-t (numeric) or Wilson (binary)
  double covariate_mean = 0;
};

struct Comparison {
  std::string arm;          // treatment arm, compared with the control
  double diff = 0;          // mean(arm) - mean(control)
  double se = 0, df = 0, t = 0, p_value = 1;
  Interval ci;              // Welch-t (numeric) or Newcombe hybrid score (binary)
  double relative_lift = 0; // mean(arm) / mean(control) - 1; NaN when control mean is 0
  Interval relative_lift_ci;
};

struct CupedComparison {
  std::string arm;
  double diff = 0, se = 0, df = 0, p_value = 1;
  Interval ci;
  double variance_reduction = 0;  // 1 - se_cuped^2 / se_raw^2
};

struct AbTestResult {
  AbTestOptions options;
  std::string control;
  bool control_guessed = false;
  bool binary = false;      // outcome only takes 0 and 1
  size_t rows_total = 0, rows_used = 0, rows_missing = 0;
  std::vector<ArmSummary> arms;  // control first, then the others in label order
  std::vector<Comparison> comparisons;
  bool has_cuped = false;
  double cuped_theta = 0;                  // pooled within-arm slope of outcome on covariate
  double cuped_variance_reduction = 0;     // 1 - var(Y - theta X) / var(Y), within arms
  std::vector<CupedComparison> cuped;
};

AbTestResult run_abtest(const Table& table, const AbTestOptions& options);

// Labels of a column used as arms: categorical levels, or whole numbers as text.
std::vector<std::string> arm_labels(const Table& table, const std::string& column, std::vector<int32_t>& codes);

}  // namespace incrementa
