#pragma once
// A value as data that stands apart from the ruleset and the evaluation it came from, so it can be
// kept, compared with a value of another ruleset, and shown later: a number with its unit, yes or
// no, a date, an enumeration member by its label, a text; or unknown, with the inputs it waits
// for; or an error, with what went wrong. value_display.hpp shows it.

#include <cstdint>
#include <string>
#include <vector>

#include "spdl/lang/base/rational.hpp"
#include "spdl/lang/base/units.hpp"
#include "spdl/runtime/ir/value.hpp"

namespace spdl {

struct FigureValue {
  ValueState state = ValueState::unknown;
  ValueKind kind = ValueKind::none;
  Rational number;                 // a number, in base units
  Unit unit;                       // a number's unit
  bool yes = false;                // a yes/no
  std::int32_t day = 0;            // a date
  std::string label;               // an enumeration member's label, or a text
  std::vector<std::string> needs;  // unknown: the inputs it waits for
  std::string error;               // an error: what went wrong

  // Two values are the same when they say the same: a value of another ruleset whose member has
  // another index but the same label is the same.
  bool operator==(const FigureValue&) const = default;
};

}  // namespace spdl
