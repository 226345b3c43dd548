#include "mmm/search.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace incrementa::mmm {

std::vector<ParamRange> channel_params(Adstock adstock, Saturation saturation) {
  std::vector<ParamRange> p;
  if (adstock == Adstock::Geometric) {
    p.push_back({"decay", 0.0, 0.9});
  } else {
    p.push_back({"scale", 0.05, 1.0});
    p.push_back({"shape", 0.3, 5.0});
  }
  if (saturation == Saturation::Logistic) {
    p.push_back({"lam", 0.1, 10.0});
  } else {
    p.push_back({"half", 0.05, 2.0});
    p.push_back({"slope", 0.5, 4.0});
  }
  return p;
}

double& param_ref(Shape& s, const char* name) {
  if (!std::strcmp(name, "decay")) return s.decay;
  if (!std::strcmp(name, "shape")) return s.shape;
  if (!std::strcmp(name, "scale")) return s.scale;
  if (!std::strcmp(name, "lam")) return s.lam;
  if (!std::strcmp(name, "half")) return s.half;
  return s.slope;
}

void shape_channel(const std::vector<double>& spend, const MmmOptions& o, ChannelModel& ch) {
  ch.adstocked = apply_adstock(spend, adstock_weights(o.adstock, ch.shape, o.max_lag));
  ch.media.resize(ch.adstocked.size());
  for (size_t t = 0; t < ch.adstocked.size(); ++t)
    ch.media[t] = saturate(o.saturation, ch.shape, ch.adstocked[t] / ch.scale);
}

namespace {

class Search {
 public:
  Search(const MmmData& d, const BaseDesign& base, const std::vector<double>& y, const MmmOptions& o, double ridge,
         size_t rows)
      : d_(d), o_(o), ridge_(ridge), reg_(y, base, d.channels.size(), rows), params_(channel_params(o.adstock, o.saturation)) {}

  void start(std::vector<ChannelModel> channels) {
    ch_ = std::move(channels);
    for (size_t c = 0; c < ch_.size(); ++c) {
      shape_channel(d_.spend[c], o_, ch_[c]);
      reg_.set_media(c, ch_[c].media);
    }
    best_ = reg_.solve(ridge_).objective;
  }

  // Objective with channel c at shape s; keeps s when it is better.
  double try_shape(size_t c, const Shape& s) {
    ChannelModel trial = ch_[c];
    trial.shape = s;
    shape_channel(d_.spend[c], o_, trial);
    reg_.set_media(c, trial.media);
    const double f = reg_.solve(ridge_).objective;
    if (f < best_) {
      best_ = f;
      ch_[c] = std::move(trial);
    } else {
      reg_.set_media(c, ch_[c].media);
    }
    return f;
  }

  // 9 x 9 grid over the channel's first adstock and first saturation parameter.
  void coarse(size_t c) {
    const ParamRange& a = params_[0];
    const ParamRange& s = params_[o_.adstock == Adstock::Geometric ? 1 : 2];
    const Shape base = ch_[c].shape;
    for (int i = 0; i < 9; ++i)
      for (int j = 0; j < 9; ++j) {
        Shape t = base;
        param_ref(t, a.name) = a.lo + (a.hi - a.lo) * i / 8.0;
        param_ref(t, s.name) = s.lo + (s.hi - s.lo) * j / 8.0;
        try_shape(c, t);
      }
  }

  // A grid of `points` over [lo, hi] around the current value, then golden
  // section between the best point's neighbours.
  void line(size_t c, const ParamRange& p, double lo, double hi, int points, int golden) {
    auto value_at = [&](double v) {
      Shape t = ch_[c].shape;
      param_ref(t, p.name) = v;
      return try_shape(c, t);
    };
    const double step = (hi - lo) / (points - 1);
    double best_v = param_ref(ch_[c].shape, p.name), best_f = best_;
    for (int i = 0; i < points; ++i) {
      const double v = lo + step * i;
      const double f = value_at(v);
      if (f < best_f) best_f = f, best_v = v;
    }
    double a = std::max(p.lo, best_v - step), b = std::min(p.hi, best_v + step);
    const double g = 0.6180339887498949;
    double x1 = b - g * (b - a), x2 = a + g * (b - a);
    double f1 = value_at(x1), f2 = value_at(x2);
    for (int k = 0; k < golden; ++k) {
      if (f1 < f2) {
        b = x2, x2 = x1, f2 = f1, x1 = b - g * (b - a), f1 = value_at(x1);
      } else {
        a = x1, x1 = x2, f1 = f2, x2 = a + g * (b - a), f2 = value_at(x2);
      }
    }
  }

  void sweep(double window, int points, int golden, const RunContext* context) {
    for (size_t c = 0; c < ch_.size(); ++c)
      for (const ParamRange& p : params_) {
        if (context) context->check();
        const double v = param_ref(ch_[c].shape, p.name), half = window * (p.hi - p.lo) / 2;
        const double lo = window >= 1 ? p.lo : std::max(p.lo, v - half), hi = window >= 1 ? p.hi : std::min(p.hi, v + half);
        line(c, p, lo, hi, points, golden);
      }
  }

  MmmFit finish() {
    MmmFit f;
    f.ridge = ridge_;
    f.coef = reg_.solve(ridge_);
    f.channels = ch_;
    for (size_t c = 0; c < ch_.size(); ++c) {
      f.channels[c].beta = f.coef.media[c];
      for (const ParamRange& p : params_) {
        const double v = param_ref(f.channels[c].shape, p.name), tol = 1e-3 * (p.hi - p.lo);
        if (v <= p.lo + tol || v >= p.hi - tol) f.at_bound.push_back(d_.channels[c] + ": " + p.name);
      }
    }
    return f;
  }

  double best() const { return best_; }
  size_t channels() const { return ch_.size(); }

 private:
  const MmmData& d_;
  const MmmOptions& o_;
  double ridge_;
  MediaRegression reg_;
  std::vector<ParamRange> params_;
  std::vector<ChannelModel> ch_;
  double best_ = 0;
};

void predict(const MmmData& d, const BaseDesign& base, MmmFit& f) {
  const size_t n = d.weeks_count();
  f.fitted.assign(n, f.coef.intercept);
  for (size_t j = 0; j < base.columns.size(); ++j)
    for (size_t t = 0; t < n; ++t) f.fitted[t] += f.coef.base[j] * base.columns[j][t];
  for (const ChannelModel& ch : f.channels)
    for (size_t t = 0; t < n; ++t) f.fitted[t] += ch.beta * ch.media[t];
}

}  // namespace

MmmFit fit_mmm(const MmmData& d, const BaseDesign& base, const std::vector<double>& y, const MmmOptions& o,
               double ridge, size_t rows, const MmmFit* warm, const RunContext* context) {
  Search s(d, base, y, o, ridge, rows);
  std::vector<ChannelModel> start(d.channels.size());
  for (size_t c = 0; c < start.size(); ++c) {
    start[c].scale = *std::max_element(d.spend[c].begin(), d.spend[c].end());
    if (warm) start[c].shape = warm->channels[c].shape;
  }
  s.start(std::move(start));
  if (warm) {
    s.sweep(0.25, 5, 10, context);
    s.sweep(0.1, 5, 10, context);
  } else {
    for (int pass = 0; pass < 2; ++pass)
      for (size_t c = 0; c < s.channels(); ++c) {
        if (context) context->check();
        s.coarse(c);
      }
    for (int k = 0; k < 4; ++k) {
      const double before = s.best();
      s.sweep(1.0, 9, 14, context);
      if (before - s.best() <= 1e-10 * (1.0 + std::fabs(before))) break;
    }
  }
  MmmFit f = s.finish();
  f.rows = rows;
  predict(d, base, f);
  return f;
}

}  // namespace incrementa::mmm
