// Sufficient statistics computed elsewhere (the SQL of src/sql/, on DuckDB or
// Spark) read back as PanelStats: one row per target period with the columns
// period, n and g_a_b for 0 <= a <= b < D (D = stats_dim for the config).
#pragma once
#include "core/table.hpp"
#include "dcm/config.hpp"
#include "dcm/stats.hpp"

namespace incrementa::dcm {

struct ExternalStats {
  PanelStats stats;
  long first_period = 0;  // the panel's first period (target periods start L later)
  size_t periods = 0;     // T, the lag periods included
  size_t customers = 0;
};

// Errors name the source and the column or period at fault: a missing g_a_b
// column, a missing or non-finite cell, periods not consecutive, a period
// whose customer count differs from the others (an unbalanced panel).
ExternalStats stats_from_table(const Table& table, const Config& config);

// The other way: in-core statistics in the same layout (`dcm stats`, e.g. one
// shard's statistics that a scheduler adds up). `first_target` = the first
// target period's value (the panel's first period + L).
Table stats_to_table(const PanelStats& stats, long first_target, const std::string& source);

}  // namespace incrementa::dcm
