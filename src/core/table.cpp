#include "core/table.hpp"

#include <cstdio>
#include <cstdlib>

#include "core/error.hpp"

namespace incrementa {

const char* column_type_name(ColumnType t) {
  switch (t) {
    case ColumnType::Numeric: return "numeric";
    case ColumnType::Integer: return "integer";
    case ColumnType::Categorical: return "categorical";
  }
  return "numeric";
}

size_t Column::missing_count() const {
  size_t n = 0;
  for (size_t i = 0; i < size(); ++i) n += missing(i) ? 1 : 0;
  return n;
}

std::string format_number(double v) {
  if (std::isnan(v)) return "";
  char buf[32];
  for (int precision = 15; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

std::string Column::cell_text(size_t row) const {
  if (type == ColumnType::Categorical) return codes[row] < 0 ? std::string() : levels[codes[row]];
  return format_number(values[row]);
}

void Table::add_column(Column column) {
  if (has(column.name)) throw InputError(source_ + ": column '" + column.name + "' appears twice");
  if (!columns_.empty() && column.size() != rows_)
    throw InputError(source_ + ": column '" + column.name + "' has " + std::to_string(column.size()) +
                     " rows, expected " + std::to_string(rows_));
  rows_ = column.size();
  columns_.push_back(std::move(column));
}

bool Table::has(const std::string& name) const {
  for (const auto& c : columns_)
    if (c.name == name) return true;
  return false;
}

const Column& Table::column(const std::string& name) const {
  for (const auto& c : columns_)
    if (c.name == name) return c;
  std::string available;
  for (const auto& c : columns_) available += (available.empty() ? "'" : ", '") + c.name + "'";
  throw InputError(source_ + ": no column named '" + name + "'; the columns are " + available);
}

int64_t Table::line_of_row(size_t row) const {
  return row_lines_.empty() ? static_cast<int64_t>(row) + 2 : row_lines_.at(row);
}

const Column& Table::numeric_column(const std::string& name, const std::string& role) const {
  const Column& c = column(name);
  if (c.is_numeric()) return c;
  std::string msg = source_ + ": column '" + name + "' (" + role + ") must hold numbers";
  if (c.leading_zero_line >= 0)
    msg += ", but it is read as text because its values have leading zeros (line " +
           std::to_string(c.leading_zero_line) + " holds '" + c.leading_zero_value +
           "', like a zip code or an id); remove the zeros if the column is an amount";
  else if (c.first_text_line >= 0)
    msg += ", but line " + std::to_string(c.first_text_line) + " holds '" + c.first_text_value + "'";
  else
    msg += ", but it holds text such as '" + (c.levels.empty() ? std::string() : c.levels.front()) + "'";
  throw InputError(msg);
}

}  // namespace incrementa
