#include "mmm/response.hpp"

#include <cmath>
#include <limits>

#include "core/error.hpp"

namespace incrementa::mmm {

double channel_kpi(const ChannelModel& ch, Saturation saturation, double multiplier) {
  double sum = 0;
  for (double a : ch.adstocked) sum += saturate(saturation, ch.shape, multiplier * a / ch.scale);
  return ch.beta * sum;
}

double marginal_roi(const ChannelModel& ch, Saturation saturation, double spend) {
  if (!(spend > 0)) return NAN;
  const double h = 0.01;
  return (channel_kpi(ch, saturation, 1 + h) - channel_kpi(ch, saturation, 1 - h)) / (2 * h * spend);
}

Allocation allocate(const std::vector<ChannelModel>& channels, Saturation saturation, const std::vector<double>& spend,
                    double total, double lower, double upper) {
  const size_t k = channels.size();
  if (!(lower >= 0) || !(upper >= lower))
    throw ConfigError("mmm: allocation bounds need 0 <= lower <= upper, got " + format_number(lower) + " and " +
                      format_number(upper));
  double floor_total = 0, cap_total = 0;
  for (double s : spend) floor_total += lower * s, cap_total += upper * s;
  if (!(total >= floor_total * (1 - 1e-12)))
    throw ConfigError("mmm: total spend " + format_number(total) + " is below what the lower bounds need (" +
                      format_number(floor_total) + ")");
  // Levels per channel and budget units: the search is exact on this grid.
  const int levels = 200, units = 2000;
  const double step = (cap_total > total ? total : cap_total) / units;
  Allocation out;
  out.total = total;
  out.grid_step = step;
  out.spend.assign(k, 0.0);
  out.kpi.assign(k, 0.0);
  const double neg = -std::numeric_limits<double>::infinity();
  std::vector<double> best(units + 1, neg), next(units + 1);
  std::vector<std::vector<int>> pick(k, std::vector<int>(units + 1, -1));
  best[0] = 0;
  for (size_t c = 0; c < k; ++c) {
    std::vector<int> cost(levels + 1);
    std::vector<double> value(levels + 1);
    for (int l = 0; l <= levels; ++l) {
      const double m = lower + (upper - lower) * l / levels;
      cost[l] = step > 0 ? static_cast<int>(std::ceil(m * spend[c] / step - 1e-9)) : 0;
      value[l] = channel_kpi(channels[c], saturation, m);
    }
    std::fill(next.begin(), next.end(), neg);
    for (int u = 0; u <= units; ++u) {
      if (best[u] == neg) continue;
      for (int l = 0; l <= levels; ++l) {
        const int v = u + cost[l];
        if (v > units) break;  // costs grow with l
        if (best[u] + value[l] > next[v]) next[v] = best[u] + value[l], pick[c][v] = l;
      }
    }
    // pick[c][v] alone cannot be walked back (it forgets u); store u through cost.
    best.swap(next);
    // Remember the levels' costs for the walk back.
    for (int v = 0; v <= units; ++v)
      if (pick[c][v] >= 0) pick[c][v] = pick[c][v] * (units + 1) + (v - cost[pick[c][v]]);
  }
  int end = 0;
  for (int v = 0; v <= units; ++v)
    if (best[v] > best[end]) end = v;
  if (best[end] == neg) throw ConfigError("mmm: no allocation meets the bounds within the total");
  for (size_t c = k; c-- > 0;) {
    const int code = pick[c][end];
    const int l = code / (units + 1);
    end = code % (units + 1);
    const double m = lower + (upper - lower) * l / levels;
    out.spend[c] = m * spend[c];
    out.kpi[c] = channel_kpi(channels[c], saturation, m);
  }
  return out;
}

}  // namespace incrementa::mmm
