#include "spdl/lang/base/units.hpp"

#include <fmt/format.h>

#include "spdl/lang/base/rational.hpp"

namespace spdl {

namespace {

struct UnitWord {
  std::string_view word;
  Dimension dimension;
  std::int8_t scale;
};

constexpr UnitWord unit_table[] = {
    {"dwelling", Dimension::dwelling, 0},
    {"dwellings", Dimension::dwelling, 0},
    {"habitable_room", Dimension::habitable_room, 0},
    {"habitable_rooms", Dimension::habitable_room, 0},
    {"bedroom", Dimension::bedroom, 0},
    {"bedrooms", Dimension::bedroom, 0},
    {"person", Dimension::person, 0},
    {"persons", Dimension::person, 0},
    {"people", Dimension::person, 0},
    {"ha", Dimension::area, 4},
    {"hectare", Dimension::area, 4},
    {"hectares", Dimension::area, 4},
    {"m2", Dimension::area, 0},
    {"sqm", Dimension::area, 0},
    {"pound", Dimension::money, 0},
    {"pounds", Dimension::money, 0},
    {"GBP", Dimension::money, 0},
    {"year", Dimension::year, 0},
    {"years", Dimension::year, 0},
};

struct DimensionNames {
  const char* singular;
  const char* plural;
  const char* source;           // as written in spdl after a number: "15 dwellings"
  const char* source_singular;  // after `per`: "per habitable_room"
  const char* description;
};

constexpr DimensionNames dimension_names[dimension_count] = {
    {"dwelling", "dwellings", "dwellings", "dwelling", "a number of dwellings"},
    {"habitable room", "habitable rooms", "habitable_rooms", "habitable_room",
     "a number of habitable rooms"},
    {"bedroom", "bedrooms", "bedrooms", "bedroom", "a number of bedrooms"},
    {"person", "persons", "persons", "person", "a number of persons"},
    {"m2", "m2", "m2", "m2", "an area"},
    {"£", "£", "£", "£", "an amount of money"},
    {"year", "years", "years", "year", "a number of years"},
};

// The name of one dimension with its exponent's sign already handled; area shows its scale.
std::string one_name(std::size_t d, std::int8_t scale, bool plural, bool source) {
  if (d == static_cast<std::size_t>(Dimension::area)) {
    if (scale == 4 || scale == -4) return "ha";
    if (scale == 0) return "m2";
  }
  const auto& n = dimension_names[d];
  if (source) return plural ? n.source : n.source_singular;
  return plural ? n.plural : n.singular;
}

std::string compose(const Unit& unit, bool plural, bool source) {
  if (unit.dimensionless())
    return unit.percent ? (source ? "percent" : "%") : (source ? "number" : "");
  // Most units are one dimension to the power one ("dwellings", "ha"): named with no composing.
  std::size_t dimensions = 0, only = 0;
  for (std::size_t d = 0; d < dimension_count; ++d) {
    if (unit.exponent[d] != 0) ++dimensions, only = d;
  }
  if (dimensions == 1 && unit.exponent[only] == 1) {
    const bool area = only == static_cast<std::size_t>(Dimension::area);
    return std::string(one_name(only, area ? unit.scale : 0, plural, source));
  }
  std::string numerator;
  std::string denominator;
  for (std::size_t d = 0; d < dimension_count; ++d) {
    const int e = unit.exponent[d];
    if (e == 0) continue;
    const bool area = d == static_cast<std::size_t>(Dimension::area);
    const std::int8_t scale = area ? unit.scale : 0;
    const int times = e > 0 ? e : -e;
    for (int k = 0; k < times; ++k) {
      std::string& side = e > 0 ? numerator : denominator;
      if (!side.empty()) side += " × ";
      side += one_name(d, scale, e > 0 ? plural : false, source);
    }
  }
  if (numerator.empty()) return "per " + denominator;
  if (denominator.empty()) return numerator;
  return numerator + " per " + denominator;
}

}  // namespace

bool Unit::dimensionless() const {
  for (auto e : exponent) {
    if (e != 0) return false;
  }
  return true;
}

bool Unit::is(Dimension d) const {
  for (std::size_t i = 0; i < dimension_count; ++i) {
    if (exponent[i] != (i == static_cast<std::size_t>(d) ? 1 : 0)) return false;
  }
  return true;
}

Unit multiply(const Unit& a, const Unit& b) {
  Unit r;
  for (std::size_t i = 0; i < dimension_count; ++i) {
    r.exponent[i] = static_cast<std::int8_t>(a.exponent[i] + b.exponent[i]);
  }
  r.scale = static_cast<std::int8_t>(a.scale + b.scale);
  r.percent = r.dimensionless() && (a.percent || b.percent);
  return r;
}

Unit divide(const Unit& a, const Unit& b) {
  Unit r;
  for (std::size_t i = 0; i < dimension_count; ++i) {
    r.exponent[i] = static_cast<std::int8_t>(a.exponent[i] - b.exponent[i]);
  }
  r.scale = static_cast<std::int8_t>(a.scale - b.scale);
  r.percent = r.dimensionless() && a.percent && !b.percent;
  return r;
}

Normalized normalize(const Unit& unit) {
  Normalized n{unit, 0};
  if (unit.exponent_of(Dimension::area) == 0 && unit.scale != 0) {
    n.rescale = unit.scale;
    n.unit.scale = 0;
  }
  return n;
}

namespace {

Rational power_of_ten(int exponent) {
  Rational r(1);
  const Rational ten(10);
  for (int i = 0; i < (exponent < 0 ? -exponent : exponent); ++i) r = r * ten;
  return exponent < 0 ? *Rational::divide(Rational(1), r) : r;
}

}  // namespace

Rational to_base(const Rational& value, const Unit& unit) {
  return unit.scale == 0 ? value : value * power_of_ten(unit.scale);
}

Rational from_base(const Rational& value, const Unit& unit) {
  return unit.scale == 0 ? value : value * power_of_ten(-unit.scale);
}

std::optional<Unit> unit_from_word(std::string_view word) {
  for (const auto& u : unit_table) {
    if (u.word == word) return Unit::of(u.dimension, u.scale);
  }
  return std::nullopt;
}

const std::vector<std::string>& unit_words() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> w;
    for (const auto& u : unit_table) w.emplace_back(u.word);
    return w;
  }();
  return words;
}

std::string unit_name(const Unit& unit, bool plural) {
  return compose(unit, plural, false);
}

std::string unit_source_name(const Unit& unit) {
  return compose(unit, true, true);
}

std::string dimension_description(const Unit& unit) {
  if (unit.dimensionless()) return unit.percent ? "a percentage" : "a plain number";
  for (std::size_t d = 0; d < dimension_count; ++d) {
    if (unit.is(static_cast<Dimension>(d))) return dimension_names[d].description;
  }
  return fmt::format("a quantity in {}", compose(unit, true, false));
}

}  // namespace spdl
