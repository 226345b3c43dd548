#include "mmm/regression.hpp"

#include <cmath>
#include <numbers>

#include "core/error.hpp"
#include "core/portable_math.hpp"

namespace incrementa::mmm {

BaseDesign base_design(const MmmData& data, const MmmOptions& options) {
  const size_t n = data.weeks_count();
  BaseDesign b;
  if (options.trend) {
    std::vector<double> t(n);
    for (size_t i = 0; i < n; ++i) t[i] = n > 1 ? static_cast<double>(i) / static_cast<double>(n - 1) : 0.0;
    b.names.push_back("trend");
    b.columns.push_back(std::move(t));
  }
  for (size_t k = 1; k <= options.fourier; ++k) {
    std::vector<double> s(n), c(n);
    for (size_t i = 0; i < n; ++i) {
      const double angle = 2.0 * std::numbers::pi * static_cast<double>(k) * data.season_day[i] / 365.25;
      portable::sincos(angle, s[i], c[i]);  // the C libraries' sin and cos differ in the last bit
    }
    b.names.push_back("sin " + std::to_string(k));
    b.columns.push_back(std::move(s));
    b.names.push_back("cos " + std::to_string(k));
    b.columns.push_back(std::move(c));
  }
  for (size_t j = 0; j < data.controls.size(); ++j) {
    b.names.push_back(data.controls[j]);
    b.columns.push_back(data.control[j]);
  }
  return b;
}

namespace {

// Solves A x = b for a small symmetric positive definite A (row-major m x m) by Cholesky, in a fixed
// scalar order: the search compares objectives that differ in the last bits, so the solve must give the
// same bits natively and in WASM (Eigen vectorises natively but not in WASM, which changes sums' order).
std::vector<double> cholesky_solve(std::vector<double> a, std::vector<double> b, size_t m) {
  for (size_t j = 0; j < m; ++j) {
    double d = a[j * m + j];
    for (size_t k = 0; k < j; ++k) d -= a[j * m + k] * a[j * m + k];
    d = std::sqrt(d > 0 ? d : 1e-300);
    a[j * m + j] = d;
    for (size_t i = j + 1; i < m; ++i) {
      double v = a[i * m + j];
      for (size_t k = 0; k < j; ++k) v -= a[i * m + k] * a[j * m + k];
      a[i * m + j] = v / d;
    }
  }
  for (size_t i = 0; i < m; ++i) {
    double v = b[i];
    for (size_t k = 0; k < i; ++k) v -= a[i * m + k] * b[k];
    b[i] = v / a[i * m + i];
  }
  for (size_t i = m; i-- > 0;) {
    double v = b[i];
    for (size_t k = i + 1; k < m; ++k) v -= a[k * m + i] * b[k];
    b[i] = v / a[i * m + i];
  }
  return b;
}

void standardise(const std::vector<double>& x, size_t rows, std::vector<double>& z, double& mean, double& sd) {
  double m = 0;
  for (size_t i = 0; i < rows; ++i) m += x[i];
  m /= static_cast<double>(rows);
  double v = 0;
  for (size_t i = 0; i < rows; ++i) v += (x[i] - m) * (x[i] - m);
  v /= static_cast<double>(rows);
  mean = m;
  // A column that is constant in the fitted weeks (a control, or media fully
  // saturated) carries nothing: its coefficient is 0.
  sd = v > 1e-24 * (1.0 + m * m) ? std::sqrt(v) : 0.0;
  z.assign(rows, 0.0);
  if (sd > 0)
    for (size_t i = 0; i < rows; ++i) z[i] = (x[i] - m) / sd;
}

}  // namespace

MediaRegression::MediaRegression(const std::vector<double>& y, const BaseDesign& base, size_t channels, size_t rows)
    : rows_(rows), q_(base.columns.size()), p_(base.columns.size() + channels) {
  standardise(y, rows, yc_, y_mean_, y_sd_);
  if (y_sd_ == 0) throw InputError("mmm: the KPI is the same every week; there is nothing to explain");
  z_.resize(p_);
  mean_.assign(p_, 0.0);
  sd_.assign(p_, 0.0);
  gram_.assign(p_ * p_, 0.0);
  zy_.assign(p_, 0.0);
  for (size_t j = 0; j < q_; ++j) {
    standardise(base.columns[j], rows, z_[j], mean_[j], sd_[j]);
  }
  for (size_t j = q_; j < p_; ++j) z_[j].assign(rows, 0.0);
  for (size_t j = 0; j < p_; ++j) refresh(j);
}

void MediaRegression::refresh(size_t j) {
  const std::vector<double>& zj = z_[j];
  for (size_t k = 0; k < p_; ++k) {
    const std::vector<double>& zk = z_[k];
    double s = 0;
    for (size_t i = 0; i < rows_; ++i) s += zj[i] * zk[i];
    gram_[j * p_ + k] = s;
    gram_[k * p_ + j] = s;
  }
  double s = 0;
  for (size_t i = 0; i < rows_; ++i) s += zj[i] * yc_[i];
  zy_[j] = s;
}

void MediaRegression::set_media(size_t channel, const std::vector<double>& column) {
  const size_t j = q_ + channel;
  standardise(column, rows_, z_[j], mean_[j], sd_[j]);
  refresh(j);
}

Coefficients MediaRegression::solve(double ridge) const {
  // Active columns: every column with variation; media columns leave the set
  // while their coefficient is negative (the most negative first).
  std::vector<char> active(p_);
  for (size_t j = 0; j < p_; ++j) active[j] = sd_[j] > 0;
  const double penalty = ridge * static_cast<double>(rows_);
  std::vector<double> c(p_, 0.0);
  for (;;) {
    std::vector<size_t> idx;
    for (size_t j = 0; j < p_; ++j)
      if (active[j]) idx.push_back(j);
    const size_t m = idx.size();
    std::vector<double> a(m * m), b(m);
    for (size_t r = 0; r < m; ++r) {
      for (size_t s = 0; s < m; ++s) a[r * m + s] = gram_[idx[r] * p_ + idx[s]];
      // A tiny floor keeps an unpenalised fit solvable when columns are collinear.
      a[r * m + r] += penalty + 1e-9 * static_cast<double>(rows_);
      b[r] = zy_[idx[r]];
    }
    const std::vector<double> sol = cholesky_solve(std::move(a), std::move(b), m);
    std::fill(c.begin(), c.end(), 0.0);
    for (size_t r = 0; r < m; ++r) c[idx[r]] = sol[r];
    size_t worst = p_;
    for (size_t j = q_; j < p_; ++j)
      if (active[j] && c[j] < 0 && (worst == p_ || c[j] < c[worst])) worst = j;
    if (worst == p_) break;
    active[worst] = 0;
  }
  // Penalised residual sum of squares from the Gram matrix: |yc|^2 - 2 c'Z'y + c'Gc + penalty |c|^2.
  double obj = static_cast<double>(rows_);  // |yc|^2 = rows (standardised)
  for (size_t j = 0; j < p_; ++j) {
    const double cj = c[j];
    if (cj == 0) continue;
    obj -= 2 * cj * zy_[j];
    for (size_t k = 0; k < p_; ++k) obj += cj * gram_[j * p_ + k] * c[k];
    obj += penalty * cj * cj;
  }
  Coefficients out;
  out.objective = obj;
  out.intercept = y_mean_;
  out.base.assign(q_, 0.0);
  out.media.assign(p_ - q_, 0.0);
  for (size_t j = 0; j < p_; ++j) {
    const double raw = sd_[j] > 0 ? c[j] * y_sd_ / sd_[j] : 0.0;
    out.intercept -= raw * mean_[j];
    (j < q_ ? out.base[j] : out.media[j - q_]) = raw;
  }
  return out;
}

}  // namespace incrementa::mmm
