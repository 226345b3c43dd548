#include "sim/mmm_world.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/error.hpp"
#include "core/portable_math.hpp"
#include "core/rng.hpp"
#include "mmm/transforms.hpp"
#include "mmm/weeks.hpp"

namespace incrementa {

namespace {

Column numbers(std::string name, std::vector<double> v) {
  Column c;
  c.name = std::move(name);
  c.values = std::move(v);
  return c;
}

// Flighted spend: weeks on (a plan level times noise) and off, the plan
// following a shared yearly budget curve.
std::vector<double> flight_plan(Rng& rng, size_t weeks, double level, double on_share) {
  std::vector<double> x(weeks, 0.0);
  bool on = rng.bernoulli(on_share);
  for (size_t t = 0; t < weeks; ++t) {
    if (rng.bernoulli(0.25)) on = rng.bernoulli(on_share);
    if (!on) continue;
    const double season = 1.0 + 0.35 * std::cos(2 * std::numbers::pi * static_cast<double>(t) / 52.0);
    x[t] = level * season * portable::exp(0.3 * rng.normal());
  }
  return x;
}

}  // namespace

MmmWorldTruth simulate_mmm(const MmmWorld& w) {
  static const char* names[] = {"tv", "search", "social", "radio", "print", "video", "display", "podcast"};
  if (w.channels < 1 || w.channels > 8) throw ConfigError("simulate mmm: channels must be 1 to 8");
  if (w.weeks < 52 || w.weeks > 1040) throw ConfigError("simulate mmm: weeks must be 52 to 1040");
  Rng rng(w.seed);
  const size_t n = w.weeks;
  MmmWorldTruth truth;
  std::vector<double> sales(n), promo(n);
  const double baseline = 10000;
  for (size_t t = 0; t < n; ++t) {
    const double trend = 1500.0 * static_cast<double>(t) / static_cast<double>(n - 1);
    const double season = 800 * std::sin(2 * std::numbers::pi * static_cast<double>(7 * t + 3) / 365.25) +
                          300 * std::cos(4 * std::numbers::pi * static_cast<double>(7 * t + 3) / 365.25);
    promo[t] = rng.bernoulli(0.08) ? 1.0 : 0.0;
    sales[t] = baseline + trend + season + 600 * promo[t] + w.noise * 0.02 * baseline * rng.normal();
  }
  Table table("simulated mmm world");
  std::vector<Column> spend_columns, truth_columns;
  for (size_t c = 0; c < w.channels; ++c) {
    MmmWorldChannel ch;
    ch.name = names[c];
    ch.decay = rng.uniform(0.1, 0.7);
    ch.lam = rng.uniform(1.0, 4.0);
    ch.beta = rng.uniform(800, 3000);
    const double level = std::round(rng.uniform(500, 5000));
    std::vector<double> x = flight_plan(rng, n, level, rng.uniform(0.5, 0.9));
    double top = *std::max_element(x.begin(), x.end());
    if (!(top > 0)) x[n / 2] = top = level;  // a channel that never ran would have no truth to recover
    mmm::Shape s;
    s.decay = ch.decay;
    s.lam = ch.lam;
    const std::vector<double> a = mmm::apply_adstock(x, mmm::adstock_weights(mmm::Adstock::Geometric, s, 8));
    std::vector<double> contribution(n);
    for (size_t t = 0; t < n; ++t) {
      contribution[t] = ch.beta * mmm::saturate(mmm::Saturation::Logistic, s, a[t] / top);
      sales[t] += contribution[t];
    }
    spend_columns.push_back(numbers(ch.name, std::move(x)));
    truth_columns.push_back(numbers("true_" + ch.name, std::move(contribution)));
    truth.channels.push_back(ch);
  }
  Column week;
  week.name = "week";
  week.type = ColumnType::Categorical;
  const long start = 18631;  // 2021-01-04, a Monday
  for (size_t t = 0; t < n; ++t) week.levels.push_back(mmm::iso_date(start + 7 * static_cast<long>(t)));
  for (size_t t = 0; t < n; ++t) week.codes.push_back(static_cast<int32_t>(t));  // ISO dates sort as text
  table.add_column(std::move(week));
  table.add_column(numbers("sales", std::move(sales)));
  for (auto& c : spend_columns) table.add_column(std::move(c));
  table.add_column(numbers("promo", std::move(promo)));
  for (auto& c : truth_columns) table.add_column(std::move(c));
  truth.table = std::move(table);
  return truth;
}

}  // namespace incrementa
