// CSV reader: RFC 4180 parsing, type detection, and every error message
// (each must name the source, the line, the column and what was expected).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "core/csv.hpp"
#include "core/error.hpp"

using incrementa::ColumnType;
using incrementa::CsvError;
using incrementa::CsvOptions;
using incrementa::InputError;
using incrementa::read_csv;
using Catch::Matchers::Contains;

namespace {
// The message of the CsvError that parsing `text` throws ("" if none).
std::string csv_error(const std::string& text, const std::string& source = "t.csv") {
  try {
    read_csv(text, source);
  } catch (const CsvError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("csv: RFC 4180 quoting with escapes, commas and newlines inside quotes", "[csv]") {
  const std::string text = "name,n\n\"x,\"\"y\"\"\nz\",1\nplain,2\n\"\",3\n";
  const auto t = read_csv(text, "q.csv");
  REQUIRE(t.rows() == 3);
  const auto& name = t.column("name");
  REQUIRE(name.type == ColumnType::Categorical);
  // Row 0 holds: x,"y"<newline>z ; row 2 is an empty quoted field = missing.
  CHECK(name.cell_text(0) == "x,\"y\"\nz");
  CHECK(name.cell_text(1) == "plain");
  CHECK(name.missing(2));
  // The quoted field spans lines 2-3, so the next records are on lines 4 and 5.
  CHECK(t.line_of_row(0) == 2);
  CHECK(t.line_of_row(1) == 4);
  CHECK(t.line_of_row(2) == 5);
  CHECK(t.column("n").values == std::vector<double>{1, 2, 3});
}

TEST_CASE("csv: quoted numbers are numbers, quoted header names are unescaped", "[csv]") {
  const auto t = read_csv("\"a \"\"b\"\"\",c\n\"1.5\",2\n3,\"4\"\n", "q.csv");
  REQUIRE(t.has("a \"b\""));
  CHECK(t.column("a \"b\"").type == ColumnType::Numeric);
  CHECK(t.column("a \"b\"").values == std::vector<double>{1.5, 3});
  CHECK(t.column("c").type == ColumnType::Integer);
}

TEST_CASE("csv: CRLF line ends and a UTF-8 byte-order mark", "[csv]") {
  const auto t = read_csv("\xEF\xBB\xBF" "a,b\r\n1,x\r\n2,\"y\r\nz\"\r\n3,w", "crlf.csv");
  REQUIRE(t.rows() == 3);
  CHECK(t.has("a"));  // not "\xEF\xBB\xBF" "a"
  CHECK(t.column("a").values == std::vector<double>{1, 2, 3});
  CHECK(t.column("b").cell_text(0) == "x");  // no stray '\r'
  CHECK(t.column("b").cell_text(1) == "y\r\nz");
  CHECK(t.line_of_row(2) == 5);
}

TEST_CASE("csv: blank lines are skipped and later line numbers stay right", "[csv]") {
  const std::string good = "a,b\n\n1,2\n\r\n\n3,4\n\n";
  const auto t = read_csv(good, "blank.csv");
  REQUIRE(t.rows() == 2);
  CHECK(t.line_of_row(0) == 3);
  CHECK(t.line_of_row(1) == 6);
  // The same blank lines before a ragged row: the error must say line 6.
  CHECK_THAT(csv_error("a,b\n\n1,2\n\r\n\n3,4,5\n"), Contains("t.csv: line 6 has 3 fields"));
  // And text in a numeric column after blank lines names its real line.
  const auto u = read_csv("a,b\n\n1,2\n\n\nx,4\n", "blank.csv");
  REQUIRE_THROWS_WITH(u.numeric_column("a", "outcome"), Contains("line 6 holds 'x'"));
}

TEST_CASE("csv: type detection", "[csv]") {
  const auto t = read_csv("i,f,c,big,neg\n1,1.5,a,1e16,-3\n2,2,1,2,-0.25\n-7,3e-2,2,3,+4\n", "types.csv");
  CHECK(t.column("i").type == ColumnType::Integer);
  CHECK(t.column("f").type == ColumnType::Numeric);
  CHECK(t.column("c").type == ColumnType::Categorical);  // "a" makes the whole column text
  // 1e16 is whole but beyond 2^53, where doubles no longer hold every integer.
  CHECK(t.column("big").type == ColumnType::Numeric);
  CHECK(t.column("neg").type == ColumnType::Numeric);
  CHECK(t.column("f").values[2] == 0.03);
  CHECK(t.column("neg").values[2] == 4.0);
}

TEST_CASE("csv: forced categorical keeps leading zeros and sorts levels", "[csv]") {
  CsvOptions o;
  o.categorical = {"zip"};
  const auto t = read_csv("zip,v\n10001,1\n02134,2\n10001,3\n", "zip.csv", o);
  const auto& zip = t.column("zip");
  REQUIRE(zip.type == ColumnType::Categorical);
  CHECK(zip.levels == std::vector<std::string>{"02134", "10001"});
  CHECK(zip.codes == std::vector<int32_t>{1, 0, 1});
  // Without the option the leading zero alone keeps it text; without one it is an integer column.
  CHECK(read_csv("zip,v\n10001,1\n02134,2\n", "zip.csv").column("zip").type == ColumnType::Categorical);
  CHECK(read_csv("zip,v\n10001,1\n12134,2\n", "zip.csv").column("zip").type == ColumnType::Integer);
}

TEST_CASE("csv: missing tokens", "[csv]") {
  const auto t = read_csv("x,g\n1,a\nNA,NA\n,\nnull,b\nNaN,N/A\n2.5,a\n", "na.csv");
  const auto& x = t.column("x");
  CHECK(x.type == ColumnType::Numeric);
  CHECK(x.missing_count() == 4);
  CHECK(std::isnan(x.values[1]));
  CHECK(x.values[5] == 2.5);
  const auto& g = t.column("g");
  CHECK(g.levels == std::vector<std::string>{"a", "b"});
  CHECK(g.codes == std::vector<int32_t>{0, -1, -1, 1, -1, 0});
  // Custom tokens replace the default list.
  CsvOptions o;
  o.missing_tokens = {"-"};
  const auto u = read_csv("x\n-\nNA\n", "na.csv", o);
  CHECK(u.column("x").type == ColumnType::Categorical);  // "NA" is now text
  CHECK(u.column("x").missing_count() == 1);
}

TEST_CASE("csv: levels are sorted byte-wise, codes follow", "[csv]") {
  const auto t = read_csv("g\nb\na\nc\na\nB\n", "lv.csv");
  const auto& g = t.column("g");
  CHECK(g.levels == std::vector<std::string>{"B", "a", "b", "c"});  // 'B' (0x42) before 'a'
  CHECK(g.codes == std::vector<int32_t>{2, 1, 3, 1, 0});
}

TEST_CASE("csv: other delimiter and surrounding header spaces", "[csv]") {
  CsvOptions o;
  o.delimiter = ';';
  const auto t = read_csv(" a ;b\n1,5;2\n", "semi.csv", o);
  CHECK(t.has("a"));
  CHECK(t.column("a").type == ColumnType::Categorical);  // "1,5" is not a number
  CHECK(t.column("b").values == std::vector<double>{2});
}

TEST_CASE("csv errors: ragged rows", "[csv][errors]") {
  const std::string few = csv_error("a,b,c\n1,2,3\n4,5\n");
  CHECK_THAT(few, Contains("t.csv: line 3 has 2 fields, but the header has 3"));
  CHECK_THAT(few, Contains("expected one value per column"));
  CHECK_THAT(csv_error("a,b,c\n1,2,3\n4,5,6,7\n"), Contains("t.csv: line 3 has 4 fields, but the header has 3"));
  CHECK_THAT(csv_error("a,b\n1\n"), Contains("line 2 has 1 field,"));
  // After a quoted field with two embedded newlines the line count still holds.
  CHECK_THAT(csv_error("a,b\n\"x\n\ny\",1\n2\n"), Contains("line 5 has 1 field"));
}

TEST_CASE("csv errors: unterminated quote names where it opened", "[csv][errors]") {
  const std::string e = csv_error("a,b\n1,2\n3,\"abc\n4,5\n");
  CHECK_THAT(e, Contains("t.csv: line 3, column 'b'"));
  CHECK_THAT(e, Contains("never closed"));
  CHECK_THAT(e, Contains("expected a closing '\"'"));
  // In the header the column has no name yet: the field number is given.
  CHECK_THAT(csv_error("a,\"b\n"), Contains("line 1, field 2"));
}

TEST_CASE("csv errors: junk after a closing quote", "[csv][errors]") {
  const std::string e = csv_error("a,b\n1,2\n\"x\"y,3\n");
  CHECK_THAT(e, Contains("t.csv: line 3, column 'a'"));
  CHECK_THAT(e, Contains("unexpected 'y' after a closing quote"));
  CHECK_THAT(e, Contains("expected a delimiter or the end of the line"));
}

TEST_CASE("csv errors: empty file, header only, bad header names", "[csv][errors]") {
  CHECK_THAT(csv_error(""), Contains("t.csv is empty: expected a header line"));
  CHECK_THAT(csv_error("\n\r\n\n"), Contains("t.csv is empty"));
  CHECK_THAT(csv_error("\xEF\xBB\xBF"), Contains("t.csv is empty"));
  CHECK_THAT(csv_error("a,b\n"), Contains("t.csv: the header is there but there are no data lines"));
  CHECK_THAT(csv_error("a,b\n\n\n"), Contains("no data lines"));
  CHECK_THAT(csv_error("a,,c\n1,2,3\n"), Contains("t.csv: line 1, field 2: the header has an empty column name"));
  CHECK_THAT(csv_error("a, ,c\n1,2,3\n"), Contains("field 2: the header has an empty column name"));
  CHECK_THAT(csv_error("a,b,a\n1,2,3\n"), Contains("t.csv: line 1: the header names column 'a' twice"));
  CHECK_THAT(csv_error("a,b, a\n1,2,3\n"), Contains("column 'a' twice"));  // names are trimmed first
}

TEST_CASE("csv errors: text in a numeric column, unknown column", "[csv][errors]") {
  const auto t = read_csv("id,spend\n1,2.5\n2,3\n3,lots\n4,oops\n", "shop.csv");
  try {
    t.numeric_column("spend", "outcome");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    const std::string m = e.what();
    CHECK_THAT(m, Contains("shop.csv: column 'spend' (outcome) must hold numbers"));
    CHECK_THAT(m, Contains("line 4 holds 'lots'"));  // the first offending cell
  }
  // A column forced categorical has no "first text line": an example level is shown.
  CsvOptions o;
  o.categorical = {"id"};
  const auto u = read_csv("id,spend\n7,1\n5,2\n", "shop.csv", o);
  CHECK_THROWS_WITH(u.numeric_column("id", "feature"), Contains("holds text such as '5'"));
  try {
    t.column("spnd");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Contains("shop.csv: no column named 'spnd'; the columns are 'id', 'spend'"));
  }
}

TEST_CASE("csv errors: a long offending value is shortened", "[csv][errors]") {
  const std::string longtext(100, 'z');
  const auto t = read_csv("v\n1\n" + longtext + "\n", "l.csv");
  CHECK_THROWS_WITH(t.numeric_column("v", "outcome"), Contains("line 3 holds '" + std::string(40, 'z') + "...'"));
}

namespace {
// True when `s` is well-formed UTF-8 (so JSON encoders accept it).
bool valid_utf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += len;
  }
  return true;
}
}  // namespace

TEST_CASE("csv errors: shortening a value never splits a UTF-8 character", "[csv][errors][bug]") {
  // 39 ASCII bytes then a 2-byte character: a cut at 40 bytes splits it. The
  // message goes into JSON (WASM envelope), which rejects invalid UTF-8.
  const auto t = read_csv("v\n1\n" + std::string(39, 'a') + "\xC3\xA9tude\n", "u.csv");
  try {
    t.numeric_column("v", "outcome");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Contains("line 3 holds 'aaa"));
    CHECK(valid_utf8(e.what()));
  }
}

TEST_CASE("csv: read_csv_file names the path when it cannot open it", "[csv][errors]") {
  CHECK_THROWS_WITH(incrementa::read_csv_file("/nonexistent/dir/x.csv"), Contains("cannot open '/nonexistent/dir/x.csv'"));
}

TEST_CASE("csv: whole numbers with leading zeros stay text (zip codes, ids)", "[csv]") {
  const auto t = read_csv("zip,amount,ratio,zero\n02134,5,0.5,0\n10001,-07,0.25,0\n", "z.csv");
  const auto& zip = t.column("zip");
  REQUIRE(zip.type == ColumnType::Categorical);
  CHECK(zip.cell_text(0) == "02134");  // the zeros survive
  CHECK(zip.leading_zero_line == 2);
  // '-07' is a signed whole number with a leading zero: text as well.
  CHECK(t.column("amount").type == ColumnType::Categorical);
  // '0', '0.5' and '0.25' have no leading zero in this sense: still numbers.
  CHECK(t.column("ratio").type == ColumnType::Numeric);
  CHECK(t.column("zero").type == ColumnType::Integer);
  // Asking for the zip as a number says why it is text.
  try {
    (void)t.numeric_column("zip", "outcome");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Contains("leading zeros (line 2 holds '02134'"));
  }
}

TEST_CASE("csv: a one-column file whose header holds ';' or a tab names the likely delimiter", "[csv]") {
  CHECK_THAT(csv_error("a;b;c\n1;2;3\n"), Contains("t.csv: line 1: the header reads as one column 'a;b;c'"));
  CHECK_THAT(csv_error("a;b;c\n1;2;3\n"), Contains("looks separated by ';'"));
  CHECK_THAT(csv_error("a\tb\n1\t2\n"), Contains("looks separated by a tab"));
  // With the delimiter given, the same file reads as three columns...
  CsvOptions semicolon;
  semicolon.delimiter = ';';
  semicolon.delimiter_given = true;
  CHECK(read_csv("a;b;c\n1;2;3\n", "t.csv", semicolon).cols() == 3);
  // ...and a genuine one-column file is left alone.
  CHECK(read_csv("amount\n1\n2\n", "t.csv").cols() == 1);
  CsvOptions comma;
  comma.delimiter_given = true;
  CHECK(read_csv("a;b\n1;2\n", "t.csv", comma).column("a;b").type == ColumnType::Categorical);
}
