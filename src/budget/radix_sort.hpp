// Stable LSD radix sort of records by a double key, decreasing. Keys must be
// >= 0 (or +infinity): for those the bit pattern orders like the value, so its
// complement sorts decreasing. Stability keeps equal keys in input order, so
// the result is the one total order (key desc, then input position) on every
// platform, in linear time. Digits of 11 bits; a pass whose digit is the same
// for every record is skipped.
#pragma once
#include <cstdint>
#include <cstring>
#include <vector>

namespace incrementa {

template <class T, class KeyFn>
void radix_sort_desc(std::vector<T>& a, KeyFn key_of) {
  const size_t n = a.size();
  constexpr int kBits = 11, kPasses = 6;
  constexpr size_t kBuckets = size_t{1} << kBits;
  auto key = [&](const T& s) {
    const double d = key_of(s);
    uint64_t u;
    std::memcpy(&u, &d, sizeof u);
    return ~u;
  };
  std::vector<uint32_t> hist(kPasses * kBuckets, 0);
  for (const T& s : a) {
    const uint64_t k = key(s);
    for (int p = 0; p < kPasses; ++p) ++hist[p * kBuckets + ((k >> (p * kBits)) & (kBuckets - 1))];
  }
  std::vector<T> tmp(n);
  for (int p = 0; p < kPasses; ++p) {
    uint32_t* h = &hist[p * kBuckets];
    bool trivial = false;
    for (size_t b = 0; b < kBuckets; ++b)
      if (h[b] == n) trivial = true;
    if (trivial) continue;
    uint32_t sum = 0;
    for (size_t b = 0; b < kBuckets; ++b) {
      const uint32_t c = h[b];
      h[b] = sum;
      sum += c;
    }
    const int shift = p * kBits;
    for (const T& s : a) tmp[h[(key(s) >> shift) & (kBuckets - 1)]++] = s;
    a.swap(tmp);
  }
}

}  // namespace incrementa
