#include "spdl/lang/base/date.hpp"

#include <fmt/format.h>

namespace spdl {

namespace {

// Howard Hinnant's days_from_civil and civil_from_days (below).
std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(int y, unsigned m) {
  static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

struct Civil {
  int year;
  unsigned month, day;
};

Civil civil_from_days(std::int32_t days) {
  const int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

// "YYYY-MM-DD" read as three numbers, whatever their values; nullopt for another shape.
std::optional<Civil> written_fields(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const std::size_t starts[] = {0, 5, 8}, ends[] = {4, 7, 10};
  for (int f = 0; f < 3; ++f) {
    for (std::size_t i = starts[f]; i < ends[f]; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      v[f] = v[f] * 10 + (text[i] - '0');
    }
  }
  return Civil{v[0], static_cast<unsigned>(v[1]), static_cast<unsigned>(v[2])};
}

}  // namespace

std::optional<std::int32_t> parse_date(std::string_view text) {
  const auto c = written_fields(text);
  if (!c || c->month < 1 || c->month > 12 || c->day < 1 ||
      c->day > days_in_month(c->year, c->month))
    return std::nullopt;
  return days_from_civil(c->year, c->month, c->day);
}

std::string_view month_name(unsigned month) {
  static constexpr std::string_view months[] = {"January",   "February", "March",    "April",
                                                "May",       "June",     "July",     "August",
                                                "September", "October",  "November", "December"};
  return month >= 1 && month <= 12 ? months[month - 1] : std::string_view();
}

std::string date_in_words(std::int32_t day, bool month_only) {
  const Civil c = civil_from_days(day);
  if (month_only) return fmt::format("{} {:04}", month_name(c.month), c.year);
  return fmt::format("{} {} {:04}", c.day, month_name(c.month), c.year);
}

std::string why_not_a_date(std::string_view text) {
  if (parse_date(text)) return {};
  const auto c = written_fields(text);
  if (!c) return "write it YYYY-MM-DD";
  if (c->month < 1 || c->month > 12) return fmt::format("there is no month {}", c->month);
  if (c->day < 1) return "there is no day 0";
  return fmt::format("{} {} has {} days", month_name(c->month), c->year,
                     days_in_month(c->year, c->month));
}

std::string format_date(std::int32_t day) {
  const Civil c = civil_from_days(day);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

}  // namespace spdl
