#include "dcm/stats.hpp"

namespace incrementa::dcm {

namespace {
// s += the statistics of `count` customers; value(i, t, v) and x0(i, f) read customer i.
template <class Value, class X0>
void accumulate(PanelStats& s, size_t T, size_t V, size_t F, size_t L, size_t count, Value value, X0 x0) {
  const size_t K = V - 1;
  if (s.gram.empty()) {
    s.D = stats_dim(V, F, L);
    s.gram.assign(T - L, Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(s.D), static_cast<Eigen::Index>(s.D)));
  }
  if (count == 0) return;
  const Eigen::Index D = static_cast<Eigen::Index>(s.D);
  // Z' (D x count), one customer per column: contiguous writes, and Z'Z = (Z')(Z')' is the rank update.
  Eigen::MatrixXd zt(D, static_cast<Eigen::Index>(count));
  for (size_t t = L; t < T; ++t) {
    for (size_t i = 0; i < count; ++i) {
      double* z = zt.col(static_cast<Eigen::Index>(i)).data();
      *z++ = 1.0;
      for (size_t f = 0; f < F; ++f) *z++ = x0(i, f);
      for (size_t l = 1; l <= L; ++l)
        for (size_t k = 0; k < K; ++k) *z++ = value(i, t - l, k);
      for (size_t v = 0; v < V; ++v) *z++ = value(i, t, v);
    }
    Eigen::MatrixXd& g = s.gram[t - L];
    g.selfadjointView<Eigen::Lower>().rankUpdate(zt);
    g.triangularView<Eigen::StrictlyUpper>() = g.transpose();
  }
}
}  // namespace

void PanelStats::add(const PanelStats& o) {
  if (gram.empty()) {
    *this = o;
    return;
  }
  if (o.gram.empty()) return;
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

size_t stats_dim(size_t vars, size_t features, size_t lags) { return 1 + features + lags * (vars - 1) + vars; }
size_t stats_dim(const Panel& p, size_t lags) { return stats_dim(p.vars(), p.features.size(), lags); }

void add_block_stats(PanelStats& s, const CustomerBlock& b, size_t lags) {
  const size_t T = b.periods, V = b.vars, F = b.features;
  accumulate(
      s, T, V, F, lags, b.count, [&](size_t i, size_t t, size_t v) { return b.values[(i * T + t) * V + v]; },
      [&](size_t i, size_t f) { return b.x0[i * F + f]; });
}

PanelStats customer_stats(const Panel& p, size_t lags, const size_t* customers, size_t count) {
  PanelStats s;
  const size_t F = p.features.size();
  accumulate(
      s, p.periods, p.vars(), F, lags, count, [&](size_t i, size_t t, size_t v) { return p.value(customers[i], t, v); },
      [&](size_t i, size_t f) { return p.x0[customers[i] * F + f]; });
  return s;
}

PanelStats customer_stats_range(const Panel& p, size_t lags, size_t begin, size_t end) {
  PanelStats s;
  const size_t T = p.periods, V = p.vars(), F = p.features.size();
  // Customers [begin, end) are contiguous in the panel: a block.
  add_block_stats(s, {end - begin, T, V, F, p.values.data() + begin * T * V, p.x0.data() + begin * F}, lags);
  return s;
}

PanelStats panel_stats(const Panel& p, size_t lags) {
  PanelStats init;
  init.D = stats_dim(p, lags);
  init.gram.assign(p.periods - lags, Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(init.D), static_cast<Eigen::Index>(init.D)));
  const size_t T = p.periods, V = p.vars(), F = p.features.size();
  return sharded_fold(
      p.n(), init,
      [&](PanelStats& s, size_t b, size_t e) {
        add_block_stats(s, {e - b, T, V, F, p.values.data() + b * T * V, p.x0.data() + b * F}, lags);
      },
      [](PanelStats& acc, const PanelStats& part) { acc.add(part); });
}

}  // namespace incrementa::dcm
