// Normal and Student t: tabulated quantiles, closed forms (t with 1 and 2 df),
// round trips and p-values.
#include <catch2/catch.hpp>
#include <cmath>

#include "core/distributions.hpp"
#include "core/error.hpp"

using namespace incrementa;

namespace {
bool close_rel(double got, double want, double rel) { return std::fabs(got - want) <= rel * std::fabs(want); }
}  // namespace

TEST_CASE("normal cdf and quantile against tabulated values", "[dist]") {
  // Reference values (R: pnorm/qnorm, 16 digits). Tolerance 1e-13 relative:
  // erfc is accurate to a few ulps and the quantile is polished by Halley steps.
  CHECK(close_rel(normal_quantile(0.975), 1.959963984540054, 1e-13));
  CHECK(close_rel(normal_quantile(0.95), 1.644853626951472, 1e-13));
  CHECK(close_rel(normal_quantile(0.995), 2.575829303548901, 1e-13));
  CHECK(close_rel(normal_quantile(0.001), -3.090232306167813, 1e-13));  // lower tail branch
  CHECK(close_rel(normal_quantile(1e-10), -6.361340902404056, 1e-12));
  CHECK(std::fabs(normal_quantile(0.5)) < 1e-15);
  CHECK(normal_cdf(0) == 0.5);
  CHECK(close_rel(normal_cdf(1), 0.8413447460685429, 1e-14));
  CHECK(close_rel(normal_cdf(-1), 0.1586552539314571, 1e-14));
  CHECK(close_rel(normal_cdf(-5), 2.866515718791939e-07, 1e-12));  // tail: relative accuracy kept by erfc
  CHECK(close_rel(normal_cdf(1.959963984540054), 0.975, 1e-14));
}

TEST_CASE("Student t quantiles against tabulated values", "[dist]") {
  // qt(p, df) (mpmath, 30 digits). Tolerance 1e-10 relative: the quantile is found by bisection
  // on a cdf computed by a continued fraction good to ~1e-14.
  CHECK(close_rel(student_t_quantile(0.975, 10), 2.228138851986274, 1e-10));
  CHECK(close_rel(student_t_quantile(0.975, 1), 12.70620473617471, 1e-10));
  CHECK(close_rel(student_t_quantile(0.975, 2), 4.302652729749462, 1e-10));
  CHECK(close_rel(student_t_quantile(0.995, 5), 4.032142983555227, 1e-10));
  CHECK(close_rel(student_t_quantile(0.95, 30), 1.697260886593957, 1e-10));
  CHECK(close_rel(student_t_quantile(0.025, 10), -2.228138851986274, 1e-10));
  CHECK(close_rel(student_t_quantile(0.975, 1e9), 1.959963984540054, 1e-13));  // normal limit
  CHECK(close_rel(student_t_quantile(0.975, 12.5), 2.169185942712541, 1e-10));  // fractional df (Welch)
}

TEST_CASE("Student t cdf against closed forms for 1 and 2 df", "[dist]") {
  // df = 1 is Cauchy: 1/2 + atan(t)/pi. df = 2: 1/2 + t / (2 sqrt(2 + t^2)).
  // Tolerance 1e-12 absolute: the continued fraction converges to 1e-16 per step.
  for (double t : {-30.0, -3.0, -1.0, -0.2, 0.0, 0.3, 1.0, 2.5, 10.0, 100.0}) {
    INFO("t = " << t);
    CHECK(std::fabs(student_t_cdf(t, 1) - (0.5 + std::atan(t) / M_PI)) < 1e-12);
    CHECK(std::fabs(student_t_cdf(t, 2) - (0.5 + t / (2 * std::sqrt(2 + t * t)))) < 1e-12);
  }
  CHECK(student_t_cdf(1.5, 1e300) == normal_cdf(1.5));
}

TEST_CASE("quantile(cdf(x)) round trips", "[dist]") {
  for (double x : {-6.0, -2.5, -1.0, -0.1, 0.4, 1.3, 3.0, 5.5}) {
    INFO("x = " << x);
    // Normal: cdf(x) near 1 is stored to ~1.1e-16 absolute, which moves x by
    // that over the density; allow 4 such steps plus 1e-12.
    const double density = std::exp(-x * x / 2) / std::sqrt(2 * M_PI);
    CHECK(std::fabs(normal_quantile(normal_cdf(x)) - x) < 4 * 1.1e-16 / density + 1e-12);
    for (double df : {1.0, 3.0, 7.5, 40.0}) {
      INFO("df = " << df);
      CHECK(std::fabs(student_t_quantile(student_t_cdf(x, df), df) - x) < 1e-8 * (1 + std::fabs(x)));
    }
  }
}

TEST_CASE("two_sided_p", "[dist]") {
  // z: 2 (1 - Phi(1.96)) = 0.05. t with 1 df at t = 1: 2 (1/2 - atan(1)/pi) = 1/2.
  CHECK(close_rel(two_sided_p(1.959963984540054, INFINITY), 0.05, 1e-13));
  CHECK(close_rel(two_sided_p(-1.959963984540054, INFINITY), 0.05, 1e-13));
  CHECK(close_rel(two_sided_p(1.0, 1), 0.5, 1e-13));
  CHECK(close_rel(two_sided_p(2.228138851986274, 10), 0.05, 1e-12));
  CHECK(two_sided_p(0.0, 5) == 1.0);
  // Consistent with the cdf: p = 2 (1 - F(|t|)).
  CHECK(std::fabs(two_sided_p(1.7, 6.3) - 2 * (1 - student_t_cdf(1.7, 6.3))) < 1e-13);
}

TEST_CASE("quantiles reject probabilities outside (0, 1) and bad df", "[dist]") {
  for (double p : {0.0, 1.0, -0.1, 1.5, std::nan("")}) {
    CHECK_THROWS_AS(normal_quantile(p), InputError);
    CHECK_THROWS_AS(student_t_quantile(p, 5), InputError);
  }
  CHECK_THROWS_WITH(student_t_quantile(0.5, 0), Catch::Matchers::Contains("positive degrees of freedom"));
  CHECK_THROWS_WITH(normal_quantile(1.0), Catch::Matchers::Contains("strictly between 0 and 1"));
}
