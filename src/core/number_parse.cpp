#include "core/number_parse.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

namespace incrementa {

namespace {
constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

bool parse_number(std::string_view s, double& out) {
  size_t b = 0, e = s.size();
  while (b < e && s[b] == ' ') ++b;
  while (e > b && s[e - 1] == ' ') --e;
  if (b == e) return false;
  size_t i = b;
  bool negative = false;
  if (s[i] == '+' || s[i] == '-') negative = s[i++] == '-';
  uint64_t mantissa = 0;
  int significant = 0, exponent = 0, digits = 0;
  for (; i < e && is_digit(s[i]); ++i, ++digits) {
    if (mantissa == 0 && s[i] == '0') continue;
    if (significant < 19) {
      mantissa = mantissa * 10 + static_cast<uint64_t>(s[i] - '0');
      ++significant;
    } else {
      ++exponent;
    }
  }
  if (i < e && s[i] == '.') {
    for (++i; i < e && is_digit(s[i]); ++i, ++digits) {
      if (mantissa == 0 && s[i] == '0') {
        --exponent;
        continue;
      }
      if (significant < 19) {
        mantissa = mantissa * 10 + static_cast<uint64_t>(s[i] - '0');
        ++significant;
        --exponent;
      }
    }
  }
  if (digits == 0) return false;
  if (i < e && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < e && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
    if (i == e || !is_digit(s[i])) return false;
    int value = 0;
    for (; i < e && is_digit(s[i]); ++i)
      if (value < 100000) value = value * 10 + (s[i] - '0');
    exponent += exp_negative ? -value : value;
  }
  if (i != e) return false;
  if (significant <= 15 && exponent >= -22 && exponent <= 22) {
    double v = static_cast<double>(mantissa);
    v = exponent < 0 ? v / kPow10[-exponent] : v * kPow10[exponent];
    out = negative ? -v : v;
    return true;
  }
  // Slow path: correctly rounded in both C libraries.
  std::string copy(s.substr(b, e - b));
  out = std::strtod(copy.c_str(), nullptr);
  return out - out == 0.0;  // rejects overflow to infinity
}

}  // namespace incrementa
