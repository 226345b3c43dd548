// Text-to-number conversion that gives the same double natively (glibc) and in
// WASM (musl): both fall back to a correctly rounded strtod, and the fast path
// is exact (Clinger: at most 15 significant digits and |exponent| <= 22).
#pragma once
#include <string_view>

namespace incrementa {

// Parses a decimal number (optional sign, digits, '.', exponent) surrounded by
// optional spaces. Returns false for anything else, including "" and "inf".
bool parse_number(std::string_view text, double& out);

}  // namespace incrementa
