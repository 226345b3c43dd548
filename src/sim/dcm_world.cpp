#include "sim/dcm_world.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"

namespace incrementa {

namespace {
constexpr size_t kChunk = 256;
// Variable order in a simulated row: browse, orders, es_reorder, es_recs, es_qa, spend.
enum { BROWSE, ORDERS, REORDER, RECS, QA, SPEND, NV };
const char* kNames[NV] = {"browse", "orders", "es_reorder", "es_recs", "es_qa", "spend"};

void check(const DcmWorld& w) {
  if (w.customers < 1 || w.customers > 5'000'000) throw InputError("simulate dcm: customers must be between 1 and 5,000,000");
  if (w.weeks < 2 || w.weeks > 520) throw InputError("simulate dcm: weeks must be between 2 and 520");
}

// Simulates customers [b, e) of chunk b / kChunk; calls out(c, week, x1, x2, values).
// A shocked run draws exactly the same noise as the baseline.
template <class Out>
void simulate_chunk(const DcmWorld& w, size_t b, size_t e, const std::vector<dcm::Shock>* shocks, Out out) {
  Rng rng = Rng(w.seed, 0x64636d77ull).split(b / kChunk);  // "dcmw"
  for (size_t c = b; c < e; ++c) {
    const double x1 = rng.normal(), x2 = rng.bernoulli(0.5) ? 1.0 : 0.0;
    double prev[NV] = {0, 0, 0, 0, 0, 0}, cur[NV];
    for (size_t t = 0; t < w.weeks; ++t) {
      double u[NV];
      for (double& x : u) x = rng.normal();
      auto shock = [&](int v) {
        if (!shocks) return;
        const long week = static_cast<long>(t) + 1;
        for (const auto& s : *shocks) {
          if (week < s.from || (s.has_to && week > s.to)) continue;
          if (std::find(s.surrogates.begin(), s.surrogates.end(), kNames[v]) == s.surrogates.end()) continue;
          if (s.type == dcm::ShockType::Zero) cur[v] = 0;
          else if (s.type == dcm::ShockType::Scale) cur[v] *= s.value;
          else cur[v] += s.value;
        }
      };
      cur[REORDER] = 0.5 + 0.6 * x1 + 0.3 * x2 + 0.5 * prev[REORDER] + 0.1 * prev[ORDERS] + 0.5 * u[REORDER];
      shock(REORDER);
      cur[RECS] = 0.8 + 0.4 * x1 + 0.4 * prev[RECS] + 0.1 * prev[BROWSE] + 0.6 * u[RECS];
      shock(RECS);
      cur[QA] = 0.2 + 0.3 * x1 + 0.3 * prev[QA] + 0.3 * u[QA];
      shock(QA);
      cur[BROWSE] = 2 + 0.5 * x1 + 0.4 * prev[BROWSE] + 0.1 * prev[RECS] + 0.3 * cur[RECS] + 0.2 * cur[QA] + u[BROWSE];
      shock(BROWSE);
      cur[ORDERS] = 0.5 + 0.3 * x1 + 0.2 * x2 + 0.3 * prev[ORDERS] + 0.2 * prev[BROWSE] + 0.1 * prev[REORDER] +
                    0.4 * cur[REORDER] + 0.1 * cur[RECS] + 0.5 * u[ORDERS];
      shock(ORDERS);
      cur[SPEND] = 5 + 4 * x1 + 3 * x2 + 6 * prev[ORDERS] + 0.5 * prev[BROWSE] + 2 * prev[REORDER] + 1 * prev[RECS] +
                   8 * cur[REORDER] + 4 * cur[RECS] + 2 * cur[QA] + 5 * u[SPEND];
      out(c, t, x1, x2, cur);
      std::copy(cur, cur + NV, prev);
    }
  }
}
}  // namespace

Table simulate_dcm(const DcmWorld& w) {
  check(w);
  const size_t n = w.customers, T = w.weeks, rows = n * T;
  std::vector<double> cust(rows), week(rows), x1c(rows), x2c(rows);
  std::vector<std::vector<double>> vals(NV, std::vector<double>(rows));
  parallel_for(n, kChunk, [&](size_t b, size_t e) {
    simulate_chunk(w, b, e, nullptr, [&](size_t c, size_t t, double x1, double x2, const double* v) {
      const size_t r = c * T + t;
      cust[r] = static_cast<double>(c + 1);
      week[r] = static_cast<double>(t + 1);
      x1c[r] = x1;
      x2c[r] = x2;
      for (int k = 0; k < NV; ++k) vals[k][r] = v[k];
    });
  });
  Table table("simulated DCM world (seed " + std::to_string(w.seed) + ")");
  auto add = [&](const char* name, ColumnType type, std::vector<double> v) {
    Column c;
    c.name = name;
    c.type = type;
    c.values = std::move(v);
    table.add_column(std::move(c));
  };
  add("customer", ColumnType::Integer, std::move(cust));
  add("week", ColumnType::Integer, std::move(week));
  add("x1", ColumnType::Numeric, std::move(x1c));
  add("x2", ColumnType::Integer, std::move(x2c));
  for (int k = 0; k < NV; ++k) add(kNames[k], ColumnType::Numeric, std::move(vals[k]));
  return table;
}

Json dcm_world_config() {
  return {{"customer", "customer"},
          {"period", "week"},
          {"outcome", "spend"},
          {"surrogates", {"browse", "orders"}},
          {"es_surrogates", {"es_reorder", "es_recs", "es_qa"}},
          {"features", {"x1", "x2"}},
          {"lags", 1},
          {"same_period", true},
          {"ridge", 0.0},
          {"groups", {{"reminders", {"es_reorder"}}, {"discovery", {"es_recs", "es_qa"}}}}};
}

std::vector<double> dcm_world_truth(const DcmWorld& w, const std::vector<dcm::Shock>& shocks) {
  check(w);
  const size_t T = w.weeks;
  struct Part {
    std::vector<double> inc;
  };
  const Part zero{std::vector<double>(T, 0.0)};
  Part total = parallel_map_reduce(
      w.customers, kChunk, zero,
      [&](size_t b, size_t e) {
        Part p{std::vector<double>(T, 0.0)};
        simulate_chunk(w, b, e, nullptr, [&](size_t, size_t t, double, double, const double* v) { p.inc[t] += v[SPEND]; });
        simulate_chunk(w, b, e, &shocks, [&](size_t, size_t t, double, double, const double* v) { p.inc[t] -= v[SPEND]; });
        return p;
      },
      [](Part& acc, const Part& p) {
        for (size_t t = 0; t < acc.inc.size(); ++t) acc.inc[t] += p.inc[t];
      });
  return total.inc;
}

void check_wide(const DcmWideWorld& w) {
  if (w.customers < 1 || w.customers > 10'000'000) throw InputError("dcm wide world: customers must be between 1 and 10,000,000");
  if (w.weeks < 2 || w.weeks > 520) throw InputError("dcm wide world: weeks must be between 2 and 520");
  if (w.surrogates < 2 || w.surrogates > 500) throw InputError("dcm wide world: surrogates must be between 2 and 500");
  if (w.es < 1 || w.es >= w.surrogates) throw InputError("dcm wide world: es must be at least 1 and below surrogates");
}

std::vector<std::string> dcm_wide_variables(const DcmWideWorld& w) {
  std::vector<std::string> v;
  for (size_t k = 0; k < w.surrogates - w.es; ++k) v.push_back("s" + std::to_string(k + 1));
  for (size_t e = 0; e < w.es; ++e) v.push_back("es" + std::to_string(e + 1));
  v.push_back("spend");
  return v;
}

Json dcm_wide_config(const DcmWideWorld& w) {
  const auto v = dcm_wide_variables(w);
  const std::vector<std::string> s(v.begin(), v.begin() + static_cast<long>(w.surrogates - w.es));
  const std::vector<std::string> es(v.begin() + static_cast<long>(w.surrogates - w.es), v.end() - 1);
  return {{"customer", "customer"}, {"period", "week"}, {"outcome", "spend"}, {"surrogates", s}, {"es_surrogates", es},
          {"features", {"x1", "x2"}}, {"lags", 1}, {"same_period", true}, {"ridge", 0.0}, {"groups", {{"es", es}}}};
}

void simulate_dcm_wide_block(const DcmWideWorld& w, size_t begin, size_t end, double* values, double* x0) {
  const size_t S = w.surrogates - w.es, E = w.es, V = w.surrogates + 1, T = w.weeks;
  const Rng base(w.seed, 0x64636d57ull);  // "dcmW"
  constexpr double kUnit = 3.4641016151377544;  // sqrt(12): (uniform - 0.5) * sqrt(12) has variance 1
  std::vector<double> prev(V), cur(V);
  for (size_t c = begin; c < end; ++c) {
    Rng rng = base.split(c);
    auto u = [&] { return (rng.uniform() - 0.5) * kUnit; };
    const double x1 = rng.normal(), x2 = rng.bernoulli(0.5) ? 1.0 : 0.0;
    x0[(c - begin) * 2] = x1;
    x0[(c - begin) * 2 + 1] = x2;
    std::fill(prev.begin(), prev.end(), 0.0);
    double* out = values + (c - begin) * T * V;
    for (size_t t = 0; t < T; ++t, out += V) {
      double es_now = 0, es_prev = 0, s_prev = 0;
      for (size_t e = 0; e < E; ++e) {
        cur[S + e] = 0.3 + 0.4 * x1 + 0.4 * prev[S + e] + 0.5 * u();
        es_now += cur[S + e];
        es_prev += prev[S + e];
      }
      for (size_t k = 0; k < S; ++k) {
        cur[k] = 1 + 0.3 * x1 + 0.2 * x2 + 0.3 * prev[k] + 0.1 * prev[(k + 1) % S] + 0.2 * cur[S + k % E] + u();
        s_prev += prev[k];
      }
      cur[V - 1] = 5 + 3 * x1 + 2 * x2 + 0.2 * s_prev + 0.5 * es_prev + es_now + 3 * u();
      std::copy(cur.begin(), cur.end(), out);
      std::swap(prev, cur);
    }
  }
}

}  // namespace incrementa
