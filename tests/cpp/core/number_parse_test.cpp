// parse_number must give exactly strtod's double (bitwise) on every decimal it
// accepts, through both its exact fast path and its strtod slow path, and
// reject everything that is not a plain decimal number.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "core/number_parse.hpp"

using incrementa::parse_number;

namespace {
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// A random decimal: sign, integer digits (maybe none), fraction (maybe none),
// exponent (maybe none). Short mantissas and small exponents hit the fast
// path; long ones and big exponents the slow path.
std::string random_decimal(std::mt19937_64& g) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(g); };
  std::string s;
  const int sign = pick(0, 2);
  if (sign == 1) s += '-';
  if (sign == 2) s += '+';
  const int int_digits = pick(0, 22), frac_digits = pick(0, 22);
  for (int i = 0; i < int_digits; ++i) s += static_cast<char>('0' + pick(0, 9));
  if (frac_digits > 0 || int_digits == 0 || pick(0, 3) == 0) s += '.';
  for (int i = 0; i < frac_digits; ++i) s += static_cast<char>('0' + pick(0, 9));
  if (int_digits == 0 && frac_digits == 0) s += '7';  // "." alone is not a number
  if (pick(0, 1)) {
    s += pick(0, 1) ? 'e' : 'E';
    const int es = pick(0, 2);
    if (es == 1) s += '-';
    if (es == 2) s += '+';
    s += std::to_string(pick(0, 1) ? pick(0, 25) : pick(0, 300));
  }
  return s;
}
}  // namespace

TEST_CASE("number_parse: agrees bitwise with strtod on random decimals", "[number]") {
  std::mt19937_64 g(20240601);  // fixed seed: the same strings every run
  int fast_like = 0, checked = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::string s = random_decimal(g);
    const double expected = std::strtod(s.c_str(), nullptr);
    double got = 0;
    const bool ok = parse_number(s, got);
    if (!std::isfinite(expected)) {
      INFO(s);
      CHECK_FALSE(ok);  // overflow to infinity is rejected
      continue;
    }
    INFO(s);
    REQUIRE(ok);
    REQUIRE(same_bits(got, expected));
    ++checked;
    if (s.size() < 12) ++fast_like;
  }
  // Both paths were exercised in bulk (short strings take the fast path).
  CHECK(checked > 190000);
  CHECK(fast_like > 10000);
}

TEST_CASE("number_parse: round trips of random doubles printed with 17 digits", "[number]") {
  std::mt19937_64 g(7);
  char buf[64];
  for (int i = 0; i < 50000; ++i) {
    uint64_t bits = g();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    if (!std::isfinite(v)) continue;
    std::snprintf(buf, sizeof buf, "%.17g", v);
    double got;
    INFO(buf);
    REQUIRE(parse_number(buf, got));
    REQUIRE(same_bits(got, v));
  }
}

TEST_CASE("number_parse: edge cases accepted", "[number]") {
  struct Case {
    const char* text;
    double value;
  };
  // Values written as C++ literals: the compiler's correctly rounded conversion.
  const Case cases[] = {
      {"0", 0.0},          {"-0", -0.0},         {"+1", 1.0},          {"007", 7.0},
      {".5", 0.5},         {"5.", 5.0},          {"-.5", -0.5},        {"1e3", 1000.0},
      {"1E+3", 1000.0},    {"1e-3", 0.001},      {"2.5e0", 2.5},       {"  42  ", 42.0},
      {"0.1", 0.1},        {"1e22", 1e22},       {"1e23", 1e23},       {"123456789012345678901234", 123456789012345678901234.0},
      {"0.000000000000000000000000000001", 1e-30}, {"1.7976931348623157e308", 1.7976931348623157e308},
      {"4.9406564584124654e-324", 4.9406564584124654e-324}, {"9007199254740993", 9007199254740993.0},
      {"000000000000000000000000001.5", 1.5},
  };
  for (const auto& c : cases) {
    double got = 12345;
    INFO(c.text);
    REQUIRE(parse_number(c.text, got));
    CHECK(same_bits(got, c.value));
  }
  // Underflow is not an error: it rounds to zero as strtod does.
  double tiny = 1;
  CHECK(parse_number("1e-400", tiny));
  CHECK(tiny == 0.0);
}

TEST_CASE("number_parse: everything else rejected", "[number]") {
  const char* bad[] = {"",     " ",    "-",     "+",     ".",     "1e",    "1e+",  "1e-",  "e5",   "abc",
                       "1a",   "a1",   "1 2",   "1..2",  "1.2.3", "--1",   "+-1",  "1e5.5", "0x10", "inf",
                       "-inf", "nan",  "NaN",   "1,5",   "\t1",   "1\n",   "1e400", "-1e400", "1e99999999999"};
  for (const char* s : bad) {
    double got = 0;
    INFO('"' << s << '"');
    CHECK_FALSE(parse_number(s, got));
  }
}
