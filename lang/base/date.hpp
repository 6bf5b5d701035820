#pragma once
// Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spdl {

// "2006-03-23" -> day number; nullopt for a malformed or impossible date (2006-02-30).
std::optional<std::int32_t> parse_date(std::string_view text);
std::string format_date(std::int32_t day);

}  // namespace spdl
