// CSV reader: RFC 4180 quoting (with "" escapes and line breaks inside quotes),
// LF or CRLF line ends, a UTF-8 byte-order mark, blank lines skipped. Column
// types are detected: numeric when every non-missing cell is a number, integer
// when every one is whole, otherwise categorical. Every error names the
// source, the line, the column and what was expected.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"

namespace incrementa {

struct CsvOptions {
  char delimiter = ',';
  // Cells read as missing (an empty cell always is).
  std::vector<std::string> missing_tokens = {"NA", "N/A", "NaN", "nan", "null", "NULL"};
  // Columns kept as categorical even when their cells are numbers.
  std::vector<std::string> categorical;
};

Table read_csv(std::string_view bytes, const std::string& source, const CsvOptions& options = {});
// Reads a whole file; errors name `path`.
Table read_csv_file(const std::string& path, const CsvOptions& options = {});

}  // namespace incrementa
