#include "dcm/stats.hpp"

#include "core/parallel.hpp"

namespace incrementa::dcm {

namespace {
constexpr size_t kCustomerChunk = 512;

template <class CustomerAt>
PanelStats accumulate(const Panel& p, size_t L, size_t count, CustomerAt customer_at) {
  const size_t T = p.periods, V = p.vars(), K = V - 1, F = p.features.size();
  PanelStats s;
  s.D = stats_dim(p, L);
  const Eigen::Index D = static_cast<Eigen::Index>(s.D);
  s.gram.assign(T - L, Eigen::MatrixXd::Zero(D, D));
  Eigen::MatrixXd z(static_cast<Eigen::Index>(count), D);
  for (size_t t = L; t < T; ++t) {
    for (size_t i = 0; i < count; ++i) {
      const size_t c = customer_at(i);
      const Eigen::Index r = static_cast<Eigen::Index>(i);
      Eigen::Index col = 0;
      z(r, col++) = 1.0;
      for (size_t f = 0; f < F; ++f) z(r, col++) = p.x0[c * F + f];
      for (size_t l = 1; l <= L; ++l)
        for (size_t k = 0; k < K; ++k) z(r, col++) = p.value(c, t - l, k);
      for (size_t v = 0; v < V; ++v) z(r, col++) = p.value(c, t, v);
    }
    s.gram[t - L].noalias() = z.transpose() * z;
  }
  return s;
}
}  // namespace

void PanelStats::add(const PanelStats& o) {
  if (gram.empty()) {
    *this = o;
    return;
  }
  for (size_t t = 0; t < gram.size(); ++t) gram[t] += o.gram[t];
}

void PanelStats::add_scaled(const PanelStats& o, double w) {
  if (gram.empty()) {
    D = o.D;
    gram.assign(o.gram.size(), Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(D), static_cast<Eigen::Index>(D)));
  }
  if (w == 0) return;
  for (size_t t = 0; t < gram.size(); ++t) gram[t] += w * o.gram[t];
}

size_t stats_dim(const Panel& p, size_t lags) {
  const size_t V = p.vars();
  return 1 + p.features.size() + lags * (V - 1) + V;
}

PanelStats customer_stats(const Panel& p, size_t lags, const size_t* customers, size_t count) {
  return accumulate(p, lags, count, [&](size_t i) { return customers[i]; });
}

PanelStats customer_stats_range(const Panel& p, size_t lags, size_t begin, size_t end) {
  return accumulate(p, lags, end - begin, [&](size_t i) { return begin + i; });
}

PanelStats panel_stats(const Panel& p, size_t lags) {
  return parallel_map_reduce(
      p.n(), kCustomerChunk, PanelStats{},
      [&](size_t b, size_t e) { return customer_stats_range(p, lags, b, e); },
      [](PanelStats& acc, const PanelStats& part) { acc.add(part); });
}

}  // namespace incrementa::dcm
