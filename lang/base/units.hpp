#pragma once
// Units of measure. A unit is a vector of exponents over the base dimensions planning policy
// counts in, plus a power-of-ten scale against the base unit of each dimension (square metres
// for area, so a hectare has scale 4). Percent is dimensionless with a display flag.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spdl {

enum class Dimension : std::uint8_t {
  dwelling,
  habitable_room,
  bedroom,
  person,
  area,
  money,
  year
};
inline constexpr std::size_t dimension_count = 7;

struct Unit {
  std::array<std::int8_t, dimension_count> exponent{};
  std::int8_t scale = 0;  // value in base units = value * 10^scale
  bool percent = false;   // dimensionless, shown as a percentage

  static Unit none() { return {}; }
  static Unit percentage() {
    Unit u;
    u.percent = true;
    return u;
  }
  static Unit of(Dimension d, std::int8_t scale = 0) {
    Unit u;
    u.exponent[static_cast<std::size_t>(d)] = 1;
    u.scale = scale;
    return u;
  }

  bool dimensionless() const;
  // Same dimension: the values can be added or compared once scaled.
  bool commensurable(const Unit& other) const { return exponent == other.exponent; }
  bool operator==(const Unit& other) const = default;
  std::int8_t exponent_of(Dimension d) const { return exponent[static_cast<std::size_t>(d)]; }
  bool is(Dimension d) const;  // exactly one of dimension d
};

// Products and quotients keep the operands' scales; normalize() then folds a scale left
// without any area (m2 per ha, say) into a factor the value must be multiplied by.
Unit multiply(const Unit& a, const Unit& b);
Unit divide(const Unit& a, const Unit& b);
struct Normalized {
  Unit unit;
  std::int8_t rescale;  // multiply the value by 10^rescale
};
Normalized normalize(const Unit& unit);

// Values are kept in base units (m2 for area); these convert from and to a unit's own scale.
class Rational;
Rational to_base(const Rational& value, const Unit& unit);
Rational from_base(const Rational& value, const Unit& unit);

// A unit word as written after a number or in a type: "dwellings", "ha", "m2", "persons".
std::optional<Unit> unit_from_word(std::string_view word);
const std::vector<std::string>& unit_words();

// How a unit reads in prose: "dwellings", "ha", "£", "£ per habitable room", "dwellings per year".
// `plural` picks "dwelling" or "dwellings" for counts.
std::string unit_name(const Unit& unit, bool plural = true);
// How a unit is written in spdl source: "dwellings", "£ per habitable_room", "percent".
std::string unit_source_name(const Unit& unit);
// The dimension in words, for diagnostics: "a number of dwellings", "an area", "money".
std::string dimension_description(const Unit& unit);

}  // namespace spdl
