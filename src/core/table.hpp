// A Table holds named, typed columns read from one source (a CSV file, a
// simulated world). Missing cells are NaN in numeric columns and -1 in
// categorical ones.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace incrementa {

enum class ColumnType { Numeric, Integer, Categorical };

const char* column_type_name(ColumnType t);

struct Column {
  std::string name;
  ColumnType type = ColumnType::Numeric;
  std::vector<double> values;       // Numeric and Integer columns; NaN = missing
  std::vector<int32_t> codes;       // Categorical: index into levels; -1 = missing
  std::vector<std::string> levels;  // Categorical: sorted byte-wise
  // For a categorical column whose cells are mostly numbers: the first cell
  // that is not one, so "expected a number" errors can point at it.
  int64_t first_text_line = -1;
  std::string first_text_value;
  // For a column of whole numbers kept as text because a cell has leading
  // zeros ('02134': zip codes, ids are labels, and the zeros would be lost).
  int64_t leading_zero_line = -1;
  std::string leading_zero_value;

  size_t size() const { return type == ColumnType::Categorical ? codes.size() : values.size(); }
  bool is_numeric() const { return type != ColumnType::Categorical; }
  bool missing(size_t row) const {
    return type == ColumnType::Categorical ? codes[row] < 0 : std::isnan(values[row]);
  }
  size_t missing_count() const;
  // The cell as text: the level, or the number in shortest round-trip form.
  std::string cell_text(size_t row) const;
};

class Table {
 public:
  Table() = default;
  explicit Table(std::string source) : source_(std::move(source)) {}

  const std::string& source() const { return source_; }
  size_t rows() const { return rows_; }
  size_t cols() const { return columns_.size(); }
  const std::vector<Column>& columns() const { return columns_; }

  void add_column(Column column);  // throws InputError on a duplicate name or row-count mismatch
  bool has(const std::string& name) const;
  // Throws InputError naming the source and the available columns.
  const Column& column(const std::string& name) const;
  // The column as numbers; throws InputError naming the line of the first
  // non-numeric cell when the column holds text. `role` says what it is used for.
  const Column& numeric_column(const std::string& name, const std::string& role) const;
  // 1-based line in the source for a data row (header is line 1), when known.
  int64_t line_of_row(size_t row) const;
  void set_row_lines(std::vector<int64_t> lines) { row_lines_ = std::move(lines); }

 private:
  std::string source_;
  size_t rows_ = 0;
  std::vector<Column> columns_;
  std::vector<int64_t> row_lines_;  // empty when rows map 1:1 to lines 2..n+1
};

// Shortest text that parses back to the same double (%.17g trimmed).
std::string format_number(double v);

}  // namespace incrementa
