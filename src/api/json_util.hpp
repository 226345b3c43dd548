// Helpers shared by the JSON faces of every command (CLI and WASM): reading
// typed options with clear errors, and writing numbers that are never NaN.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "experiment/intervals.hpp"

namespace incrementa {

using Json = nlohmann::json;

// A finite number, or null (JSON has no NaN; the page shows "n/a" with a reason).
Json number_or_null(double v);
Json interval_json(const Interval& i);
// A list of numbers, each finite or null.
Json numbers_json(const std::vector<double>& values);

// Typed option readers: throw ConfigError naming the key and what was expected.
std::string require_string(const Json& options, const std::string& key);
std::optional<std::string> optional_string(const Json& options, const std::string& key);
double number_or(const Json& options, const std::string& key, double fallback);
// A whole number >= 0 (counts: weeks, refits, points).
size_t count_or(const Json& options, const std::string& key, size_t fallback, const std::string& command);
bool bool_or(const Json& options, const std::string& key, bool fallback, const std::string& command);
// A list of names: a JSON array of strings or one comma-separated string (the
// CLI's form); empty items dropped; missing or null = empty.
std::vector<std::string> string_list(const Json& options, const std::string& key, const std::string& command);
// Rejects keys the command does not know, so a typo is not silently ignored.
void check_known_keys(const Json& options, std::initializer_list<const char*> known, const std::string& command);

}  // namespace incrementa
