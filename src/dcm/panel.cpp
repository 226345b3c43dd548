#include "dcm/panel.hpp"

#include <cmath>
#include <unordered_map>

#include "core/error.hpp"

namespace incrementa::dcm {

namespace {
std::string where(const Table& t, size_t row) {
  const int64_t line = t.line_of_row(row);
  return line > 0 ? "line " + std::to_string(line) : "row " + std::to_string(row + 1);
}
}  // namespace

Panel build_panel(const Table& table, const Config& cfg) {
  for (const std::string& name : [&] {
         std::vector<std::string> all{cfg.customer, cfg.period, cfg.outcome};
         for (const auto& s : cfg.all_surrogates()) all.push_back(s);
         for (const auto& f : cfg.features) all.push_back(f);
         return all;
       }())
    if (!table.has(name)) table.column(name);  // throws naming the column and listing the available ones
  if (table.rows() == 0) throw InputError("dcm: the panel '" + table.source() + "' has no rows");

  Panel p;
  p.variables = cfg.all_surrogates();
  p.variables.push_back(cfg.outcome);
  p.features = cfg.features;
  const size_t V = p.vars(), F = p.features.size(), rows = table.rows();

  // Customer keys as text (ids may be numbers or labels).
  const Column& cust = table.column(cfg.customer);
  const Column& per = table.numeric_column(cfg.period, "the period");
  std::vector<size_t> cust_of(rows);
  std::unordered_map<std::string, size_t> index;
  for (size_t r = 0; r < rows; ++r) {
    if (cust.missing(r)) throw InputError("dcm: the customer column '" + cfg.customer + "' is empty at " + where(table, r));
    const std::string key = cust.cell_text(r);
    auto [it, fresh] = index.emplace(key, p.customers.size());
    if (fresh) p.customers.push_back(key);
    cust_of[r] = it->second;
  }
  double lo = INFINITY, hi = -INFINITY;
  for (size_t r = 0; r < rows; ++r) {
    const double v = per.values[r];
    if (std::isnan(v) || v != std::floor(v))
      throw InputError("dcm: the period column '" + cfg.period + "' must hold whole numbers; " + where(table, r) +
                       " holds '" + per.cell_text(r) + "'");
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (hi - lo > 10000) throw InputError("dcm: periods span more than 10,000 values (" + format_number(lo) + " to " + format_number(hi) + ")");
  p.first_period = static_cast<long>(lo);
  p.periods = static_cast<size_t>(hi - lo) + 1;
  const size_t n = p.n(), T = p.periods;
  if (T < static_cast<size_t>(cfg.lags) + 1)
    throw InputError("dcm: the panel has " + std::to_string(T) + " period(s); with lags = " + std::to_string(cfg.lags) +
                     " it needs at least " + std::to_string(cfg.lags + 1));

  // Which row holds each (customer, period); duplicates name both lines.
  std::vector<int64_t> row_at(n * T, -1);
  for (size_t r = 0; r < rows; ++r) {
    const size_t t = static_cast<size_t>(per.values[r] - lo);
    int64_t& slot = row_at[cust_of[r] * T + t];
    if (slot >= 0)
      throw InputError("dcm: customer '" + p.customers[cust_of[r]] + "' has period " + per.cell_text(r) + " twice (" +
                       where(table, static_cast<size_t>(slot)) + " and " + where(table, r) + ")");
    slot = static_cast<int64_t>(r);
  }
  for (size_t c = 0; c < n; ++c)
    for (size_t t = 0; t < T; ++t)
      if (row_at[c * T + t] < 0)
        throw InputError("dcm: customer '" + p.customers[c] + "' has no row for period " +
                         std::to_string(p.first_period + static_cast<long>(t)) + " (a gap: the panel must hold every period from " +
                         std::to_string(p.first_period) + " to " + std::to_string(p.first_period + static_cast<long>(T) - 1) +
                         " for every customer)");

  p.values.resize(n * T * V);
  for (size_t v = 0; v < V; ++v) {
    const Column& col = table.numeric_column(p.variables[v], v + 1 == V ? "the outcome" : "a surrogate");
    for (size_t i = 0; i < n * T; ++i) {
      const size_t r = static_cast<size_t>(row_at[i]);
      const double x = col.values[r];
      if (!std::isfinite(x)) throw InputError("dcm: column '" + col.name + "' is missing or not finite at " + where(table, r));
      p.values[i * V + v] = x;
    }
  }
  p.x0.resize(n * F);
  for (size_t f = 0; f < F; ++f) {
    const Column& col = table.numeric_column(p.features[f], "a customer feature (X0)");
    for (size_t c = 0; c < n; ++c) {
      const size_t r0 = static_cast<size_t>(row_at[c * T]);
      const double x = col.values[r0];
      if (!std::isfinite(x)) throw InputError("dcm: feature '" + col.name + "' is missing or not finite at " + where(table, r0));
      for (size_t t = 1; t < T; ++t) {
        const size_t r = static_cast<size_t>(row_at[c * T + t]);
        if (col.values[r] != x)
          throw InputError("dcm: feature '" + col.name + "' must be constant within a customer (X0), but customer '" +
                           p.customers[c] + "' has " + col.cell_text(r0) + " at " + where(table, r0) + " and " +
                           col.cell_text(r) + " at " + where(table, r));
      }
      p.x0[c * F + f] = x;
    }
  }
  return p;
}

Table with_x0(const Table& panel, const Table& x0, const Config& cfg) {
  const Column& pc = panel.column(cfg.customer);
  const Column& xc = x0.column(cfg.customer);
  if (cfg.features.empty()) throw InputError("dcm: an X0 file was given but the config lists no 'features'");
  std::unordered_map<std::string, size_t> row_of;
  for (size_t r = 0; r < x0.rows(); ++r) {
    if (xc.missing(r)) throw InputError("dcm: the customer column '" + cfg.customer + "' is empty at " + where(x0, r) + " of the X0 file '" + x0.source() + "'");
    auto [it, fresh] = row_of.emplace(xc.cell_text(r), r);
    if (!fresh)
      throw InputError("dcm: customer '" + it->first + "' appears twice in the X0 file '" + x0.source() + "' (" + where(x0, it->second) + " and " +
                       where(x0, r) + "); it needs one row per customer");
  }
  std::vector<const Column*> cols;
  for (const auto& f : cfg.features) {
    if (panel.has(f))
      throw InputError("dcm: feature '" + f + "' is both in the panel '" + panel.source() + "' and in the X0 file '" + x0.source() + "'; keep it in one");
    cols.push_back(&x0.numeric_column(f, "a customer feature (X0)"));
  }
  std::vector<std::vector<double>> values(cols.size(), std::vector<double>(panel.rows()));
  for (size_t r = 0; r < panel.rows(); ++r) {
    if (pc.missing(r)) throw InputError("dcm: the customer column '" + cfg.customer + "' is empty at " + where(panel, r));
    const std::string key = pc.cell_text(r);
    auto it = row_of.find(key);
    if (it == row_of.end())
      throw InputError("dcm: customer '" + key + "' (" + where(panel, r) + " of '" + panel.source() + "') has no row in the X0 file '" + x0.source() + "'");
    for (size_t f = 0; f < cols.size(); ++f) {
      const double v = cols[f]->values[it->second];
      if (!std::isfinite(v))
        throw InputError("dcm: feature '" + cols[f]->name + "' is missing or not finite at " + where(x0, it->second) + " of the X0 file '" + x0.source() + "'");
      values[f][r] = v;
    }
  }
  Table out = panel;
  for (size_t f = 0; f < cols.size(); ++f) {
    Column c;
    c.name = cols[f]->name;
    c.type = cols[f]->type == ColumnType::Integer ? ColumnType::Integer : ColumnType::Numeric;
    c.values = std::move(values[f]);
    out.add_column(std::move(c));
  }
  return out;
}

}  // namespace incrementa::dcm
