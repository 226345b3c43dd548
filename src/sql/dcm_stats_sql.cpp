#include "sql/dcm_stats_sql.hpp"

#include "core/error.hpp"

namespace incrementa::sql {

Dialect parse_dialect(const std::string& name) {
  if (name == "duckdb") return Dialect::DuckDb;
  if (name == "spark") return Dialect::Spark;
  throw ConfigError("sql: dialect must be 'duckdb' or 'spark', got '" + name + "'");
}

const char* dialect_name(Dialect d) { return d == Dialect::DuckDb ? "duckdb" : "spark"; }

namespace {

// A column name as an identifier: "x" in DuckDB (ANSI), `x` in Spark SQL.
std::string ident(const std::string& name, Dialect d) {
  const char q = d == Dialect::DuckDb ? '"' : '`';
  std::string out(1, q);
  for (char c : name) {
    if (c == q) out.push_back(q);  // doubled to escape, in both dialects
    out.push_back(c);
  }
  out.push_back(q);
  return out;
}

std::string as_double(const std::string& expr) { return "CAST(" + expr + " AS DOUBLE)"; }

}  // namespace

DcmStatisticsSql dcm_statistics_sql(const dcm::Config& cfg, Dialect d, const std::string& from) {
  if (from.empty()) throw ConfigError("sql: the table to read ('from') is empty");
  if (cfg.outcome.empty()) throw ConfigError("sql: the DCM config names no outcome");
  std::vector<std::string> vars = cfg.all_surrogates();  // model order: non-ES, then ES; then the outcome
  vars.push_back(cfg.outcome);
  const size_t K = vars.size() - 1, L = static_cast<size_t>(cfg.lags);
  const std::string c = ident(cfg.customer, d), p = ident(cfg.period, d);

  // z in the order of stats.hpp: 1, X0, lag 1..L of the K surrogates, current values of all variables.
  DcmStatisticsSql out;
  std::vector<std::string> exprs;
  out.z.push_back("1");
  for (const auto& f : cfg.features) out.z.push_back(f), exprs.push_back(as_double(ident(f, d)));
  for (size_t l = 1; l <= L; ++l)
    for (size_t k = 0; k < K; ++k) {
      out.z.push_back("lag" + std::to_string(l) + "(" + vars[k] + ")");
      exprs.push_back(as_double("LAG(" + ident(vars[k], d) + ", " + std::to_string(l) + ") OVER w"));
    }
  for (const auto& v : vars) out.z.push_back(v), exprs.push_back(as_double(ident(v, d)));
  const size_t D = out.z.size();

  std::string q = "WITH src AS (SELECT * FROM " + from + "),\nz AS (\n  SELECT CAST(" + p + " AS BIGINT) AS period";
  for (size_t j = 1; j < D; ++j) q += ",\n    " + exprs[j - 1] + " AS z" + std::to_string(j);
  q += "\n  FROM src\n  WINDOW w AS (PARTITION BY " + c + " ORDER BY " + p + ")\n)\nSELECT period, COUNT(*) AS n";
  for (size_t a = 0; a < D; ++a)
    for (size_t b = a; b < D; ++b) {
      const std::string name = "g_" + std::to_string(a) + "_" + std::to_string(b);
      if (a == 0 && b == 0) q += ",\n  COUNT(*) AS " + name;
      else if (a == 0) q += ",\n  SUM(z" + std::to_string(b) + ") AS " + name;
      else q += ",\n  SUM(z" + std::to_string(a) + " * z" + std::to_string(b) + ") AS " + name;
    }
  // The first L periods have no complete lags: they are not target periods.
  q += "\nFROM z\nWHERE period >= (SELECT MIN(CAST(" + p + " AS BIGINT)) FROM src) + " + std::to_string(L) +
       "\nGROUP BY period\nORDER BY period";
  out.statistics = q;

  std::string missing = "0";
  for (const auto& v : vars) missing += " + SUM(CASE WHEN " + ident(v, d) + " IS NULL THEN 1 ELSE 0 END)";
  for (const auto& f : cfg.features) missing += " + SUM(CASE WHEN " + ident(f, d) + " IS NULL THEN 1 ELSE 0 END)";
  std::string varying = "0";
  if (!cfg.features.empty()) {
    std::string cond;
    for (const auto& f : cfg.features)
      cond += (cond.empty() ? "" : " OR ") + std::string("MIN(") + ident(f, d) + ") <> MAX(" + ident(f, d) + ")";
    varying = "(SELECT COUNT(*) FROM (SELECT " + c + " FROM src GROUP BY " + c + " HAVING " + cond + ") v)";
  }
  out.check = "WITH src AS (SELECT * FROM " + from + ")\nSELECT COUNT(*) AS rows, COUNT(DISTINCT " + c +
              ") AS customers,\n  (SELECT COUNT(*) FROM (SELECT " + c + ", " + p + " FROM src GROUP BY " + c + ", " + p +
              ") u) AS pairs,\n  MIN(CAST(" + p + " AS BIGINT)) AS first_period, MAX(CAST(" + p +
              " AS BIGINT)) AS last_period,\n  " + missing + " AS missing,\n  " + varying +
              " AS varying_features\nFROM src";
  return out;
}

}  // namespace incrementa::sql
