// The DCM's sufficient statistics as SQL, for a panel that lives in a
// database or a warehouse: one query returns, for every target period
// t >= L, the Gram matrix G_t = sum over customers of z z' (stats.hpp) as the
// columns g_a_b (a <= b) of one row per period. Run it where the data are
// (DuckDB natively or in the browser, Spark SQL on a cluster), bring back the
// small result, and `dcm train --stats` fits the same model as in-core
// training (1e-9 relative: only the order of the sums differs).
// A second query checks what in-core training checks on a CSV: a balanced
// panel (every customer in every period once) and features constant within a customer.
#pragma once
#include <string>
#include <vector>

#include "dcm/config.hpp"

namespace incrementa::sql {

enum class Dialect { DuckDb, Spark };

// "duckdb" or "spark" (ConfigError otherwise).
Dialect parse_dialect(const std::string& name);
const char* dialect_name(Dialect d);

struct DcmStatisticsSql {
  std::string statistics;   // one row per target period: period, n, g_0_1, ..., g_(D-1)_(D-1)
  std::string check;        // one row: rows, customers, pairs, first_period, last_period, missing, varying_features
  std::vector<std::string> z;  // what each index of z is: "1", features, "lag1(x)", ..., current variables
};

// `from`: a table name or a table expression of the dialect (e.g. read_parquet('panel.parquet')).
DcmStatisticsSql dcm_statistics_sql(const dcm::Config& config, Dialect dialect, const std::string& from);

}  // namespace incrementa::sql
