#include "dcm/train.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"

namespace incrementa::dcm {

namespace {

// The equation's columns in z (see stats.hpp), with their names.
struct Layout {
  std::vector<Eigen::Index> x;  // columns of z
  std::vector<std::string> names;
  Eigen::Index y = 0;
};

Layout layout_of(const Model& m, size_t target) {
  Layout lay;
  Eigen::Index col = 0;
  lay.x.push_back(col++);
  lay.names.push_back("intercept");
  for (size_t f = 0; f < m.F; ++f) {
    lay.x.push_back(col++);
    lay.names.push_back("x0:" + m.config.features[f]);
  }
  for (size_t l = 1; l <= m.L; ++l)
    for (size_t k = 0; k < m.K; ++k) {
      lay.x.push_back(col++);
      lay.names.push_back("lag" + std::to_string(l) + ":" + m.variables[k]);
    }
  const Eigen::Index current = col;
  if (m.has_same(target))
    for (size_t e = 0; e < m.E; ++e) {
      lay.x.push_back(current + static_cast<Eigen::Index>(m.K - m.E + e));
      lay.names.push_back("same:" + m.variables[m.K - m.E + e]);
    }
  lay.y = current + static_cast<Eigen::Index>(target);
  return lay;
}

// Solves (X'X + ridge) b = X'y; coefficients, SEs, R^2, sigma^2.
void solve(Equation& q, const Eigen::MatrixXd& xtx, const Eigen::VectorXd& xty, double yty, double sumy, double n,
           const std::vector<bool>& penalised, double ridge, const std::string& what) {
  const Eigen::Index p = xtx.rows();
  if (n <= static_cast<double>(p))
    throw NumericError("dcm: " + what + " has " + format_number(n) + " rows for " + std::to_string(p) +
                       " coefficients; add customers or use fewer lags / surrogates (or pooled)");
  Eigen::MatrixXd h = xtx;
  for (Eigen::Index j = 0; j < p; ++j)
    if (penalised[static_cast<size_t>(j)]) h(j, j) += ridge;
  Eigen::LDLT<Eigen::MatrixXd> ldlt(h);
  const double scale = h.diagonal().cwiseAbs().maxCoeff();
  const Eigen::VectorXd d = ldlt.vectorD();
  bool singular = ldlt.info() != Eigen::Success;
  for (Eigen::Index j = 0; j < p; ++j) singular = singular || !(d[j] > 1e-11 * scale);
  if (singular) {
    for (Eigen::Index k = 1; k <= p; ++k) {
      // Scale-free rank test on the correlation-like matrix of the first k columns.
      Eigen::VectorXd s = h.diagonal().head(k).cwiseMax(1e-300).cwiseSqrt().cwiseInverse();
      Eigen::MatrixXd c = s.asDiagonal() * h.topLeftCorner(k, k) * s.asDiagonal();
      Eigen::FullPivLU<Eigen::MatrixXd> lu(c);
      lu.setThreshold(1e-9);
      if (lu.rank() < k)
        throw NumericError("dcm: the design of " + what + " is singular: '" + q.regressors[static_cast<size_t>(k - 1)] +
                           "' is constant or a linear combination of the regressors before it (drop it, or set a ridge penalty)");
    }
    throw NumericError("dcm: the design of " + what + " is singular; drop a regressor or set a ridge penalty");
  }
  q.coef = ldlt.solve(xty);
  const double rss = std::max(0.0, yty - 2 * q.coef.dot(xty) + q.coef.dot(xtx * q.coef));
  q.n = n;
  q.sigma2 = rss / (n - static_cast<double>(p));
  const double tss = yty - sumy * sumy / n;
  q.r2 = tss > 0 ? 1 - rss / tss : 0.0;
  Eigen::MatrixXd hinv = ldlt.solve(Eigen::MatrixXd::Identity(p, p));
  Eigen::MatrixXd cov = ridge > 0 ? Eigen::MatrixXd(hinv * xtx * hinv) : hinv;
  q.se = (q.sigma2 * cov.diagonal()).cwiseMax(0.0).cwiseSqrt();
}

// Lag lists ("lags": [1, 2, 4]): the layout keeps every lag 1..L (so the coefficient offsets, scoring and the
// Shapley game are unchanged), the fit uses only the listed lags, and an unlisted lag's coefficient and SE are 0.
std::vector<bool> kept_columns(const Model& m, size_t columns) {
  std::vector<bool> keep(columns, true);
  for (size_t l = 1; l <= m.L; ++l)
    if (!m.config.uses_lag(static_cast<int>(l)))
      for (size_t k = 0; k < m.K; ++k) keep[m.lag_index(l, k)] = false;
  return keep;
}

void solve_kept(Equation& q, const Eigen::MatrixXd& xtx, const Eigen::VectorXd& xty, double yty, double sumy, double n,
                const std::vector<bool>& penalised, double ridge, const std::string& what, const std::vector<bool>& keep) {
  if (std::all_of(keep.begin(), keep.end(), [](bool b) { return b; })) {
    solve(q, xtx, xty, yty, sumy, n, penalised, ridge, what);
    return;
  }
  std::vector<Eigen::Index> idx;
  for (size_t j = 0; j < keep.size(); ++j)
    if (keep[j]) idx.push_back(static_cast<Eigen::Index>(j));
  const Eigen::Index p = static_cast<Eigen::Index>(idx.size());
  Equation sub;
  Eigen::MatrixXd sx(p, p);
  Eigen::VectorXd sy(p);
  std::vector<bool> sp;
  for (Eigen::Index a = 0; a < p; ++a) {
    sub.regressors.push_back(q.regressors[static_cast<size_t>(idx[a])]);
    sp.push_back(penalised[static_cast<size_t>(idx[a])]);
    sy[a] = xty[idx[a]];
    for (Eigen::Index b = 0; b < p; ++b) sx(a, b) = xtx(idx[a], idx[b]);
  }
  solve(sub, sx, sy, yty, sumy, n, sp, ridge, what);
  q.coef = Eigen::VectorXd::Zero(xtx.rows());
  q.se = Eigen::VectorXd::Zero(xtx.rows());
  for (Eigen::Index a = 0; a < p; ++a) {
    q.coef[idx[a]] = sub.coef[a];
    q.se[idx[a]] = sub.se[a];
  }
  q.r2 = sub.r2;
  q.sigma2 = sub.sigma2;
  q.n = sub.n;
}

std::string equation_label(const Model& m, size_t target, long t) {
  return "the equation of '" + m.variables[target] + "'" +
         (t < 0 ? std::string(" (pooled)") : " in period " + std::to_string(m.first_period + t));
}

Equation fit_one(const Model& m, const PanelStats& s, size_t target, long t) {
  const Layout lay = layout_of(m, target);
  Equation q;
  q.target = target;
  q.period = t;
  q.regressors = lay.names;
  const Eigen::Index px = static_cast<Eigen::Index>(lay.x.size());
  std::vector<bool> penalised(lay.x.size(), true);
  penalised[0] = false;
  if (t >= 0) {
    const Eigen::MatrixXd& g = s.gram[static_cast<size_t>(t) - m.L];
    Eigen::MatrixXd xtx(px, px);
    Eigen::VectorXd xty(px);
    for (Eigen::Index a = 0; a < px; ++a) {
      xty[a] = g(lay.x[a], lay.y);
      for (Eigen::Index b = 0; b < px; ++b) xtx(a, b) = g(lay.x[a], lay.x[b]);
    }
    solve_kept(q, xtx, xty, g(lay.y, lay.y), g(0, lay.y), g(0, 0), penalised, m.config.ridge, equation_label(m, target, t),
               kept_columns(m, lay.x.size()));
    return q;
  }
  // Pooled: the shared design plus one dummy per period after the first target period.
  const size_t P = s.gram.size();
  const Eigen::Index p = px + static_cast<Eigen::Index>(P - 1);
  Eigen::MatrixXd xtx = Eigen::MatrixXd::Zero(p, p);
  Eigen::VectorXd xty = Eigen::VectorXd::Zero(p);
  double yty = 0, sumy = 0, n = 0;
  for (size_t i = 0; i < P; ++i) {
    const Eigen::MatrixXd& g = s.gram[i];
    for (Eigen::Index a = 0; a < px; ++a) {
      xty[a] += g(lay.x[a], lay.y);
      for (Eigen::Index b = 0; b < px; ++b) xtx(a, b) += g(lay.x[a], lay.x[b]);
    }
    if (i > 0) {
      const Eigen::Index d = px + static_cast<Eigen::Index>(i - 1);
      for (Eigen::Index a = 0; a < px; ++a) xtx(a, d) = xtx(d, a) = g(lay.x[a], 0);
      xtx(d, d) = g(0, 0);
      xty[d] = g(0, lay.y);
    }
    yty += g(lay.y, lay.y);
    sumy += g(0, lay.y);
    n += g(0, 0);
  }
  for (size_t i = 1; i < P; ++i) {
    q.regressors.push_back("period:" + std::to_string(m.first_period + static_cast<long>(m.L + i)));
    penalised.push_back(false);
  }
  solve_kept(q, xtx, xty, yty, sumy, n, penalised, m.config.ridge, equation_label(m, target, -1),
             kept_columns(m, static_cast<size_t>(p)));
  return q;
}

double poisson1(Rng& rng) {
  // Knuth's product method for mean 1.
  const double limit = std::exp(-1.0);
  double prod = rng.uniform();
  int k = 0;
  while (prod > limit) {
    ++k;
    prod *= rng.uniform();
  }
  return k;
}

}  // namespace

std::vector<Equation> fit_equations(const Model& m, const PanelStats& s) {
  const size_t count = m.config.pooled ? m.V() : (m.periods - m.L) * m.V();
  std::vector<Equation> eqs(count);
  parallel_for(count, 1, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i)
      eqs[i] = m.config.pooled ? fit_one(m, s, i, -1) : fit_one(m, s, i % m.V(), static_cast<long>(i / m.V() + m.L));
  });
  return eqs;
}

Model model_shell(const Config& cfg, long first_period, size_t periods, size_t customers) {
  Model m;
  m.config = cfg;
  m.variables = cfg.all_surrogates();
  m.variables.push_back(cfg.outcome);
  m.K = m.variables.size() - 1;
  m.E = cfg.es_surrogates.size();
  m.F = cfg.features.size();
  m.L = static_cast<size_t>(cfg.lags);
  m.first_period = first_period;
  m.periods = periods;
  m.customers = customers;
  return m;
}

Model train(const Panel& panel, const Config& cfg, const TrainOptions& o, RunContext& ctx) {
  Model m = model_shell(cfg, panel.first_period, panel.periods, panel.n());
  if (o.bootstrap > 100000) throw InputError("dcm: bootstrap replicates must be at most 100,000");
  ctx.progress(0.0, "sufficient statistics");
  if (o.bootstrap == 0) {
    const PanelStats s = panel_stats(panel, m.L);
    ctx.check();
    ctx.progress(0.5, "fitting");
    m.equations = fit_equations(m, s);
    ctx.progress(1.0, "done");
    return m;
  }
  // Bootstrap: statistics per bucket of customers.
  Bootstrap& bs = m.bootstrap;
  bs.replicates = o.bootstrap;
  bs.seed = o.seed;
  const size_t D = stats_dim(panel, m.L);
  const double bytes_per_bucket = 8.0 * static_cast<double>(D * D) * static_cast<double>(m.periods - m.L);
  const size_t mem_cap = static_cast<size_t>(std::max(2.0, 512e6 / bytes_per_bucket));
  bs.buckets = std::max<size_t>(1, std::min({o.max_buckets, panel.n(), mem_cap}));
  std::vector<std::vector<size_t>> members(bs.buckets);
  for (size_t c = 0; c < panel.n(); ++c) members[bucket_of(panel.customers[c], bs.seed, bs.buckets)].push_back(c);
  std::vector<PanelStats> bucket(bs.buckets);
  parallel_for(bs.buckets, 1, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) bucket[i] = customer_stats(panel, m.L, members[i].data(), members[i].size());
  });
  PanelStats total;
  for (const auto& s : bucket) total.add_scaled(s, 1.0);
  ctx.check();
  ctx.progress(0.2, "fitting");
  m.equations = fit_equations(m, total);

  const Rng base(o.seed, 0x64636d62ull);  // "dcmb"
  bs.weights.assign(bs.replicates, std::vector<double>(bs.buckets));
  for (size_t r = 0; r < bs.replicates; ++r) {
    Rng rng = base.split(r);
    for (auto& w : bs.weights[r]) w = poisson1(rng);
  }
  bs.coef.assign(bs.replicates, {});
  // Replicates in fixed blocks so progress and cancel can run between them.
  const size_t block = std::max<size_t>(1, thread_count());
  for (size_t r0 = 0; r0 < bs.replicates; r0 += block) {
    ctx.check();
    ctx.progress(0.2 + 0.8 * static_cast<double>(r0) / static_cast<double>(bs.replicates), "bootstrap");
    const size_t r1 = std::min(bs.replicates, r0 + block);
    parallel_for(r1 - r0, 1, [&](size_t b, size_t e) {
      for (size_t r = r0 + b; r < r0 + e; ++r) {
        PanelStats s;
        for (size_t i = 0; i < bs.buckets; ++i) s.add_scaled(bucket[i], bs.weights[r][i]);
        std::vector<Equation> eqs;
        try {
          eqs = fit_equations(m, s);
        } catch (const NumericError& err) {
          throw NumericError(std::string(err.what()) + " (in bootstrap replicate " + std::to_string(r + 1) +
                             "; too few customers for a bootstrap?)");
        }
        bs.coef[r].reserve(eqs.size());
        for (auto& q : eqs) bs.coef[r].push_back(std::move(q.coef));
      }
    });
  }
  ctx.progress(1.0, "done");
  return m;
}

}  // namespace incrementa::dcm
