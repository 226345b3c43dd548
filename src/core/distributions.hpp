// Probability functions used for intervals and p-values: normal and Student t
// (our own code, so results are the same natively and in WASM).
#pragma once

namespace incrementa {

double normal_cdf(double x);
double normal_quantile(double p);  // p in (0, 1)
// Regularized incomplete beta I_x(a, b).
double incomplete_beta(double a, double b, double x);
double student_t_cdf(double t, double df);
double student_t_quantile(double p, double df);  // p in (0, 1), df > 0
// Two-sided p-value of a t (df finite) or z (df = infinity) statistic.
double two_sided_p(double stat, double df);

}  // namespace incrementa
