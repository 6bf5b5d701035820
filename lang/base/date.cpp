#include "spdl/lang/base/date.hpp"

#include <fmt/format.h>

namespace spdl {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
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

}  // namespace

std::optional<std::int32_t> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t count) -> std::optional<int> {
    int v = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const auto y = digits(0, 4);
  const auto m = digits(5, 2);
  const auto d = digits(8, 2);
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
  if (static_cast<unsigned>(*d) > days_in_month(*y, static_cast<unsigned>(*m))) return std::nullopt;
  return days_from_civil(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*d));
}

std::string_view month_name(unsigned month) {
  static constexpr std::string_view months[] = {"January",   "February", "March",    "April",
                                                "May",       "June",     "July",     "August",
                                                "September", "October",  "November", "December"};
  return month >= 1 && month <= 12 ? months[month - 1] : std::string_view();
}

std::string date_in_words(std::int32_t day, bool month_only) {
  const std::string iso = format_date(day);  // YYYY-MM-DD
  const unsigned month = static_cast<unsigned>((iso[5] - '0') * 10 + (iso[6] - '0'));
  const int d = (iso[8] - '0') * 10 + (iso[9] - '0');
  if (month_only) return fmt::format("{} {}", month_name(month), iso.substr(0, 4));
  return fmt::format("{} {} {}", d, month_name(month), iso.substr(0, 4));
}

std::string why_not_a_date(std::string_view text) {
  if (parse_date(text)) return {};
  const auto shaped = [&] {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
      if (text[i] < '0' || text[i] > '9') return false;
    return true;
  };
  if (!shaped()) return "write it YYYY-MM-DD";
  const auto number = [&](std::size_t from, std::size_t count) {
    int v = 0;
    for (std::size_t i = from; i < from + count; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  if (month < 1 || month > 12) return fmt::format("there is no month {}", month);
  if (day < 1) return "there is no day 0";
  return fmt::format("{} {} has {} days", month_name(static_cast<unsigned>(month)), year,
                     days_in_month(year, static_cast<unsigned>(month)));
}

std::string format_date(std::int32_t day) {
  const int z = day + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return fmt::format("{:04}-{:02}-{:02}", y + (m <= 2), m, d);
}

}  // namespace spdl
