#pragma once
// Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spdl {

// "2006-03-23" -> day number; nullopt for a malformed or impossible date (2006-02-30).
std::optional<std::int32_t> parse_date(std::string_view text);
// Why parse_date refuses `text`, to follow "is not a date: ": "write it YYYY-MM-DD", "there is no
// month 13", "February 2026 has 28 days"; "" when it is a date.
std::string why_not_a_date(std::string_view text);
std::string format_date(std::int32_t day);
// "4 May 2006"; "June 2004" for a month.
std::string date_in_words(std::int32_t day, bool month_only = false);
// "January" for 1 .. "December" for 12.
std::string_view month_name(unsigned month);

}  // namespace spdl
