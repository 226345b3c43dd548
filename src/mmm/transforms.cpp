#include "mmm/transforms.hpp"

#include <cmath>

#include "core/error.hpp"
#include "core/portable_math.hpp"

namespace incrementa::mmm {

Adstock parse_adstock(const std::string& name) {
  if (name == "geometric") return Adstock::Geometric;
  if (name == "weibull") return Adstock::Weibull;
  throw ConfigError("mmm: adstock must be 'geometric' or 'weibull', got '" + name + "'");
}

Saturation parse_saturation(const std::string& name) {
  if (name == "logistic") return Saturation::Logistic;
  if (name == "hill") return Saturation::Hill;
  throw ConfigError("mmm: saturation must be 'logistic' or 'hill', got '" + name + "'");
}

const char* adstock_name(Adstock a) { return a == Adstock::Geometric ? "geometric" : "weibull"; }
const char* saturation_name(Saturation s) { return s == Saturation::Logistic ? "logistic" : "hill"; }

std::vector<double> adstock_weights(Adstock kind, const Shape& s, size_t max_lag) {
  std::vector<double> w(max_lag == 0 ? 1 : max_lag);
  if (kind == Adstock::Geometric) {
    double p = 1.0;
    for (double& v : w) {
      v = p;
      p *= s.decay;
    }
  } else {
    // Weibull density at lags 1 .. L (Robyn's "weibull_pdf" shape): a peak can come weeks after the spend.
    const double lambda = s.scale * static_cast<double>(w.size());
    for (size_t l = 0; l < w.size(); ++l) {
      const double x = static_cast<double>(l + 1) / lambda;
      w[l] = (s.shape / lambda) * portable::pow(x, s.shape - 1.0) * portable::exp(-portable::pow(x, s.shape));
    }
  }
  double total = 0;
  for (double v : w) total += v;
  if (!(total > 0) || !std::isfinite(total)) {
    // Every weight underflowed (a very narrow Weibull): all effect in the first week.
    for (double& v : w) v = 0;
    w[0] = 1;
    return w;
  }
  for (double& v : w) v /= total;
  return w;
}

std::vector<double> apply_adstock(const std::vector<double>& spend, const std::vector<double>& weights) {
  std::vector<double> a(spend.size(), 0.0);
  for (size_t t = 0; t < spend.size(); ++t) {
    double sum = 0;
    const size_t lags = weights.size() < t + 1 ? weights.size() : t + 1;
    for (size_t l = 0; l < lags; ++l) sum += weights[l] * spend[t - l];
    a[t] = sum;
  }
  return a;
}

double saturate(Saturation kind, const Shape& s, double x) {
  if (x <= 0) return 0.0;
  if (kind == Saturation::Logistic) {
    const double e = portable::exp(-s.lam * x);
    return (1.0 - e) / (1.0 + e);
  }
  const double r = portable::pow(x / s.half, s.slope);
  return r / (1.0 + r);
}

}  // namespace incrementa::mmm
