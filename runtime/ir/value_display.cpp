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

// The figures of nearly every report, written straight into `out`: a value of 64 bits whose
// decimals end within `most` places (at most 18), with at least `least` places, as
// to_exact_decimal writes it, and its whole part grouped in thousands if asked, as
// group_thousands groups it ("-1,234.50"). False, with nothing written, for any other value: the
// general path writes it.
bool decimal_digits(const Rational& v, std::size_t least, std::size_t most, bool grouped,
                    std::string& out) {
  if (!v.is_small()) return false;
  auto rest = static_cast<std::uint64_t>(v.small_denominator());
  std::size_t twos = 0, fives = 0;
  while (rest % 2 == 0) rest /= 2, ++twos;
  while (rest % 5 == 0) rest /= 5, ++fives;
  const std::size_t places = std::max({twos, fives, least});
  if (rest != 1 || places > most) return false;
  std::uint64_t scale = 1;
  for (std::size_t i = 0; i < places; ++i) scale *= 10;
  const std::int64_t n = v.small_numerator();
  // |n| without overflow for the least 64-bit number.
  const std::uint64_t magnitude =
      n < 0 ? ~static_cast<std::uint64_t>(n) + 1 : static_cast<std::uint64_t>(n);
  std::uint64_t scaled = 0;
  if (__builtin_mul_overflow(magnitude, scale / static_cast<std::uint64_t>(v.small_denominator()),
                             &scaled))
    return false;
  std::uint64_t whole = scaled / scale, fraction = scaled % scale;
  char buffer[48];
  char* const end = buffer + sizeof buffer;
  char* p = end;
  for (std::size_t i = 0; i < places; ++i, fraction /= 10)
    *--p = static_cast<char>('0' + fraction % 10);
  if (places > 0) *--p = '.';
  for (std::size_t digit = 0;; ++digit, whole /= 10) {
    if (grouped && digit > 0 && digit % 3 == 0) *--p = ',';
    *--p = static_cast<char>('0' + whole % 10);
    if (whole < 10) break;
  }
  if (n < 0) *--p = '-';
  out.append(p, end);
  return true;
}

// display_magnitude of the value in its unit (in_unit), appended to `out`.
void append_magnitude(const Rational& v, const Unit& unit, std::string& out) {
  const bool money = is_money(unit);
  // Past 6 places (2 for money) a figure is shown rounded: the general path marks it.
  if (decimal_digits(v, money ? 2 : 0, money ? 2 : 6, true, out)) return;
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
  if (approximate) out += "≈ ";
  out += group_thousands(digits);
}

}  // namespace

std::string display_magnitude(const Rational& base_value, const Unit& unit) {
  std::string out;
  append_magnitude(in_unit(base_value, unit), unit, out);
  return out;
}

std::string display_number(const Rational& base_value, const Unit& unit) {
  const Rational v = in_unit(base_value, unit);
  std::string number;
  if (is_money(unit)) {
    // The pound sign goes after any "≈ " and minus sign: "≈ -£3.33".
    append_magnitude(v, unit, number);
    std::size_t at = number.starts_with("≈ ") ? std::string("≈ ").size() : 0;
    if (number.compare(at, 1, "-") == 0) ++at;
    return number.insert(at, "£");
  }
  append_magnitude(v, unit, number);
  if (unit.percent) return number += '%';
  if (unit.dimensionless()) return number;
  number += ' ';
  return number += unit_name(unit, v != Rational(1));
}

std::string exact_number(const Rational& base_value, const Unit& unit) {
  const Rational v = from_base(base_value, unit);
  if (std::string digits; decimal_digits(v, is_money(unit) ? 2 : 0, 18, false, digits))
    return digits;
  const auto exact = v.to_exact_decimal(is_money(unit) ? 2 : 0);
  return exact ? *exact : v.to_fraction();
}

double approximate_number(const Rational& base_value, const Unit& unit) {
  return from_base(base_value, unit).to_double();
}

std::vector<std::string> member_names(const Value& v, const Type& type,
                                      const CheckedRuleset& ruleset) {
  std::vector<std::string> names;
  if (v.kind != ValueKind::member_set || type.kind != TypeKind::set || type.ref == any_enumeration)
    return names;
  for (std::uint32_t m = 0; m < 32; ++m) {
    if ((v.aux >> m) & 1u) names.push_back(ruleset.enum_member_name(type.ref, m));
  }
  return names;
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
    case ValueKind::member_set:
      f.members = member_names(v, type, ruleset);
      if (type.kind == TypeKind::set && type.ref != any_enumeration) {
        for (std::uint32_t m = 0; m < 32; ++m) {
          if ((v.aux >> m) & 1u) f.member_labels.push_back(ruleset.enum_member_label(type.ref, m));
        }
      }
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
    case ValueKind::member_set: {
      // "early stage and late stage", in the enumeration's order; "none" when empty.
      std::string out;
      for (std::size_t i = 0; i < f.member_labels.size(); ++i) {
        if (i > 0) out += i + 1 == f.member_labels.size() ? " and " : ", ";
        out += f.member_labels[i];
      }
      return out.empty() ? "none" : out;
    }
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
