#include "mmm/mmm.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "mmm/bootstrap.hpp"

namespace incrementa::mmm {

namespace {

Accuracy accuracy(const std::vector<double>& y, const std::vector<double>& fit, size_t from, size_t to) {
  Accuracy a;
  a.weeks = to - from;
  if (to <= from) return a;
  double mean = 0;
  for (size_t t = from; t < to; ++t) mean += y[t];
  mean /= static_cast<double>(to - from);
  double sse = 0, sst = 0, ape = 0;
  size_t ape_n = 0;
  for (size_t t = from; t < to; ++t) {
    const double e = y[t] - fit[t];
    sse += e * e;
    sst += (y[t] - mean) * (y[t] - mean);
    if (y[t] != 0) ape += std::fabs(e / y[t]), ++ape_n;
  }
  a.rmse = std::sqrt(sse / static_cast<double>(to - from));
  a.r2 = sst > 0 ? 1 - sse / sst : NAN;
  a.mape = ape_n ? 100 * ape / static_cast<double>(ape_n) : NAN;
  return a;
}

size_t holdout_weeks(const MmmOptions& o, size_t n) {
  const size_t h = o.holdout ? o.holdout : std::min<size_t>(26, n / 5);
  if (h * 2 > n)
    throw ConfigError("mmm: holdout of " + std::to_string(h) + " weeks leaves too few of the " + std::to_string(n) +
                      " weeks to fit (keep at most half)");
  return h;
}

// Choose the ridge penalty by the error on the last weeks of a fit that did not see them.
void choose_ridge(const MmmData& d, const BaseDesign& base, const MmmOptions& o, MmmReport& r, RunContext& context) {
  const size_t n = d.weeks_count(), h = holdout_weeks(o, n);
  const std::vector<double> grid = std::isnan(o.ridge) ? ridge_grid() : std::vector<double>{o.ridge};
  double best = INFINITY;
  for (size_t i = 0; i < grid.size(); ++i) {
    context.progress(0.25 * static_cast<double>(i) / static_cast<double>(grid.size()), "choosing the ridge penalty");
    const MmmFit f = fit_mmm(d, base, d.kpi, o, grid[i], n - h, nullptr, &context);
    const Accuracy a = accuracy(d.kpi, f.fitted, n - h, n);
    r.ridge_tried.push_back(grid[i]);
    r.ridge_holdout_rmse.push_back(a.rmse);
    if (a.rmse < best) best = a.rmse, r.ridge = grid[i], r.holdout = a;
  }
}

Interval interval_of(const std::vector<double>& draws, double level) {
  return {quantile(draws, (1 - level) / 2), quantile(draws, 1 - (1 - level) / 2)};
}

ChannelReport channel_report(const MmmData& d, const MmmOptions& o, const MmmFit& full, size_t c, double kpi_total) {
  const ChannelModel& ch = full.channels[c];
  ChannelReport cr;
  cr.name = d.channels[c];
  cr.shape = ch.shape;
  cr.scale = ch.scale;
  cr.beta = ch.beta;
  for (double s : d.spend[c]) cr.spend += s;
  cr.contribution = channel_kpi(ch, o.saturation, 1.0);
  cr.share = kpi_total != 0 ? cr.contribution / kpi_total : NAN;
  cr.roi = cr.spend > 0 ? cr.contribution / cr.spend : NAN;
  cr.mroi = marginal_roi(ch, o.saturation, cr.spend);
  cr.lag_weights = adstock_weights(o.adstock, ch.shape, o.max_lag);
  cr.spend_by_week = d.spend[c];
  cr.adstocked = ch.adstocked;
  cr.by_week.resize(ch.media.size());
  for (size_t t = 0; t < ch.media.size(); ++t) cr.by_week[t] = ch.beta * ch.media[t];
  const size_t points = std::max<size_t>(2, o.curve_points);
  for (size_t i = 0; i < points; ++i) {
    const double m = o.curve_max * static_cast<double>(i) / static_cast<double>(points - 1);
    cr.curve_multiplier.push_back(m);
    cr.curve_kpi.push_back(channel_kpi(ch, o.saturation, m));
  }
  return cr;
}

// Every reported quantity of channel c, recomputed on each bootstrap fit.
void channel_intervals(const BootstrapDraws& bs, const MmmOptions& o, size_t c, ChannelReport& cr) {
  if (bs.fits.empty()) return;
  const size_t b = bs.fits.size();
  std::vector<double> beta(b), contrib(b), roi(b), mroi(b);
  for (const ParamRange& p : channel_params(o.adstock, o.saturation)) {
    std::vector<double> v(b);
    for (size_t i = 0; i < b; ++i) {
      Shape s = bs.fits[i].channels[c].shape;
      v[i] = param_ref(s, p.name);
    }
    cr.param_ci[p.name] = interval_of(v, o.level);
  }
  std::vector<std::vector<double>> curve(cr.curve_multiplier.size(), std::vector<double>(b));
  for (size_t i = 0; i < b; ++i) {
    const ChannelModel& ch = bs.fits[i].channels[c];
    beta[i] = ch.beta;
    contrib[i] = channel_kpi(ch, o.saturation, 1.0);
    roi[i] = contrib[i] / cr.spend;
    mroi[i] = marginal_roi(ch, o.saturation, cr.spend);
    for (size_t k = 0; k < curve.size(); ++k) curve[k][i] = channel_kpi(ch, o.saturation, cr.curve_multiplier[k]);
  }
  cr.param_ci["beta"] = interval_of(beta, o.level);
  cr.contribution_ci = interval_of(contrib, o.level);
  cr.roi_ci = interval_of(roi, o.level);
  cr.mroi_ci = interval_of(mroi, o.level);
  for (const auto& v : curve) {
    const Interval i = interval_of(v, o.level);
    cr.curve_lo.push_back(i.lo);
    cr.curve_hi.push_back(i.hi);
  }
}

void decompose(const MmmData& d, const BaseDesign& base, const MmmFit& f, MmmReport& r) {
  const size_t n = d.weeks_count();
  r.intercept = f.coef.intercept;
  r.base_names = base.names;
  r.base_coef = f.coef.base;
  r.baseline.assign(n, f.coef.intercept);
  r.seasonality.assign(n, 0.0);
  const size_t controls_from = base.names.size() - d.controls.size();
  for (size_t j = 0; j < base.names.size(); ++j) {
    std::vector<double> part(n);
    for (size_t t = 0; t < n; ++t) part[t] = f.coef.base[j] * base.columns[j][t];
    if (base.names[j] == "trend") {
      for (size_t t = 0; t < n; ++t) r.baseline[t] += part[t];
    } else if (j < controls_from) {
      for (size_t t = 0; t < n; ++t) r.seasonality[t] += part[t];
    } else {
      r.control_by_week.push_back(std::move(part));
    }
  }
  r.controls = d.controls;
}

}  // namespace

MmmReport run_mmm(const MmmData& d, const MmmOptions& o, RunContext& context) {
  if (!(o.level > 0 && o.level < 1)) throw ConfigError("mmm: 'level' must be between 0 and 1");
  if (o.max_lag < 1 || o.max_lag > 52) throw ConfigError("mmm: 'max_lag' must be 1 to 52 weeks");
  if (!(o.change > -100)) throw ConfigError("mmm: 'change' must be above -100 (percent)");
  MmmReport r;
  r.options = o;
  r.weeks = d.weeks;
  r.kpi = d.kpi;
  const BaseDesign base = base_design(d, o);
  choose_ridge(d, base, o, r, context);
  context.progress(0.25, "fitting every week");
  const MmmFit full = fit_mmm(d, base, d.kpi, o, r.ridge, d.weeks_count(), nullptr, &context);
  r.fitted = full.fitted;
  r.at_bound = full.at_bound;
  r.in_sample = accuracy(d.kpi, full.fitted, 0, d.weeks_count());
  decompose(d, base, full, r);
  double kpi_total = 0;
  for (double y : d.kpi) kpi_total += y;
  RunContext boot = context.child(0.3, 1.0, "bootstrap refits");
  const BootstrapDraws bs = bootstrap_fits(d, base, full, o, boot);
  r.bootstrap_done = bs.fits.size();
  r.block_length = bs.block_length;
  std::vector<double> spend;
  for (size_t c = 0; c < d.channels.size(); ++c) {
    r.channels.push_back(channel_report(d, o, full, c, kpi_total));
    channel_intervals(bs, o, c, r.channels.back());
    spend.push_back(r.channels.back().spend);
    r.media_kpi_now += r.channels.back().contribution;
  }
  double total = 0;
  for (double s : spend) total += s;
  const double place = std::isnan(o.total) ? total * (1 + o.change / 100) : o.total;
  r.allocation = allocate(full.channels, o.saturation, spend, place, o.lower, o.upper);
  context.progress(1.0, "done");
  return r;
}

MmmReport run_mmm(const Table& table, const MmmOptions& options, RunContext& context) {
  if (options.edges.empty()) return run_mmm(read_mmm_data(table, options), options, context);
  GraphRoles roles = graph_roles(options, options.edges);
  MmmOptions kept = options;
  kept.controls = roles.kept_controls;
  MmmReport r = run_mmm(read_mmm_data(table, kept), kept, context);
  r.options.controls = options.controls;
  r.graph = std::move(roles);
  return r;
}

}  // namespace incrementa::mmm
