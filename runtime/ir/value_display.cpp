#include "spdl/runtime/ir/value_display.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "spdl/lang/base/date.hpp"

namespace spdl {

std::string group_thousands(const std::string& digits) {
  std::size_t start = digits.starts_with('-') ? 1 : 0;
  std::size_t end = digits.find('.');
  if (end == std::string::npos) end = digits.size();
  std::string out = digits.substr(0, start);
  for (std::size_t i = start; i < end; ++i) {
    out += digits[i];
    const std::size_t left = end - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  out += digits.substr(end);
  return out;
}

namespace {

// The value in the unit's own scale: hectares for ha, the fraction itself for a percentage.
Rational in_unit(const Rational& base_value, const Unit& unit) {
  Rational v = from_base(base_value, unit);
  if (unit.percent) v = v * Rational(100);
  return v;
}

bool is_money(const Unit& unit) {
  return unit.exponent_of(Dimension::money) == 1 && unit.is(Dimension::money);
}

}  // namespace

std::string display_magnitude(const Rational& base_value, const Unit& unit) {
  const Rational v = in_unit(base_value, unit);
  std::string digits;
  bool approximate = false;
  if (is_money(unit)) {
    // Money shows pennies; a fraction of a penny is shown rounded and marked.
    if (const auto exact = v.to_exact_decimal(2); exact && exact->size() - exact->find('.') <= 3) {
      digits = *exact;
    } else {
      digits = v.to_rounded_decimal(2);
      approximate = true;
    }
  } else if (const auto exact = v.to_exact_decimal();
             exact && exact->size() - std::min(exact->size(), exact->find('.')) <= 7) {
    digits = *exact;
  } else {
    digits = v.to_rounded_decimal(unit.percent ? 2 : 4);
    while (digits.back() == '0') digits.pop_back();
    if (digits.back() == '.') digits.pop_back();
    approximate = true;
  }
  return (approximate ? "≈ " : "") + group_thousands(digits);
}

std::string display_number(const Rational& base_value, const Unit& unit) {
  std::string number = display_magnitude(base_value, unit);
  if (is_money(unit)) {
    // The pound sign goes after any "≈ " and minus sign: "≈ -£3.33".
    std::size_t at = number.starts_with("≈ ") ? std::string("≈ ").size() : 0;
    if (number.compare(at, 1, "-") == 0) ++at;
    return number.insert(at, "£");
  }
  if (unit.percent) return number + "%";
  if (unit.dimensionless()) return number;
  const bool one = in_unit(base_value, unit) == Rational(1);
  return number + " " + unit_name(unit, !one);
}

std::string exact_number(const Rational& base_value, const Unit& unit) {
  const Rational v = from_base(base_value, unit);
  const auto exact = v.to_exact_decimal(is_money(unit) ? 2 : 0);
  return exact ? *exact : v.to_fraction();
}

double approximate_number(const Rational& base_value, const Unit& unit) {
  return from_base(base_value, unit).to_double();
}

std::string display_known(const Value& v, const Type& type, const CheckedRuleset& ruleset,
                          const std::string* text) {
  if (v.kind == ValueKind::text && text == nullptr) return "text";
  return display_figure(known_figure(v, type, ruleset, text));
}

FigureValue known_figure(const Value& v, const Type& type, const CheckedRuleset& ruleset,
                         const std::string* text) {
  FigureValue f;
  f.state = ValueState::known;
  f.kind = v.kind;
  switch (v.kind) {
    case ValueKind::boolean:
      f.yes = v.aux != 0;
      break;
    case ValueKind::number:
      f.number = v.number;
      f.unit = type.kind == TypeKind::number ? type.unit : Unit::none();
      break;
    case ValueKind::date:
      f.day = v.day();
      break;
    case ValueKind::enumeration:
      f.label = type.kind == TypeKind::enumeration ? ruleset.enum_member_label(type.ref, v.aux)
                                                   : std::to_string(v.aux);
      break;
    case ValueKind::text:
      if (text != nullptr) f.label = *text;
      break;
    case ValueKind::none:
      break;
  }
  return f;
}

std::string display_figure(const FigureValue& f) {
  if (f.state == ValueState::error) return "error: " + f.error;
  if (f.state == ValueState::unknown) {
    std::string list;
    for (const auto& n : f.needs) list += (list.empty() ? "" : ", ") + n;
    return list.empty() ? "unknown" : "unknown (needs " + list + ")";
  }
  switch (f.kind) {
    case ValueKind::boolean:
      return f.yes ? "yes" : "no";
    case ValueKind::number:
      return display_number(f.number, f.unit);
    case ValueKind::date:
      return format_date(f.day);
    case ValueKind::enumeration:
      return f.label;
    case ValueKind::text:
      return "\"" + f.label + "\"";
    case ValueKind::none:
      return "nothing";
  }
  return "?";
}

std::string exact_figure(const FigureValue& f) {
  if (f.state != ValueState::known) return "";
  return f.kind == ValueKind::number ? exact_number(f.number, f.unit) : display_figure(f);
}

}  // namespace spdl
