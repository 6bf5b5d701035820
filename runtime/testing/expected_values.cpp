#include "spdl/runtime/testing/expected_values.hpp"

#include <fmt/format.h>

#include <cctype>

#include "spdl/lang/base/units.hpp"
#include "spdl/runtime/input/scheme_values.hpp"
#include "spdl/runtime/ir/value_display.hpp"

namespace spdl {

namespace {

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

bool is_money(const Unit& unit) {
  return unit.is(Dimension::money);
}

// The value as the unit shows it: hectares for ha, 36.14 for 36.14%.
Rational in_unit(const Rational& base_value, const Unit& unit) {
  Rational v = from_base(base_value, unit);
  if (unit.percent) v = v * Rational(100);
  return v;
}

// "£" before the digits (after a minus sign), "%" after them, or the unit's name.
std::string with_unit(std::string digits, const Unit& unit, bool one) {
  if (is_money(unit)) return digits.insert(digits.starts_with('-') ? 1 : 0, "\xC2\xA3");
  if (unit.percent) return digits + "%";
  if (unit.dimensionless()) return digits;
  return digits + " " + unit_name(unit, !one);
}

}  // namespace

std::optional<WrittenPrecision> written_precision(std::string_view text) {
  std::size_t first = 0;
  while (first < text.size() && !is_digit(text[first])) ++first;
  if (first == text.size()) return std::nullopt;
  std::size_t begin = first > 0 && text[first - 1] == '.' ? first - 1 : first;
  std::size_t end = first;
  while (end < text.size() && (is_digit(text[end]) || text[end] == ',' || text[end] == '.')) ++end;
  const std::string_view number = text.substr(begin, end - begin);
  const auto point = number.find('.');
  WrittenPrecision out;
  if (point != std::string_view::npos) {
    for (std::size_t i = point + 1; i < number.size(); ++i)
      out.places += is_digit(number[i]) ? 1 : 0;
  }
  // The unit in the last place, positive, in the same words: "-£3.25" -> "£0.01".
  std::string prefix(text.substr(0, begin));
  std::erase(prefix, '-');
  const std::string last =
      out.places == 0 ? "1"
                      : "0." + std::string(static_cast<std::size_t>(out.places - 1), '0') + "1";
  out.last_place = prefix + last + std::string(text.substr(end));
  return out;
}

bool equal_to_step(const Rational& actual, const Rational& expected, const Rational& step) {
  const auto steps = Rational::divide(actual, step);
  if (!steps) return false;
  return steps->round(Rounding::half_up) * step == expected;
}

std::string display_precisely(const Rational& base_value, const Unit& unit, int digits) {
  const Rational v = in_unit(base_value, unit);
  const bool one = v == Rational(1);
  if (const auto exact = v.to_exact_decimal(is_money(unit) ? 2 : 0))
    return with_unit(group_thousands(*exact), unit, one);
  // Cut towards zero, so every digit shown is one the value has.
  const Rational cut = v.round(v.sign() < 0 ? Rounding::up : Rounding::down, digits);
  return with_unit(group_thousands(*cut.to_exact_decimal(digits)) + "\xE2\x80\xA6", unit, one);
}

std::optional<Mismatch> compare_expected(const Value& actual, const std::string& display,
                                         const std::string& actual_text, const Type& type,
                                         const std::string& wanted, const CheckedRuleset& ruleset) {
  auto mismatch = [&](std::string expected, std::string got, std::string note = {}) {
    std::string message = fmt::format("expected {}, got {}{}", expected, got, note);
    return Mismatch{std::move(expected), std::move(got), std::move(message)};
  };
  if (wanted.starts_with("\xE2\x89\x88")) {  // "≈", copied from a report
    return Mismatch{
        wanted, display,
        fmt::format("write `{}` without the \xE2\x89\x88: a value whose decimals do "
                    "not end is compared to the places written",
                    wanted.substr(3).starts_with(' ') ? wanted.substr(4) : wanted.substr(3))};
  }
  std::vector<std::string> texts;
  const ReadOptions expected_value{.allow_negative = true, .allow_fraction = true};
  const auto parsed = read_value(wanted, type, ruleset, texts, expected_value);
  if (const auto* problem = std::get_if<ValueProblem>(&parsed)) {
    return Mismatch{
        wanted, display,
        fmt::format("the expected value `{}` cannot be read: {}{}", wanted, problem->message,
                    problem->hint.empty() ? "" : "; " + problem->hint)};
  }
  const Value& want = std::get<Value>(parsed);
  const bool numbers = actual.known() && actual.kind == ValueKind::number &&
                       want.kind == ValueKind::number && type.kind == TypeKind::number;
  if (!numbers) {
    const bool same =
        actual.known() && actual.kind == want.kind &&
        (want.kind == ValueKind::text ? actual_text == texts.front() : actual.aux == want.aux);
    if (same) return std::nullopt;
    return mismatch(display_known(want, type, ruleset, texts.empty() ? nullptr : &texts.front()),
                    display);
  }
  if (actual.number == want.number) return std::nullopt;

  const Unit& unit = type.unit;
  const std::string expected = display_number(want.number, unit);
  const auto precision = written_precision(wanted);
  const int places = precision ? precision->places : 0;
  const int digits = std::max(places + 2, 4);
  const bool ends = actual.number.to_exact_decimal().has_value();
  if (!ends && places > 0) {
    std::vector<std::string> unused;
    const auto step = read_value(precision->last_place, type, ruleset, unused, expected_value);
    if (const auto* s = std::get_if<Value>(&step); s && s->kind == ValueKind::number) {
      if (equal_to_step(actual.number, want.number, s->number)) return std::nullopt;
    }
    return mismatch(fmt::format("{} (to {} place{})", expected, places, places == 1 ? "" : "s"),
                    display_precisely(actual.number, unit, digits));
  }
  if (!ends) {
    // "33%" against a third: say how to compare to places.
    const Rational shown = in_unit(actual.number, unit).round(Rounding::half_up, 2);
    return mismatch(
        expected, display_precisely(actual.number, unit, digits),
        fmt::format(" (its decimals do not end: write the places to compare to, such "
                    "as {})",
                    with_unit(group_thousands(*shown.to_exact_decimal(2)), unit, false)));
  }
  return mismatch(expected, display_precisely(actual.number, unit, digits));
}

}  // namespace spdl
