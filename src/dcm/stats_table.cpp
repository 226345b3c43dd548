#include "dcm/stats_table.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"

namespace incrementa::dcm {

ExternalStats stats_from_table(const Table& t, const Config& cfg) {
  const size_t V = cfg.all_surrogates().size() + 1, F = cfg.features.size(), L = static_cast<size_t>(cfg.lags);
  const size_t D = stats_dim(V, F, L);
  const std::string src = t.source() + ": ";
  if (t.rows() == 0) throw InputError(src + "no statistics rows (expected one per target period)");
  auto cell = [&](const Column& col, size_t r) {
    const double v = col.values[r];
    if (!std::isfinite(v))
      throw InputError(src + "column '" + col.name + "', line " + std::to_string(t.line_of_row(r)) +
                       ": expected a finite number (is the panel missing values?)");
    return v;
  };
  const Column& period = t.numeric_column("period", "target period");
  const Column& n = t.numeric_column("n", "customers in the period");
  ExternalStats out;
  out.customers = static_cast<size_t>(cell(n, 0));
  for (size_t r = 0; r < t.rows(); ++r) {
    if (cell(period, r) != cell(period, 0) + static_cast<double>(r))
      throw InputError(src + "line " + std::to_string(t.line_of_row(r)) + ": period " + format_number(period.values[r]) +
                       " does not follow " + format_number(period.values[r - (r > 0)]) +
                       " (expected consecutive periods, sorted; is the panel balanced?)");
    if (cell(n, r) != static_cast<double>(out.customers))
      throw InputError(src + "period " + format_number(period.values[r]) + " has " + format_number(n.values[r]) +
                       " customers, period " + format_number(period.values[0]) + " has " +
                       std::to_string(out.customers) + " (the panel must be balanced: every customer in every period)");
  }
  out.first_period = static_cast<long>(period.values[0]) - static_cast<long>(L);
  out.periods = t.rows() + L;
  out.stats.D = D;
  out.stats.gram.assign(t.rows(), Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(D), static_cast<Eigen::Index>(D)));
  for (size_t a = 0; a < D; ++a)
    for (size_t b = a; b < D; ++b) {
      const std::string name = "g_" + std::to_string(a) + "_" + std::to_string(b);
      if (!t.has(name))
        throw InputError(src + "no column '" + name + "': this config needs g_a_b for 0 <= a <= b < " + std::to_string(D) +
                         " (print the matching query with 'incrementa sql --config')");
      const Column& g = t.numeric_column(name, "sufficient statistic");
      for (size_t r = 0; r < t.rows(); ++r) {
        const double v = cell(g, r);
        out.stats.gram[r](static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) = v;
        out.stats.gram[r](static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(a)) = v;
      }
    }
  return out;
}

Table stats_to_table(const PanelStats& s, long first_target, const std::string& source) {
  Table t(source);
  const size_t P = s.gram.size();
  auto add = [&](const std::string& name, ColumnType type, auto value) {
    Column c;
    c.name = name;
    c.type = type;
    c.values.resize(P);
    for (size_t r = 0; r < P; ++r) c.values[r] = value(r);
    t.add_column(std::move(c));
  };
  add("period", ColumnType::Integer, [&](size_t r) { return static_cast<double>(first_target + static_cast<long>(r)); });
  add("n", ColumnType::Integer, [&](size_t r) { return s.gram[r](0, 0); });
  for (size_t a = 0; a < s.D; ++a)
    for (size_t b = a; b < s.D; ++b)
      add("g_" + std::to_string(a) + "_" + std::to_string(b), ColumnType::Numeric,
          [&](size_t r) { return s.gram[r](static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)); });
  return t;
}

}  // namespace incrementa::dcm
