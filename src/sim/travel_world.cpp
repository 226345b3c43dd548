#include "sim/travel_world.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"

namespace incrementa {

Table simulate_travel(const TravelWorld& w) {
  if (w.rows < 1 || w.rows > 20'000'000) throw InputError("simulate travel: rows must be between 1 and 20,000,000");
  if (w.levels < 1 || w.levels > 8) throw InputError("simulate travel: levels must be between 1 and 8");
  const size_t n = w.rows, m = w.levels;
  static const char* kSegments[] = {"books_anyway", "lost_cause", "price_sensitive", "sleeping_dog"};  // sorted
  // Arms of the historical campaign: none, then the levels; levels sorted byte-wise.
  std::vector<std::string> arm_names{"none"};
  for (size_t j = 1; j <= m; ++j) arm_names.push_back(std::to_string(5 * j) + "%");
  std::vector<std::string> arm_levels = arm_names;
  std::sort(arm_levels.begin(), arm_levels.end());
  std::vector<int32_t> arm_code(m + 1);
  for (size_t a = 0; a <= m; ++a)
    arm_code[a] = static_cast<int32_t>(std::find(arm_levels.begin(), arm_levels.end(), arm_names[a]) - arm_levels.begin());

  std::vector<int32_t> segment(n), arm(n);
  std::vector<double> id(n), prior(n), days(n), booked(n);
  std::vector<std::vector<double>> p(m + 1, std::vector<double>(n));
  const Rng base(w.seed, 0x74726176ull);  // "trav"
  constexpr size_t kChunk = 4096;
  parallel_for(n, kChunk, [&](size_t b, size_t e) {
    Rng rng = base.split(b / kChunk);
    for (size_t r = b; r < e; ++r) {
      id[r] = static_cast<double>(r + 1);
      const double u = rng.uniform();
      double base_p, pb, dv, scale = 1;
      int32_t seg;
      if (u < 0.25) {
        seg = 0;
        base_p = rng.uniform(0.45, 0.75);
        pb = 3 + static_cast<double>(rng.uniform_int(6));
        dv = rng.uniform(1, 30);
      } else if (u < 0.60) {
        seg = 2;
        base_p = rng.uniform(0.02, 0.10);
        scale = rng.uniform(0.5, 1.5);
        pb = static_cast<double>(rng.uniform_int(4));
        dv = rng.uniform(5, 120);
      } else if (u < 0.70) {
        seg = 3;
        base_p = rng.uniform(0.20, 0.40);
        pb = 1 + static_cast<double>(rng.uniform_int(5));
        dv = rng.uniform(30, 200);
      } else {
        seg = 1;
        base_p = rng.uniform(0.005, 0.03);
        pb = static_cast<double>(rng.uniform_int(2));
        dv = rng.uniform(100, 365);
      }
      segment[r] = seg;
      prior[r] = pb;
      days[r] = std::round(dv);
      p[0][r] = base_p;
      for (size_t j = 1; j <= m; ++j) {
        const double level = 5.0 * static_cast<double>(j);  // percent off
        double gain;
        switch (seg) {
          case 0: gain = 0.0008 * level; break;                                 // books anyway: a little
          case 2: gain = scale * 0.1 * (1 - std::exp(-level / 9)); break;       // price sensitive: diminishing
          case 3: gain = -0.01 - 0.004 * level; break;                          // sleeping dog: put off
          default: gain = 0.0004 * level; break;                                // lost cause
        }
        p[j][r] = std::clamp(base_p + gain, 0.0, 1.0);
      }
      const size_t a = static_cast<size_t>(rng.uniform_int(m + 1));
      arm[r] = arm_code[a];
      booked[r] = rng.bernoulli(p[a][r]) ? 1.0 : 0.0;
    }
  });
  Table t("simulated travel world (seed " + std::to_string(w.seed) + ")");
  auto num = [&](const std::string& name, std::vector<double>& v, ColumnType type) {
    Column c;
    c.name = name;
    c.type = type;
    c.values = std::move(v);
    t.add_column(std::move(c));
  };
  auto cat = [&](const std::string& name, std::vector<int32_t>& codes, std::vector<std::string> levels) {
    Column c;
    c.name = name;
    c.type = ColumnType::Categorical;
    c.codes = std::move(codes);
    c.levels = std::move(levels);
    t.add_column(std::move(c));
  };
  num("customer_id", id, ColumnType::Integer);
  cat("segment", segment, std::vector<std::string>(kSegments, kSegments + 4));
  num("prior_bookings", prior, ColumnType::Integer);
  num("days_since_visit", days, ColumnType::Integer);
  num("p0", p[0], ColumnType::Numeric);
  for (size_t j = 1; j <= m; ++j) num("p" + std::to_string(5 * j), p[j], ColumnType::Numeric);
  cat("offer_given", arm, arm_levels);
  num("booked", booked, ColumnType::Integer);
  return t;
}

}  // namespace incrementa
