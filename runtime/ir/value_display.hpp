#pragma once
// Figures as people read them, and as programs read them exactly.

#include <string>
#include <string_view>

#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/ir/figure_value.hpp"
#include "spdl/runtime/ir/value.hpp"

namespace spdl {

// A number in its unit, for people: "24 dwellings", "1 dwelling", "0.5 ha", "£5,281,380.00",
// "40%", "3,000 persons", "356.8 dwellings per year". A value whose decimal expansion does not end
// is shown rounded, marked "≈".
std::string display_number(const Rational& base_value, const Unit& unit);
// The same without its unit, for a table whose heading names it: "5,281,380.00", "40", "0.5".
std::string display_magnitude(const Rational& base_value, const Unit& unit);

// The exact value in the unit, for programs: "5281380.00" (money keeps pennies), "0.4" for 40%,
// "0.5" for 0.5 ha, or a fraction "1039/4552" when the decimal does not end.
std::string exact_number(const Rational& base_value, const Unit& unit);
double approximate_number(const Rational& base_value, const Unit& unit);

// A known value of any type: numbers as above, "yes"/"no", dates, an enumeration member's label.
// `texts` resolves text values (the evaluator's text pool).
std::string display_known(const Value& v, const Type& type, const CheckedRuleset& ruleset,
                          const std::string* text = nullptr);

// A known value as data; `text` as for display_known.
FigureValue known_figure(const Value& v, const Type& type, const CheckedRuleset& ruleset,
                         const std::string* text = nullptr);
// A figure for people: as display_known for a known value; "unknown", "unknown (needs site_area,
// dwellings)" or "error: division by zero" otherwise.
std::string display_figure(const FigureValue& f);
// A figure for programs: a number exact in its unit (exact_number), a known value of another kind
// as displayed; "" when it is not known.
std::string exact_figure(const FigureValue& f);

// "1,234,567" from "1234567" (keeps a leading '-' and any decimals).
std::string group_thousands(const std::string& digits);

}  // namespace spdl
