#include "dcm/game.hpp"

#include <algorithm>
#include <array>
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/error.hpp"

namespace incrementa::dcm {

namespace {

constexpr size_t kBatch = 16;  // coalitions evaluated together (the four lowest players vary)

// Two doubles at a time: WASM SIMD or SSE2, else plain C++. Multiply then add
// (never fused), so every build rounds exactly as the scalar code would.
#if defined(__wasm_simd128__)
using V2 = v128_t;
inline V2 v_load(const double* p) { return wasm_v128_load(p); }
inline void v_store(double* p, V2 v) { wasm_v128_store(p, v); }
inline V2 v_splat(double x) { return wasm_f64x2_splat(x); }
inline V2 v_madd(V2 acc, V2 c, V2 x) { return wasm_f64x2_add(acc, wasm_f64x2_mul(c, x)); }
#elif defined(__SSE2__)
using V2 = __m128d;
inline V2 v_load(const double* p) { return _mm_loadu_pd(p); }
inline void v_store(double* p, V2 v) { _mm_storeu_pd(p, v); }
inline V2 v_splat(double x) { return _mm_set1_pd(x); }
inline V2 v_madd(V2 acc, V2 c, V2 x) { return _mm_add_pd(acc, _mm_mul_pd(c, x)); }
#else
struct V2 {
  double lo, hi;
};
inline V2 v_load(const double* p) { return {p[0], p[1]}; }
inline void v_store(double* p, V2 v) { p[0] = v.lo, p[1] = v.hi; }
inline V2 v_splat(double x) { return {x, x}; }
inline V2 v_madd(V2 acc, V2 c, V2 x) { return {acc.lo + c.lo * x.lo, acc.hi + c.hi * x.hi}; }
#endif

class DcmGame : public Game {
 public:
  DcmGame(const Model& m, const Totals& totals, std::vector<std::string> names, std::vector<std::vector<size_t>> vars)
      : names_(std::move(names)), T_(m.periods), K_(m.K), E_(m.E), L_(m.L), V_(m.V()), P_(m.L * m.K + m.E) {
    obs_ = totals.sums;
    clamp_.assign(K_, 0);
    for (size_t i = 0; i < vars.size(); ++i)
      for (size_t v : vars[i]) clamp_[v] |= Coalition{1} << i;
    // One dense V x P block per distinct equation: lag coefficients, then the
    // same-period ES coefficients (zero for targets without them). Intercepts,
    // features and period effects cancel in the delta.
    const size_t blocks = m.config.pooled ? 1 : (T_ > L_ ? T_ - L_ : 0);
    coef_.assign(blocks * V_ * P_, 0.0);
    for (size_t q = 0; q < blocks; ++q)
      for (size_t v = 0; v < V_; ++v) {
        const Eigen::VectorXd& b = m.equations[m.config.pooled ? v : q * V_ + v].coef;
        double* row = &coef_[(q * V_ + v) * P_];
        for (size_t l = 1; l <= L_; ++l)
          for (size_t k = 0; k < K_; ++k) row[(l - 1) * K_ + k] = b[static_cast<Eigen::Index>(m.lag_index(l, k))];
        if (m.has_same(v))
          for (size_t e = 0; e < E_; ++e) row[L_ * K_ + e] = b[static_cast<Eigen::Index>(m.same_index(e))];
      }
    pooled_ = m.config.pooled;
    double none = 0;
    totals_of(0, 1, &none);
    none_ = none;
  }
  size_t players() const override { return names_.size(); }
  const std::string& player_name(size_t i) const override { return names_[i]; }
  double value(Coalition s) const override {
    double v = 0;
    values(s, 1, &v);
    return v;
  }
  // outcome(only S on) - outcome(none on), each the summed outcome delta with the others off.
  void values(Coalition first, size_t count, double* out) const override {
    while (count > 0) {
      const size_t room = kBatch - static_cast<size_t>(first % kBatch);
      const size_t w = std::min(count, room);
      totals_of(first, w, out);
      for (size_t b = 0; b < w; ++b) out[b] -= none_;
      first += w;
      out += w;
      count -= w;
    }
  }

 private:
  // The summed outcome delta of coalitions first .. first + w - 1 (w <= 16, all
  // inside one aligned block of 16, so they differ only in the four lowest players).
  void totals_of(Coalition first, size_t w, double* out) const {
    const size_t cols = (w + 3) / 4 * 4;
    const size_t slots = L_ + 1;
    Coalition varying = 0;
    for (size_t b = 1; b < w; ++b) varying |= (first + b) ^ first;
    const Coalition fixed_off = ~first & ~varying;
    // Per surrogate: 0 never switched off here, 1 off in every coalition (a
    // constant), 2 off in some (a per-coalition blend).
    std::vector<uint8_t> kind(K_, 0);
    for (size_t k = 0; k < K_; ++k) kind[k] = (clamp_[k] & fixed_off) ? 1 : (clamp_[k] & varying) ? 2 : 0;
    // Regressors split into per-coalition columns and constants.
    std::vector<size_t> lag_cols, all_cols, consts;  // regressor indices j
    for (size_t j = 0; j < P_; ++j) {
      const size_t k = j < L_ * K_ ? j % K_ : K_ - E_ + (j - L_ * K_);
      if (kind[k] == 1) {
        consts.push_back(j);
      } else {
        all_cols.push_back(j);
        if (j < L_ * K_) lag_cols.push_back(j);
      }
    }
    std::vector<size_t> es_rows, other_rows;
    for (size_t v = K_ - E_; v < K_; ++v)
      if (kind[v] != 1) es_rows.push_back(v);
    for (size_t v = 0; v < K_ - E_; ++v) other_rows.push_back(v);
    other_rows.push_back(K_);  // the outcome: last, so its row is state[K_]
    std::vector<double> state(slots * (K_ + 1) * kBatch, 0.0);
    std::vector<const double*> in(P_);
    std::vector<double> cval(P_, 0.0);
    std::array<double, kBatch> total{};
    auto row_of = [&](size_t t, size_t v) { return &state[((t % slots) * (K_ + 1) + v) * kBatch]; };
    for (size_t t = 0; t < T_; ++t) {
      // Regressor sources this period: lagged rows, same-period ES rows, constants.
      if (t >= L_) {
        for (size_t j = 0; j < P_; ++j) {
          const bool lag = j < L_ * K_;
          const size_t k = lag ? j % K_ : K_ - E_ + (j - L_ * K_);
          const size_t tt = lag ? t - (j / K_ + 1) : t;
          if (kind[k] == 1) cval[j] = -obs_[tt * V_ + k];
          else in[j] = row_of(tt, k);
        }
      }
      const double* c = t >= L_ ? &coef_[(pooled_ ? 0 : (t - L_)) * V_ * P_] : nullptr;
      // Same-period ES equations first (lags only), then switch off.
      rows(c, es_rows, lag_cols, consts, in, cval, t, cols, row_of);
      for (size_t v : es_rows)
        if (kind[v] == 2) {
          double* r = row_of(t, v);
          for (size_t b = 0; b < w; ++b)
            if (clamp_[v] & ~(first + b)) r[b] = -obs_[t * V_ + v];
        }
      // Then the non-ES surrogates and the outcome (lags and same-period ES).
      rows(c, other_rows, all_cols, consts, in, cval, t, cols, row_of);
      const double* y = row_of(t, K_);
      for (size_t b = 0; b < w; ++b) total[b] += y[b];
    }
    for (size_t b = 0; b < w; ++b) out[b] = total[b];
  }

  // r[v][b] = sum_j c[v][j] x_j[b] over the per-coalition columns, plus the
  // constants' share (zero rows before period L). Blocks of 4 rows x 4
  // coalitions keep 16 sums in 8 two-lane registers.
  template <class RowOf>
  void rows(const double* c, const std::vector<size_t>& targets, const std::vector<size_t>& cols_j,
            const std::vector<size_t>& consts, const std::vector<const double*>& in, const std::vector<double>& cval,
            size_t t, size_t cols, RowOf row_of) const {
    if (!c) {
      for (size_t v : targets) std::fill_n(row_of(t, v), kBatch, 0.0);
      return;
    }
    const size_t nj = cols_j.size();
    size_t i = 0;
    for (; i + 4 <= targets.size(); i += 4) {
      const double* cr[4];
      double* out[4];
      double base[4];
      for (size_t a = 0; a < 4; ++a) {
        cr[a] = c + targets[i + a] * P_;
        out[a] = row_of(t, targets[i + a]);
        double s = 0;
        for (size_t j : consts) s += cr[a][j] * cval[j];
        base[a] = s;
      }
      for (size_t b0 = 0; b0 < cols; b0 += 4) {
        V2 acc[4][2];
        for (size_t a = 0; a < 4; ++a) acc[a][0] = acc[a][1] = v_splat(base[a]);
        for (size_t jj = 0; jj < nj; ++jj) {
          const size_t j = cols_j[jj];
          const V2 x0 = v_load(in[j] + b0), x1 = v_load(in[j] + b0 + 2);
          for (size_t a = 0; a < 4; ++a) {
            const V2 ca = v_splat(cr[a][j]);
            acc[a][0] = v_madd(acc[a][0], ca, x0);
            acc[a][1] = v_madd(acc[a][1], ca, x1);
          }
        }
        for (size_t a = 0; a < 4; ++a) {
          v_store(out[a] + b0, acc[a][0]);
          v_store(out[a] + b0 + 2, acc[a][1]);
        }
      }
    }
    for (; i < targets.size(); ++i) {
      const double* cr = c + targets[i] * P_;
      double* out = row_of(t, targets[i]);
      double base = 0;
      for (size_t j : consts) base += cr[j] * cval[j];
      for (size_t b0 = 0; b0 < cols; b0 += 4) {
        V2 a0 = v_splat(base), a1 = a0;
        for (size_t jj = 0; jj < nj; ++jj) {
          const size_t j = cols_j[jj];
          const V2 cj = v_splat(cr[j]);
          a0 = v_madd(a0, cj, v_load(in[j] + b0));
          a1 = v_madd(a1, cj, v_load(in[j] + b0 + 2));
        }
        v_store(out + b0, a0);
        v_store(out + b0 + 2, a1);
      }
    }
  }

  std::vector<std::string> names_;
  size_t T_, K_, E_, L_, V_, P_;
  bool pooled_ = false;
  std::vector<double> obs_;     // period totals, T x V
  std::vector<Coalition> clamp_;  // per surrogate: the players that switch it off
  std::vector<double> coef_;    // per equation block: V x P
  double none_ = 0;
};

std::string joined(const std::vector<std::string>& xs) {
  std::string s;
  for (const auto& x : xs) s += (s.empty() ? "" : ", ") + x;
  return s;
}

}  // namespace

std::unique_ptr<Game> dcm_game(const Model& model, const Panel& panel, const std::string& players) {
  check_panel(model, panel);
  return dcm_game(model, panel_totals(panel), players);
}

std::unique_ptr<Game> dcm_game(const Model& model, const Totals& totals, const std::string& players) {
  if (totals.sums.size() != model.periods * model.V()) throw InputError("dcm shapley: the period totals do not match the model");
  std::vector<std::string> names;
  std::vector<std::vector<size_t>> vars;
  auto index_of = [&](const std::string& s) {
    return static_cast<size_t>(std::find(model.variables.begin(), model.variables.end(), s) - model.variables.begin());
  };
  auto add_group = [&](const std::string& name, const std::vector<std::string>& members) {
    names.push_back(name);
    std::vector<size_t> v;
    for (const auto& s : members) v.push_back(index_of(s));
    vars.push_back(v);
  };
  std::vector<std::string> group_names;
  for (const auto& g : model.config.groups) group_names.push_back(g.first);
  if (players == "features") {
    for (const auto& s : model.config.es_surrogates) add_group(s, {s});
  } else if (players == "channels" || players == "groups") {
    if (model.config.groups.empty())
      throw InputError("dcm shapley: the model's config has no 'groups' (channels of ES surrogates); use players 'features' or a list of ES surrogates");
    for (const auto& [name, members] : model.config.groups) add_group(name, members);
  } else {
    // A list of channel (group) names and ES surrogates.
    size_t start = 0;
    while (start <= players.size()) {
      size_t end = players.find(',', start);
      if (end == std::string::npos) end = players.size();
      std::string name = players.substr(start, end - start);
      name.erase(0, name.find_first_not_of(" \t"));
      name.erase(name.find_last_not_of(" \t") + 1);
      start = end + 1;
      if (name.empty()) continue;
      if (std::find(names.begin(), names.end(), name) != names.end())
        throw InputError("dcm shapley: player '" + name + "' is listed twice");
      auto g = std::find_if(model.config.groups.begin(), model.config.groups.end(), [&](const auto& x) { return x.first == name; });
      if (g != model.config.groups.end()) {
        add_group(name, g->second);
      } else if (std::find(model.config.es_surrogates.begin(), model.config.es_surrogates.end(), name) !=
                 model.config.es_surrogates.end()) {
        add_group(name, {name});
      } else {
        throw InputError("dcm shapley: player '" + name + "' is not a channel or ES surrogate of the model (players must be 'channels', " +
                         "'features', or a comma-separated list of: " + joined(group_names) + (group_names.empty() ? "" : ", ") +
                         joined(model.config.es_surrogates) + ")");
      }
    }
  }
  if (names.empty()) throw InputError("dcm shapley: the model has no ES surrogates to use as players");
  if (names.size() > 62) throw InputError("dcm shapley: at most 62 players");
  return std::make_unique<DcmGame>(model, totals, names, vars);
}

}  // namespace incrementa::dcm
