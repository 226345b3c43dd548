#include "mmm/bootstrap.hpp"

#include <algorithm>
#include <cmath>

#include "core/parallel.hpp"
#include "core/rng.hpp"

namespace incrementa::mmm {

double quantile(std::vector<double> v, double p) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const double h = p * static_cast<double>(v.size() - 1);
  const size_t i = static_cast<size_t>(std::floor(h));
  if (i + 1 >= v.size()) return v.back();
  return v[i] + (h - static_cast<double>(i)) * (v[i + 1] - v[i]);
}

BootstrapDraws bootstrap_fits(const MmmData& d, const BaseDesign& base, const MmmFit& full, const MmmOptions& o,
                              RunContext& context) {
  const size_t n = d.weeks_count();
  BootstrapDraws out;
  // Block length ~ n^(1/3), at least 4 weeks: long enough to keep a month's autocorrelation.
  out.block_length = std::max<size_t>(4, static_cast<size_t>(std::lround(std::cbrt(static_cast<double>(n)))));
  const size_t len = std::min(out.block_length, n);
  std::vector<double> resid(n);
  for (size_t t = 0; t < n; ++t) resid[t] = d.kpi[t] - full.fitted[t];
  out.fits.resize(o.bootstrap);
  const Rng root(o.seed);
  const size_t batch = 8;
  for (size_t b0 = 0; b0 < o.bootstrap; b0 += batch) {
    context.check();
    const size_t b1 = std::min(o.bootstrap, b0 + batch);
    parallel_for(b1 - b0, 1, [&](size_t lo, size_t hi) {
      for (size_t k = lo; k < hi; ++k) {
        const size_t b = b0 + k;
        Rng rng = root.split(b);
        std::vector<double> y(n);
        for (size_t t = 0; t < n;) {
          const size_t start = static_cast<size_t>(rng.uniform_int(n - len + 1));
          for (size_t j = 0; j < len && t < n; ++j, ++t) y[t] = full.fitted[t] + resid[start + j];
        }
        out.fits[b] = fit_mmm(d, base, y, o, full.ridge, n, &full, nullptr);
      }
    });
    context.progress(static_cast<double>(b1) / static_cast<double>(o.bootstrap), "bootstrap refits");
  }
  return out;
}

}  // namespace incrementa::mmm
