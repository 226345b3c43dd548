// Checks of a CATE model that need no ground truth, on out-of-fold nuisances of one arm vs the control:
//
// Best linear predictor test (grf's test_calibration, Chernozhukov et al. 2018): with m(x) = e mu1 + (1 - e) mu0
// and tau_bar the mean prediction, regress (no intercept, ordinary least squares)
//     y - m(x)  on  (w - e) tau_bar  and  (w - e)(tau_hat - tau_bar).
// The first coefficient ("mean_prediction") is 1 when the average prediction is right; the second
// ("differential_prediction") is 1 when the spread of the predictions is right, and significantly > 0 says the
// heterogeneity is real. Standard errors are heteroskedasticity-robust (HC3, as grf does); p-values are
// one-sided for "coefficient > 0" from Student's t with n - 2 degrees of freedom (grf's convention), plus a
// two-sided p-value for "coefficient = 1".
//
// R-loss (Nie & Wager 2021): mean of ((y - m(x)) - (w - e) tau_hat)^2. Lower is better; it can compare CATE
// models fitted to the same rows and nuisances. Reported beside the R-loss of the constant tau = ATE.
#pragma once
#include <cstddef>
#include <vector>

namespace incrementa {

struct BlpCoefficient {
  double estimate = 0, se = 0, t = 0;
  double p_greater_zero = 0;  // one-sided: H0 coefficient <= 0
  double p_equal_one = 0;     // two-sided: H0 coefficient = 1
};

struct CalibrationTest {
  BlpCoefficient mean_prediction, differential_prediction;  // NaN fields when a regressor is identically 0
  double tau_bar = 0;
  size_t rows = 0;
};

// All vectors over the same rows; w is 1 (treated) or 0 (control); e strictly inside (0, 1).
CalibrationTest test_calibration(const std::vector<double>& tau_hat, const std::vector<double>& y, const std::vector<int>& w,
                                 const std::vector<double>& e, const std::vector<double>& mu0,
                                 const std::vector<double>& mu1);

struct RLoss {
  double model = 0;     // R-loss of tau_hat
  double constant = 0;  // R-loss of the constant `ate`
  double ate = 0;
  double relative_improvement = 0;  // 1 - model / constant (> 0: the model's heterogeneity helps)
};
RLoss r_loss(const std::vector<double>& tau_hat, double ate, const std::vector<double>& y, const std::vector<int>& w,
             const std::vector<double>& e, const std::vector<double>& mu0, const std::vector<double>& mu1);

}  // namespace incrementa
