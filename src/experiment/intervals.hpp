// Confidence intervals for A/B readouts: Welch for means, Wilson for a
// proportion, Newcombe's hybrid score interval (his method 10) for a
// difference of proportions, and the delta method for a relative lift.
#pragma once
#include <utility>

namespace incrementa {

struct Interval {
  double lo = 0, hi = 0;
};

struct WelchResult {
  double diff = 0, se = 0, df = 0, t = 0, p_value = 1;
  Interval ci;
};

// Difference of means (treatment - control) from each arm's mean, variance
// (with n - 1) and size. Needs n >= 2 in each arm.
WelchResult welch(double mean_t, double var_t, double n_t, double mean_c, double var_c, double n_c, double alpha);
// Wilson score interval for k successes in n trials.
Interval wilson(double k, double n, double alpha);
// Newcombe (1998) method 10 for p_t - p_c, built from the arms' Wilson intervals.
Interval newcombe(double k_t, double n_t, double k_c, double n_c, double alpha);
// CI for mean_t / mean_c - 1 by the delta method on the log ratio (both means > 0).
Interval relative_lift_ci(double mean_t, double se_t, double mean_c, double se_c, double alpha);

}  // namespace incrementa
