#include "api/dcm_stats_json.hpp"

#include "api/dcm_json.hpp"
#include "dcm/config.hpp"
#include "dcm/panel.hpp"
#include "dcm/stats_table.hpp"
#include "dcm/train.hpp"
#include "sql/dcm_stats_sql.hpp"

namespace incrementa {

Json sql_json(const Json& o) {
  check_known_keys(o, {"config", "dialect", "from"}, "sql");
  if (!o.contains("config")) throw ConfigError("sql: 'config' (the DCM config) is required");
  const dcm::Config cfg = dcm::parse_config(o["config"]);
  const sql::Dialect dialect = sql::parse_dialect(optional_string(o, "dialect").value_or("duckdb"));
  const std::string from = optional_string(o, "from").value_or("panel");
  const sql::DcmStatisticsSql q = sql::dcm_statistics_sql(cfg, dialect, from);
  return {{"command", "sql"},
          {"dialect", sql::dialect_name(dialect)},
          {"from", from},
          {"statistics", q.statistics},
          {"check", q.check},
          {"z", q.z},
          {"definitions",
           {{"statistics", "one row per target period (the first `lags` periods have no lags and are not targets): "
                           "n and g_a_b = sum over customers of z_a z_b, the Gram matrix that every DCM equation is "
                           "solved from; save the result as CSV and run 'incrementa dcm train --stats FILE'"},
            {"check", "one row: the panel is balanced when rows = pairs = customers x (last_period - first_period + 1), "
                      "missing = 0 and varying_features = 0 (features constant within a customer)"},
            {"z", "what each index a of g_a_b is: 1 (intercept), the features, lag l of each surrogate, then the "
                  "current surrogates and the outcome"}}}};
}

Json dcm_train_stats_json(const Table& stats, const Json& o, RunContext& ctx) {
  check_known_keys(o, {"config"}, "dcm_train_stats");
  if (!o.contains("config")) throw ConfigError("dcm_train_stats: 'config' is required");
  const dcm::Config cfg = dcm::parse_config(o["config"]);
  const dcm::ExternalStats ext = dcm::stats_from_table(stats, cfg);
  ctx.check();
  dcm::Model m = dcm::model_shell(cfg, ext.first_period, ext.periods, ext.customers);
  m.equations = dcm::fit_equations(m, ext.stats);
  return dcm_train_result(m, stats.source());
}

Table dcm_stats_table(const Table& panel, const Json& o) {
  check_known_keys(o, {"config"}, "dcm_stats");
  if (!o.contains("config")) throw ConfigError("dcm_stats: 'config' is required");
  const dcm::Config cfg = dcm::parse_config(o["config"]);
  const dcm::Panel p = dcm::build_panel(panel, cfg);
  const size_t L = static_cast<size_t>(cfg.lags);
  if (p.periods <= L)
    throw InputError(panel.source() + ": " + std::to_string(p.periods) + " periods leave no target period after " +
                     std::to_string(L) + " lag(s)");
  return dcm::stats_to_table(dcm::panel_stats(p, L), p.first_period + static_cast<long>(L), panel.source());
}

}  // namespace incrementa
