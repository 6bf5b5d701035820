#pragma once
// Reading one scheme value from text, whatever the file format (YAML, CSV, JSON Lines): a number
// with or without its unit ("2.4 ha", "5000 m2", "£1,250,000", "40%", "12"), yes/no, a date, a
// member of an enumeration by name or label.

#include <string>
#include <string_view>
#include <variant>

#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/ir/value.hpp"

namespace spdl {

struct ValueProblem {
  std::string message;  // `expected a whole number of bedrooms, got "three"`
  std::string hint;     // "did you mean `social_rent`?"
};

struct ReadOptions {
  // A scheme's counts, areas and sums of money are never negative; a computed result may be
  // (Salford's row 2.5 is -204 dwellings), so an expected value in a test may be too.
  bool allow_negative = false;
  // A scheme counts whole dwellings; a computed count may have a fraction (a third of 10
  // dwellings), so an expected value in a test may too.
  bool allow_fraction = false;
};

// Parse `text` as a value of `type`. Text values are appended to `texts` (the scheme's text pool).
std::variant<Value, ValueProblem> read_value(std::string_view text, const Type& type,
                                             const CheckedRuleset& ruleset,
                                             std::vector<std::string>& texts,
                                             ReadOptions options = {});

// The same for a scheme's input, which must also keep to the input's bounds (`at least 1
// dwelling`).
std::variant<Value, ValueProblem> read_input_value(std::string_view text, const CheckedInput& input,
                                                   const CheckedRuleset& ruleset,
                                                   std::vector<std::string>& texts);
// A problem when a known value is outside the input's bounds.
std::optional<ValueProblem> outside_bounds(const CheckedInput& input, const Value& value);

// Keys a scheme may give that describe it rather than give an input: name, reference, notes,
// description.
inline constexpr const char* scheme_metadata_keys[] = {"name", "reference", "notes", "description"};
bool is_scheme_metadata(std::string_view key);

}  // namespace spdl
