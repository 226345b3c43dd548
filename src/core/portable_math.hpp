// exp, log and pow written with + - * / and exact scaling only, so they give the
// same bits under glibc (native) and musl (Emscripten). For searches whose
// choices hinge on the last bits of an objective (the marketing-mix shapes), a
// 1-ulp difference between C libraries would send native and WASM down
// different paths. About 1-2 ulp from the correctly rounded value.
#pragma once
#include <cmath>
#include <limits>

namespace incrementa::portable {

inline double exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.78) return std::numeric_limits<double>::infinity();
  if (x < -745.2) return 0.0;
  // x = k ln2 + r, |r| <= ln2 / 2, with ln2 split so k * ln2_hi is exact.
  constexpr double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  constexpr double inv_ln2 = 1.44269504088896338700e+00;
  const double k = std::nearbyint(x * inv_ln2);
  const double r = (x - k * ln2_hi) - k * ln2_lo;
  // Taylor series to r^13 / 13!: |r| <= 0.347, the next term is below 2e-17.
  double p = 1.0 / 6227020800.0;
  for (double d : {479001600.0, 39916800.0, 3628800.0, 362880.0, 40320.0, 5040.0, 720.0, 120.0, 24.0, 6.0, 2.0, 1.0, 1.0})
    p = p * r + 1.0 / d;
  return std::ldexp(p, static_cast<int>(k));
}

inline double log(double x) {
  if (std::isnan(x) || x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -std::numeric_limits<double>::infinity();
  if (std::isinf(x)) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1)
  if (m < 0.70710678118654752440) m *= 2, --e;
  // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716: the series to s^23 is exact to 1e-17.
  const double s = (m - 1.0) / (m + 1.0), s2 = s * s;
  double p = 1.0 / 23.0;
  for (int k = 21; k >= 1; k -= 2) p = p * s2 + 1.0 / k;
  constexpr double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  return (2.0 * s * p + e * ln2_lo) + e * ln2_hi;
}

// x^y for x >= 0 (the only case the callers need).
inline double pow(double x, double y) {
  if (y == 0) return 1.0;
  if (x == 0) return y > 0 ? 0.0 : std::numeric_limits<double>::infinity();
  if (x == 1) return 1.0;
  return exp(y * log(x));
}

// sin and cos for |x| up to ~1e5 (seasonality angles): x = q pi/2 + r with pi/2 split in three parts,
// |r| <= pi/4, then Taylor series (to r^17 / r^16: below 1e-17 on that range).
inline void sincos(double x, double& sin_out, double& cos_out) {
  constexpr double pio2_1 = 1.57079632673412561417e+00, pio2_2 = 6.07710050650619224932e-11,
                   pio2_3 = 2.02226624879595063154e-21, two_over_pi = 6.36619772367581382433e-01;
  const double q = std::nearbyint(x * two_over_pi);
  const double r = ((x - q * pio2_1) - q * pio2_2) - q * pio2_3;
  const double r2 = r * r;
  double sp = 1.0 / 355687428096000.0;  // 1/17!
  for (double d : {-1307674368000.0, 6227020800.0, -39916800.0, 362880.0, -5040.0, 120.0, -6.0, 1.0}) sp = sp * r2 + 1.0 / d;
  double cp = 1.0 / 20922789888000.0;  // 1/16!
  for (double d : {-87178291200.0, 479001600.0, -3628800.0, 40320.0, -720.0, 24.0, -2.0, 1.0}) cp = cp * r2 + 1.0 / d;
  const double sr = sp * r, cr = cp;
  switch (static_cast<long long>(q) & 3) {
    case 0: sin_out = sr, cos_out = cr; break;
    case 1: sin_out = cr, cos_out = -sr; break;
    case 2: sin_out = -sr, cos_out = -cr; break;
    default: sin_out = -cr, cos_out = sr; break;
  }
}

}  // namespace incrementa::portable
