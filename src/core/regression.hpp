// Weighted least squares / ridge and logistic regression (Newton / IRLS) with
// standard errors. Gram matrices are accumulated over fixed row chunks and
// summed in chunk order, so the numbers do not depend on the thread count.
#pragma once
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace incrementa {

using MatrixRef = Eigen::Ref<const Eigen::MatrixXd>;
using VectorRef = Eigen::Ref<const Eigen::VectorXd>;

struct RegressionOptions {
  double ridge = 0.0;                 // L2 penalty on every coefficient but the intercept
  bool intercept_first = true;        // column 0 is the intercept (never penalised)
  std::vector<std::string> names;     // column names, for error messages
  int max_iterations = 50;            // logistic only
  double tolerance = 1e-10;           // logistic only: relative change in deviance
};

struct LinearFit {
  Eigen::VectorXd coef;
  Eigen::VectorXd se;        // classical: sqrt(diag(sigma2 * H^-1 G H^-1)), H = G + ridge
  double sigma2 = 0;         // weighted residual variance, RSS / (n - p)
  double r2 = 0;             // 1 - RSS / TSS (weighted, about the weighted mean)
  double n = 0;              // rows used
};

struct LogisticFit {
  Eigen::VectorXd coef;
  Eigen::VectorXd se;        // from the inverse Fisher information
  double deviance = 0;
  int iterations = 0;
};

// Rows of x with weights w (empty = all 1).
LinearFit fit_linear(const MatrixRef& x, const VectorRef& y, const Eigen::VectorXd& w = {},
                     const RegressionOptions& options = {});
// y in [0, 1] (0/1 outcomes, or proportions with weights).
LogisticFit fit_logistic(const MatrixRef& x, const VectorRef& y, const Eigen::VectorXd& w = {},
                         const RegressionOptions& options = {});

// X' diag(w) X and X' diag(w) y over fixed chunks (deterministic at any thread count).
void weighted_gram(const MatrixRef& x, const VectorRef& y, const Eigen::VectorXd& w, Eigen::MatrixXd& xtx,
                   Eigen::VectorXd& xty);

}  // namespace incrementa
