// Statistics computed elsewhere (the SQL of src/sql/) read back by
// stats_from_table: written out in the SQL result's layout (stats_to_table), the in-core
// statistics give the very same model; broken tables fail with what is wrong.
#include <catch2/catch.hpp>

#include "api/commands.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "dcm/panel.hpp"
#include "dcm/stats_table.hpp"
#include "dcm/train.hpp"
#include "sim/dcm_world.hpp"
#include "sql/dcm_stats_sql.hpp"

using namespace incrementa;
using Catch::Matchers::Contains;

namespace {
dcm::Config world_config(int lags) {
  Json j = dcm_world_config();
  j["lags"] = lags;
  return dcm::parse_config(j);
}
}  // namespace

TEST_CASE("dcm stats: statistics in the SQL's layout fit the same model as training on the panel", "[dcm][sql]") {
  DcmWorld w;
  w.customers = 300;
  w.weeks = 8;
  const Table t = simulate_dcm(w);
  for (int lags : {1, 2}) {
    const dcm::Config cfg = world_config(lags);
    const dcm::Panel p = dcm::build_panel(t, cfg);
    RunContext ctx;
    const dcm::Model direct = dcm::train(p, cfg, {}, ctx);
    const dcm::ExternalStats ext = dcm::stats_from_table(dcm::stats_to_table(dcm::panel_stats(p, lags), p.first_period + lags, "stats.csv"), cfg);
    CHECK(ext.first_period == p.first_period);
    CHECK(ext.periods == p.periods);
    CHECK(ext.customers == p.n());
    dcm::Model m = dcm::model_shell(cfg, ext.first_period, ext.periods, ext.customers);
    m.equations = dcm::fit_equations(m, ext.stats);
    REQUIRE(m.equations.size() == direct.equations.size());
    for (size_t e = 0; e < m.equations.size(); ++e) CHECK(m.equations[e].coef == direct.equations[e].coef);  // same bits
    // The SQL's z has the same length and order as stats.hpp's.
    CHECK(sql::dcm_statistics_sql(cfg, sql::Dialect::DuckDb, "panel").z.size() == ext.stats.D);
  }
}

TEST_CASE("dcm stats: broken statistics tables name the problem", "[dcm][sql][errors]") {
  const dcm::Config cfg = world_config(1);
  // Only g_0_0 given: the first missing column is g_0_1.
  CHECK_THROWS_WITH(dcm::stats_from_table(read_csv("period,n,g_0_0\n2,10,10\n3,10,10\n", "s.csv"), cfg),
                    Contains("s.csv: no column 'g_0_1': this config needs g_a_b for 0 <= a <= b < "));
  CHECK_THROWS_WITH(dcm::stats_from_table(read_csv("period,n,g_0_0\n2,10,10\n3,9,9\n", "s.csv"), cfg),
                    Contains("period 3 has 9 customers, period 2 has 10"));
  CHECK_THROWS_WITH(dcm::stats_from_table(read_csv("period,n,g_0_0\n2,10,10\n4,10,10\n", "s.csv"), cfg),
                    Contains("s.csv: line 3: period 4 does not follow 2"));
  CHECK_THROWS_WITH(sql::parse_dialect("mysql"), Contains("dialect must be 'duckdb' or 'spark'"));
}
