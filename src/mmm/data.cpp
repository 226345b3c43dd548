#include "mmm/data.hpp"

#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "mmm/weeks.hpp"

namespace incrementa::mmm {

const std::vector<double>& ridge_grid() {
  static const std::vector<double> grid = {1e-4, 1e-3, 1e-2, 1e-1};
  return grid;
}

namespace {

std::string at_line(const Table& t, size_t row) { return "line " + std::to_string(t.line_of_row(row)); }

std::vector<double> complete_numbers(const Table& t, const std::string& name, const std::string& role) {
  const Column& c = t.numeric_column(name, role);
  for (size_t i = 0; i < c.values.size(); ++i)
    if (!std::isfinite(c.values[i]))
      throw InputError(t.source() + ", " + at_line(t, i) + ", column '" + name + "' (" + role +
                       "): expected a number, the cell is empty or not finite; a marketing-mix model needs every week");
  return c.values;
}

void read_weeks(const Table& t, const std::string& date, MmmData& d) {
  const size_t n = t.rows();
  if (date.empty()) {
    for (size_t i = 0; i < n; ++i) {
      d.weeks.push_back("week " + std::to_string(i + 1));
      d.season_day.push_back(static_cast<double>((7 * i) % 365 + 1));
    }
    return;
  }
  const Column& c = t.column(date);
  long previous = 0;
  for (size_t i = 0; i < n; ++i) {
    const std::string text = c.missing(i) ? "" : c.cell_text(i);
    const auto day = parse_iso_day(text);
    if (!day)
      throw InputError(t.source() + ", " + at_line(t, i) + ", column '" + date + "': expected a date as YYYY-MM-DD, got '" +
                       text + "'");
    if (i > 0 && *day - previous != 7)
      throw InputError(t.source() + ", " + at_line(t, i) + ", column '" + date + "': " + text + " is " +
                       std::to_string(*day - previous) + " days after the row before; expected one row per week in order, " +
                       "7 days apart (a week is missing, repeated or out of order)");
    previous = *day;
    d.weeks.push_back(text.substr(0, 10));
    d.season_day.push_back(day_of_year(*day));
  }
}

void read_control(const Table& t, const std::string& name, MmmData& d) {
  const Column& c = t.column(name);
  if (c.is_numeric()) {
    d.controls.push_back(name);
    d.control.push_back(complete_numbers(t, name, "control"));
    return;
  }
  // Text: one 0/1 column per level except the commonest (the reference week).
  std::vector<size_t> count(c.levels.size(), 0);
  for (size_t i = 0; i < c.codes.size(); ++i) {
    if (c.codes[i] < 0) throw InputError(t.source() + ", " + at_line(t, i) + ", column '" + name + "' (control): empty cell");
    ++count[static_cast<size_t>(c.codes[i])];
  }
  const size_t reference = static_cast<size_t>(std::max_element(count.begin(), count.end()) - count.begin());
  for (size_t k = 0; k < c.levels.size(); ++k) {
    if (k == reference) continue;
    std::vector<double> dummy(c.codes.size());
    for (size_t i = 0; i < c.codes.size(); ++i) dummy[i] = c.codes[i] == static_cast<int32_t>(k) ? 1.0 : 0.0;
    d.controls.push_back(name + "=" + c.levels[k]);
    d.control.push_back(std::move(dummy));
  }
}

void check_distinct(const MmmOptions& o) {
  std::map<std::string, std::string> role;
  auto claim = [&](const std::string& name, const std::string& what) {
    if (name.empty()) return;
    auto [it, fresh] = role.emplace(name, what);
    if (!fresh) throw ConfigError("mmm: column '" + name + "' is given as both " + it->second + " and " + what);
  };
  claim(o.kpi, "the KPI");
  claim(o.date, "the date");
  for (const auto& c : o.channels) claim(c, "a channel");
  for (const auto& c : o.controls) claim(c, "a control");
}

}  // namespace

MmmData read_mmm_data(const Table& t, const MmmOptions& o) {
  if (o.kpi.empty()) throw ConfigError("mmm: name the KPI column ('kpi', CLI --kpi)");
  if (o.channels.empty()) throw ConfigError("mmm: name at least one media channel column ('channels', CLI --channels)");
  check_distinct(o);
  const size_t parameters = 2 + 2 * o.fourier + o.controls.size() + 3 * o.channels.size();
  if (t.rows() < std::max<size_t>(20, 2 * parameters))
    throw InputError(t.source() + ": " + std::to_string(t.rows()) + " weeks are too few for " +
                     std::to_string(o.channels.size()) + " channels (need at least " +
                     std::to_string(std::max<size_t>(20, 2 * parameters)) + ")");
  MmmData d;
  read_weeks(t, o.date, d);
  d.kpi = complete_numbers(t, o.kpi, "KPI");
  for (const auto& name : o.channels) {
    std::vector<double> x = complete_numbers(t, name, "channel spend");
    for (size_t i = 0; i < x.size(); ++i)
      if (x[i] < 0)
        throw InputError(t.source() + ", " + at_line(t, i) + ", column '" + name + "' (channel spend): " +
                         format_number(x[i]) + " is negative; spend must be 0 or more");
    const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
    if (!(*hi > *lo))
      throw InputError(t.source() + ": channel '" + name + "' is " + format_number(*lo) +
                       " every week; a channel that never varies has no effect the data can show");
    d.channels.push_back(name);
    d.spend.push_back(std::move(x));
  }
  for (const auto& name : o.controls) read_control(t, name, d);
  return d;
}

}  // namespace incrementa::mmm
