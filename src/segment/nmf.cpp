#include "segment/nmf.hpp"

#include <algorithm>
#include <cmath>

#include "core/parallel.hpp"

namespace incrementa::segment {

namespace {
constexpr size_t kRowGrain = 1024;

double residual_ss(const Matrix& x, const Matrix& w, const Matrix& h, const double* weight) {
  const size_t p = x.cols, k = w.cols;
  return parallel_map_reduce(
      x.rows, 4096, 0.0,
      [&](size_t b, size_t e) {
        std::vector<double> v(p);
        double s = 0;
        for (size_t i = b; i < e; ++i) {
          const double* xi = x.row(i);
          const double* wi = w.row(i);
          std::fill(v.begin(), v.end(), 0.0);
          size_t t = 0;
          for (; t + 4 <= k; t += 4) {
            const double w0 = wi[t], w1 = wi[t + 1], w2 = wi[t + 2], w3 = wi[t + 3];
            const double *h0 = h.row(t), *h1 = h.row(t + 1), *h2 = h.row(t + 2), *h3 = h.row(t + 3);
            for (size_t j = 0; j < p; ++j) v[j] = (((v[j] + w0 * h0[j]) + w1 * h1[j]) + w2 * h2[j]) + w3 * h3[j];
          }
          for (; t < k; ++t) {
            const double wt = wi[t];
            const double* ht = h.row(t);
            for (size_t j = 0; j < p; ++j) v[j] += wt * ht[j];
          }
          double row = 0;
          for (size_t j = 0; j < p; ++j) {
            const double r = xi[j] - v[j];
            row += r * r;
          }
          s += weight ? weight[i] * row : row;
        }
        return s;
      },
      [](double& acc, double part) { acc += part; });
}

// One HALS sweep over the rows of W for fixed H. Inner loops run over the
// factors (contiguous, no cross-iteration sums), so they vectorise without
// changing any element's summation order: the same bits with or without SIMD.
void update_w(const Matrix& x, Matrix& w, const Matrix& h, size_t sweeps) {
  const size_t p = x.cols, k = h.rows;
  Matrix ht(p, k), hht(k, k);
  for (size_t t = 0; t < k; ++t)
    for (size_t j = 0; j < p; ++j) ht(j, t) = h(t, j);
  for (size_t j = 0; j < p; ++j)
    for (size_t s = 0; s < k; ++s)
      for (size_t t = 0; t < k; ++t) hht(s, t) += ht(j, s) * ht(j, t);
  std::vector<double> inv_hess(k, 0.0);  // multiplications, not divisions, on the row loop's critical path
  for (size_t t = 0; t < k; ++t) inv_hess[t] = hht(t, t) > 0 ? 1.0 / hht(t, t) : 0.0;
  parallel_for(x.rows, kRowGrain, [&](size_t b, size_t e) {
    std::vector<double> xht(k), grad(k);
    for (size_t i = b; i < e; ++i) {
      const double* xi = x.row(i);
      double* wi = w.row(i);
      // x_i H^T, four features per pass: each sum still runs j = 0, 1, 2, ...
      // in order (the same bits), with a quarter of the stores.
      std::fill(xht.begin(), xht.end(), 0.0);
      size_t j = 0;
      for (; j + 4 <= p; j += 4) {
        const double x0 = xi[j], x1 = xi[j + 1], x2 = xi[j + 2], x3 = xi[j + 3];
        const double *h0 = ht.row(j), *h1 = ht.row(j + 1), *h2 = ht.row(j + 2), *h3 = ht.row(j + 3);
        for (size_t t = 0; t < k; ++t) xht[t] = (((xht[t] + x0 * h0[t]) + x1 * h1[t]) + x2 * h2[t]) + x3 * h3[t];
      }
      for (; j < p; ++j) {
        const double xij = xi[j];
        const double* hj = ht.row(j);
        for (size_t t = 0; t < k; ++t) xht[t] += xij * hj[t];
      }
      // The gradient HHt w - XHt is kept up to date as each coordinate moves
      // (an axpy per change instead of a dot product per coordinate).
      for (size_t t = 0; t < k; ++t) grad[t] = -xht[t];
      size_t r = 0;  // symmetric: row r of HHt = column r; four per pass, sums in order
      for (; r + 4 <= k; r += 4) {
        const double w0 = wi[r], w1 = wi[r + 1], w2 = wi[r + 2], w3 = wi[r + 3];
        const double *c0 = hht.row(r), *c1 = hht.row(r + 1), *c2 = hht.row(r + 2), *c3 = hht.row(r + 3);
        for (size_t t = 0; t < k; ++t) grad[t] = (((grad[t] + c0[t] * w0) + c1[t] * w1) + c2[t] * w2) + c3[t] * w3;
      }
      for (; r < k; ++r) {
        const double wr = wi[r];
        const double* col = hht.row(r);
        for (size_t t = 0; t < k; ++t) grad[t] += col[t] * wr;
      }
      for (size_t sweep = 0; sweep < sweeps; ++sweep)
        for (size_t t = 0; t < k; ++t) {
          if (!(hht(t, t) > 0)) continue;
          const double next = std::max(0.0, wi[t] - grad[t] * inv_hess[t]);
          const double delta = next - wi[t];
          if (delta == 0) continue;
          wi[t] = next;
          const double* col = hht.row(t);
          for (size_t q = 0; q < k; ++q) grad[q] += col[q] * delta;
        }
    }
  });
}

// One HALS sweep over H for fixed W.
void update_h(const Matrix& x, const Matrix& w, Matrix& h, size_t sweeps, const double* weight) {
  const size_t p = x.cols, k = w.cols;
  // X^T W (p x k) and W^T W (k x k) in one pass, chunk sums folded in order.
  const size_t m = p * k + k * k;
  const std::vector<double> acc = parallel_map_reduce(
      x.rows, 4096, std::vector<double>(m, 0.0),
      [&](size_t b, size_t e) {
        std::vector<double> s(m, 0.0);
        double* xtw = s.data();
        double* wtw = s.data() + p * k;
        std::vector<double> scaled(weight ? k : 0);
        for (size_t i = b; i < e; ++i) {
          const double* xi = x.row(i);
          const double* w0 = w.row(i);
          const double* wi = w0;
          if (weight) {  // a row counted weight[i] times (bootstrap multiplicity)
            for (size_t t = 0; t < k; ++t) scaled[t] = weight[i] * w0[t];
            wi = scaled.data();
          }
          for (size_t j = 0; j < p; ++j) {
            const double xij = xi[j];
            double* out = xtw + j * k;
            for (size_t t = 0; t < k; ++t) out[t] += xij * wi[t];
          }
          for (size_t s1 = 0; s1 < k; ++s1) {
            const double w1 = wi[s1];
            double* out = wtw + s1 * k;
            for (size_t t = s1; t < k; ++t) out[t] += w1 * w0[t];
          }
        }
        return s;
      },
      [](std::vector<double>& a, const std::vector<double>& part) {
        for (size_t q = 0; q < a.size(); ++q) a[q] += part[q];
      });
  const double* xtw = acc.data();
  std::vector<double> wtw(acc.begin() + static_cast<long>(p * k), acc.end());
  for (size_t s1 = 0; s1 < k; ++s1)
    for (size_t t = 0; t < s1; ++t) wtw[s1 * k + t] = wtw[t * k + s1];
  for (size_t sweep = 0; sweep < sweeps; ++sweep)
  for (size_t j = 0; j < p; ++j) {
    for (size_t t = 0; t < k; ++t) {
      const double hess = wtw[t * k + t];
      if (!(hess > 0)) continue;
      double grad = -xtw[j * k + t];
      for (size_t r = 0; r < k; ++r) grad += wtw[t * k + r] * h(r, j);
      h(t, j) = std::max(0.0, h(t, j) - grad / hess);
    }
  }
}
}  // namespace

double centred_sum_of_squares(const Matrix& x) {
  const size_t n = x.rows, p = x.cols;
  std::vector<double> mean(p, 0.0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < p; ++j) mean[j] += x(i, j);
  for (auto& m : mean) m /= static_cast<double>(n);
  double s = 0;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < p; ++j) {
      const double d = x(i, j) - mean[j];
      s += d * d;
    }
  return s;
}

void nndsvda(const Matrix& x, size_t k, Matrix& w, Matrix& h) {
  const size_t n = x.rows, p = x.cols;
  // SVD through the eigen-decomposition of X^T X (p x p; p is small).
  Matrix xtx(p, p);
  for (size_t i = 0; i < n; ++i) {
    const double* xi = x.row(i);
    for (size_t a = 0; a < p; ++a)
      for (size_t b = a; b < p; ++b) xtx(a, b) += xi[a] * xi[b];
  }
  for (size_t a = 0; a < p; ++a)
    for (size_t b = 0; b < a; ++b) xtx(a, b) = xtx(b, a);
  std::vector<double> eig;
  Matrix v;
  symmetric_eigen(xtx, eig, v);
  double mean = 0;
  for (double c : x.data) mean += c;
  mean /= static_cast<double>(x.data.size());

  w = Matrix(n, k);
  h = Matrix(k, p);
  std::vector<double> u(n);
  for (size_t j = 0; j < k; ++j) {
    const double sigma = std::sqrt(std::max(0.0, eig[j]));
    if (!(sigma > 1e-12 * std::sqrt(std::max(eig[0], 0.0)))) continue;  // rank exhausted: filled with the mean below
    for (size_t i = 0; i < n; ++i) {
      double s = 0;
      for (size_t a = 0; a < p; ++a) s += x(i, a) * v(a, j);
      u[i] = s / sigma;
    }
    if (j == 0) {
      const double r = std::sqrt(sigma);
      for (size_t i = 0; i < n; ++i) w(i, 0) = r * std::fabs(u[i]);
      for (size_t a = 0; a < p; ++a) h(0, a) = r * std::fabs(v(a, 0));
      continue;
    }
    double xp = 0, xn = 0, yp = 0, yn = 0;
    for (size_t i = 0; i < n; ++i) (u[i] > 0 ? xp : xn) += u[i] * u[i];
    for (size_t a = 0; a < p; ++a) (v(a, j) > 0 ? yp : yn) += v(a, j) * v(a, j);
    xp = std::sqrt(xp), xn = std::sqrt(xn), yp = std::sqrt(yp), yn = std::sqrt(yn);
    const double mp = xp * yp, mn = xn * yn;
    const bool positive = mp > mn;
    const double nu = positive ? xp : xn, nv = positive ? yp : yn, m = positive ? mp : mn;
    if (!(nu > 0 && nv > 0)) continue;
    const double lambda = std::sqrt(sigma * m);
    for (size_t i = 0; i < n; ++i) {
      const double c = positive ? std::max(u[i], 0.0) : std::max(-u[i], 0.0);
      w(i, j) = lambda * c / nu;
    }
    for (size_t a = 0; a < p; ++a) {
      const double c = positive ? std::max(v(a, j), 0.0) : std::max(-v(a, j), 0.0);
      h(j, a) = lambda * c / nv;
    }
  }
  constexpr double eps = 1e-6;
  for (auto& c : w.data) c = c < eps ? mean : c;
  for (auto& c : h.data) c = c < eps ? mean : c;
}

NmfResult nmf_refine(const Matrix& x, Matrix w, Matrix h, const NmfOptions& o, double centred_ss,
                     const std::vector<double>* weights) {
  const double* weight = weights ? weights->data() : nullptr;
  NmfResult r;
  double previous = std::sqrt(residual_ss(x, w, h, weight));
  size_t it = 0;
  while (it < o.max_iter && previous > 0) {
    update_w(x, w, h, o.w_sweeps);
    update_h(x, w, h, o.h_sweeps, weight);
    ++it;
    if (it % 10 == 0) {
      const double err = std::sqrt(residual_ss(x, w, h, weight));
      const bool done = err == 0 || (previous - err) / previous < o.tol;
      previous = err;
      if (done) break;
    }
  }
  const double err = it % 10 == 0 ? previous : std::sqrt(residual_ss(x, w, h, weight));
  r.w = std::move(w);
  r.h = std::move(h);
  r.error = err;
  r.iterations = it;
  r.explained_variance = centred_ss > 0 ? 1 - err * err / centred_ss : 0.0;
  return r;
}

NmfResult nmf_fit(const Matrix& x, size_t k, const NmfOptions& o, double centred_ss) {
  Matrix w, h;
  nndsvda(x, k, w, h);
  return nmf_refine(x, std::move(w), std::move(h), o, centred_ss);
}

void normalise_loadings(NmfResult& r) {
  const size_t k = r.h.rows, p = r.h.cols;
  for (size_t t = 0; t < k; ++t) {
    double s = 0;
    for (size_t j = 0; j < p; ++j) s += r.h(t, j);
    if (!(s > 0)) continue;
    for (size_t j = 0; j < p; ++j) r.h(t, j) /= s;
    for (size_t i = 0; i < r.w.rows; ++i) r.w(i, t) *= s;
  }
}

Matrix nmf_scores(const Matrix& x, const Matrix& h, Matrix w, size_t sweeps) {
  update_w(x, w, h, sweeps);  // X H^T once, then `sweeps` coordinate sweeps per row
  return w;
}

}  // namespace incrementa::segment
