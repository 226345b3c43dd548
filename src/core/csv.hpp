// CSV reader: RFC 4180 quoting (with "" escapes and line breaks inside quotes),
// LF or CRLF line ends (a CRLF inside quotes is kept as it is), a UTF-8 byte-order mark, blank lines skipped. Column
// types are detected: numeric when every non-missing cell is a number, integer
// when every one is whole, otherwise categorical; whole numbers written with
// leading zeros ('02134': zip codes, ids) stay categorical text. Every error names the
// source, the line, the column and what was expected.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"

namespace incrementa {

struct CsvOptions {
  char delimiter = ',';
  // True when the caller chose `delimiter` (then a one-column file whose header
  // holds ';' or a tab is taken as it is, without the "looks separated by" hint).
  bool delimiter_given = false;
  // Cells read as missing (an empty cell always is).
  std::vector<std::string> missing_tokens = {"NA", "N/A", "NaN", "nan", "null", "NULL"};
  // Columns kept as categorical even when their cells are numbers.
  std::vector<std::string> categorical;
};

Table read_csv(std::string_view bytes, const std::string& source, const CsvOptions& options = {});
// Reads a whole file; errors name `path`.
Table read_csv_file(const std::string& path, const CsvOptions& options = {});

}  // namespace incrementa
