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

constexpr int kSmallestPower = -342, kLargestPower = 308;
constexpr uint64_t kPow5[][2] = {
#include "core/pow5_table.inc"
};

struct Product {
  uint64_t high, low;
};
Product multiply(uint64_t a, uint64_t b) {
  const unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
  return {static_cast<uint64_t>(p >> 64), static_cast<uint64_t>(p)};
}

// Eisel-Lemire: w * 10^q correctly rounded, for w < 2^64 exact (at most 19
// digits). Returns false in the rare cases it cannot decide (near halfway,
// subnormal, overflow): the caller then uses strtod. Pure integer arithmetic,
// so native and WASM give the same bits; far faster than musl's strtod.
bool eisel_lemire(uint64_t w, int q, bool negative, double& out) {
  if (w == 0 || q < kSmallestPower || q > kLargestPower) return false;
  const uint64_t* factor = kPow5[q - kSmallestPower];
  // floor(log2(10^q)) + 1024 + 63, by a fixed-point multiply.
  const int64_t exponent = (((152170 + 65536) * static_cast<int64_t>(q)) >> 16) + 1024 + 63;
  int lz = __builtin_clzll(w);
  w <<= lz;
  Product p = multiply(w, factor[0]);
  uint64_t upper = p.high, lower = p.low;
  if ((upper & 0x1FF) == 0x1FF && lower + w < lower) {
    // The truncated product may be off in its low bits: add the next 64 bits of 5^q.
    const Product p2 = multiply(w, factor[1]);
    const uint64_t middle = lower + p2.high;
    if (middle < lower) ++upper;
    if (middle + 1 == 0 && (upper & 0x1FF) == 0x1FF && p2.low + w < p2.low) return false;
    lower = middle;
  }
  const uint64_t upper_bit = upper >> 63;
  uint64_t mantissa = upper >> (upper_bit + 9);
  lz += static_cast<int>(1 ^ upper_bit);
  if (lower == 0 && (upper & 0x1FF) == 0 && (mantissa & 3) == 1) return false;  // possibly a tie
  mantissa += mantissa & 1;
  mantissa >>= 1;
  if (mantissa >= (uint64_t{1} << 53)) {
    mantissa = uint64_t{1} << 52;
    --lz;
  }
  mantissa &= ~(uint64_t{1} << 52);
  const int64_t real_exponent = exponent - lz;
  if (real_exponent < 1 || real_exponent > 2046) return false;
  uint64_t bits = mantissa | static_cast<uint64_t>(real_exponent) << 52 | static_cast<uint64_t>(negative) << 63;
  std::memcpy(&out, &bits, sizeof out);
  return true;
}
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
  bool truncated = false;  // digits beyond the 19th were dropped: mantissa inexact
  for (; i < e && is_digit(s[i]); ++i, ++digits) {
    if (mantissa == 0 && s[i] == '0') continue;
    if (significant < 19) {
      mantissa = mantissa * 10 + static_cast<uint64_t>(s[i] - '0');
      ++significant;
    } else {
      ++exponent;
      truncated = truncated || s[i] != '0';
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
      } else {
        truncated = truncated || s[i] != '0';
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
  if (!truncated && significant <= 15 && exponent >= -22 && exponent <= 22) {
    double v = static_cast<double>(mantissa);
    v = exponent < 0 ? v / kPow10[-exponent] : v * kPow10[exponent];
    out = negative ? -v : v;
    return true;
  }
  if (!truncated && eisel_lemire(mantissa, exponent, negative, out)) return true;
  // Slow path: correctly rounded in both C libraries.
  std::string copy(s.substr(b, e - b));
  out = std::strtod(copy.c_str(), nullptr);
  return out - out == 0.0;  // rejects overflow to infinity
}

}  // namespace incrementa
