// What a page needs to fill its column pickers: column names, types, missing counts and levels. Apart from
// commands.cpp so that the CSV fuzz target builds the reader and this alone, not every room.
#pragma once
#include "api/json_util.hpp"
#include "core/table.hpp"

namespace incrementa {

// Column names, types, missing counts and (for categorical columns, and whole-number columns with few
// values) levels.
Json describe_table(const Table& table);

}  // namespace incrementa
