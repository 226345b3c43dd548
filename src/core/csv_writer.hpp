// Writes a Table as CSV (RFC 4180 quoting where needed, LF line ends, numbers
// in shortest round-trip form, missing cells empty).
#pragma once
#include <ostream>

#include "core/table.hpp"

namespace incrementa {

void write_csv(const Table& table, std::ostream& out);

}  // namespace incrementa
