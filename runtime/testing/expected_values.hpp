#pragma once
// An expected value in a ruleset test against the value a ruleset computed. A number is exact,
// except that one whose decimal expansion does not end (a third, 253/700 = 36.142857...%) cannot be
// written exactly: it is compared to the decimal places the test writes, rounded half up (away
// from zero), in the unit written. So `36.14%` means 36.14% to two places of the percentage, and
// `2.67 ha` two places of a hectare; a value that ends (36.145%) must be written in full.

#include <optional>
#include <string>
#include <string_view>

#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/ir/value.hpp"

namespace spdl {

// The decimal places of the number in `text` ("36.14%" has 2, "£1,250" none), and one unit in
// its last place written the same way ("0.01%", "£1", "0.1 ha"), for the value reader to read.
struct WrittenPrecision {
  int places = 0;
  std::string last_place;
};
std::optional<WrittenPrecision> written_precision(std::string_view text);

// Whether `actual`, rounded half up (away from zero) to a multiple of `step`, is `expected`.
bool equal_to_step(const Rational& actual, const Rational& expected, const Rational& step);

// A number in its unit, exact when its decimal expansion ends ("36.145%", "£29,341.505"), else
// cut after `digits` places and marked "…" ("36.1428…%"): unlike a report's "≈ 36.14%", it
// shows why two values that look alike are not equal.
std::string display_precisely(const Rational& base_value, const Unit& unit, int digits);

// Why `actual` is not `wanted` (text as a test writes it, of `type`), or nothing when it is.
struct Mismatch {
  std::string expected;  // "36.14% (to 2 places)"
  std::string actual;    // "36.1428…%"
  std::string message;   // "expected 36.14% (to 2 places), got 36.1428…%"
};
// `display` is the report's display of `actual` (with its "unknown (needs ...)"); `actual_text`
// resolves a text value.
std::optional<Mismatch> compare_expected(const Value& actual, const std::string& display,
                                         const std::string& actual_text, const Type& type,
                                         const std::string& wanted, const CheckedRuleset& ruleset);

}  // namespace spdl
