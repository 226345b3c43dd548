#include "sim/travel_world.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"

namespace incrementa {

Table simulate_travel(const TravelWorld& w) {
  if (w.rows < 1 || w.rows > 20'000'000) throw InputError("simulate travel: rows must be between 1 and 20,000,000");
  const size_t n = w.rows;
  static const char* kSegments[] = {"books_anyway", "lost_cause", "price_sensitive", "sleeping_dog"};  // sorted
  static const char* kArms[] = {"10%", "15%", "5%", "none"};  // sorted byte-wise
  std::vector<int32_t> segment(n), arm(n);
  std::vector<double> id(n), prior(n), days(n), p0(n), p5(n), p10(n), p15(n), booked(n);
  const Rng base(w.seed, 0x74726176ull);  // "trav"
  constexpr size_t kChunk = 4096;
  parallel_for(n, kChunk, [&](size_t b, size_t e) {
    Rng rng = base.split(b / kChunk);
    for (size_t r = b; r < e; ++r) {
      id[r] = static_cast<double>(r + 1);
      const double u = rng.uniform();
      double base_p, g5, g10, g15, pb, dv;
      int32_t seg;
      if (u < 0.25) {  // books anyway
        seg = 0;
        base_p = rng.uniform(0.45, 0.75);
        g5 = 0.004, g10 = 0.008, g15 = 0.012;
        pb = 3 + static_cast<double>(rng.uniform_int(6));
        dv = rng.uniform(1, 30);
      } else if (u < 0.60) {  // price sensitive
        seg = 2;
        base_p = rng.uniform(0.02, 0.10);
        const double s = rng.uniform(0.5, 1.5);
        g5 = 0.035 * s, g10 = 0.065 * s, g15 = 0.085 * s;
        pb = static_cast<double>(rng.uniform_int(4));
        dv = rng.uniform(5, 120);
      } else if (u < 0.70) {  // sleeping dogs
        seg = 3;
        base_p = rng.uniform(0.20, 0.40);
        g5 = -0.03, g10 = -0.05, g15 = -0.07;
        pb = 1 + static_cast<double>(rng.uniform_int(5));
        dv = rng.uniform(30, 200);
      } else {  // lost causes
        seg = 1;
        base_p = rng.uniform(0.005, 0.03);
        g5 = 0.002, g10 = 0.004, g15 = 0.006;
        pb = static_cast<double>(rng.uniform_int(2));
        dv = rng.uniform(100, 365);
      }
      auto clip = [](double p) { return std::clamp(p, 0.0, 1.0); };
      segment[r] = seg;
      prior[r] = pb;
      days[r] = std::round(dv);
      p0[r] = base_p;
      p5[r] = clip(base_p + g5);
      p10[r] = clip(base_p + g10);
      p15[r] = clip(base_p + g15);
      const uint64_t a = rng.uniform_int(4);  // 0 none, 1 5%, 2 10%, 3 15%
      static const int32_t code[] = {3, 2, 0, 1};
      arm[r] = code[a];
      const double p = a == 0 ? p0[r] : a == 1 ? p5[r] : a == 2 ? p10[r] : p15[r];
      booked[r] = rng.bernoulli(p) ? 1.0 : 0.0;
    }
  });
  Table t("simulated travel world (seed " + std::to_string(w.seed) + ")");
  auto num = [&](const char* name, std::vector<double>& v, ColumnType type) {
    Column c;
    c.name = name;
    c.type = type;
    c.values = std::move(v);
    t.add_column(std::move(c));
  };
  auto cat = [&](const char* name, std::vector<int32_t>& codes, const char* const* levels, size_t count) {
    Column c;
    c.name = name;
    c.type = ColumnType::Categorical;
    c.codes = std::move(codes);
    c.levels.assign(levels, levels + count);
    t.add_column(std::move(c));
  };
  num("customer_id", id, ColumnType::Integer);
  cat("segment", segment, kSegments, 4);
  num("prior_bookings", prior, ColumnType::Integer);
  num("days_since_visit", days, ColumnType::Integer);
  num("p0", p0, ColumnType::Numeric);
  num("p5", p5, ColumnType::Numeric);
  num("p10", p10, ColumnType::Numeric);
  num("p15", p15, ColumnType::Numeric);
  cat("offer_given", arm, kArms, 4);
  num("booked", booked, ColumnType::Integer);
  return t;
}

}  // namespace incrementa
