// Week labels of a marketing-mix table: ISO dates (YYYY-MM-DD, as Robyn,
// Meridian and PyMC-Marketing export them) give the day of the year for
// seasonality and let us check that no week is missing.
#pragma once
#include <optional>
#include <string>

namespace incrementa::mmm {

// Days since 1970-01-01 of "YYYY-MM-DD" (anything after the 10th character,
// such as a time, is ignored); nullopt when the text is not such a date.
std::optional<long> parse_iso_day(const std::string& text);

// "YYYY-MM-DD" of a day number (the inverse of parse_iso_day).
std::string iso_date(long day);

// 1-based day of the year of a day number from parse_iso_day.
int day_of_year(long day);

}  // namespace incrementa::mmm
