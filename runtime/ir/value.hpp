#pragma once
// A runtime value: known (with a number, yes/no, date, enumeration member or text), unknown
// (because inputs are missing: the evaluation records which), or an error (division by zero, a
// conflict between exceptions: the evaluation records what and where).

#include <cstdint>
#include <string>

#include "spdl/lang/base/rational.hpp"

namespace spdl {

enum class ValueState : std::uint8_t { known, unknown, error };

// A text value's index: into the ruleset's texts, or, with this bit set, into the scheme's.
inline constexpr std::uint32_t scheme_text_flag = 0x80000000u;
enum class ValueKind : std::uint8_t { none, boolean, number, date, text, enumeration, member_set };

struct Value {
  ValueState state = ValueState::unknown;
  ValueKind kind = ValueKind::none;
  // boolean: 0/1; date: day number; enumeration: member index; member_set: a bit for each member
  // (the checker allows sets of enumerations of at most 32 members); text: index into the text
  // pool; unknown: the evaluation's set of missing inputs; error: the evaluation's error index.
  std::uint32_t aux = 0;
  Rational number;  // numbers, always in base units (m2 for area)

  static Value boolean(bool b) { return {ValueState::known, ValueKind::boolean, b ? 1u : 0u, {}}; }
  static Value of(Rational r) { return {ValueState::known, ValueKind::number, 0, std::move(r)}; }
  static Value date(std::int32_t day) {
    return {ValueState::known, ValueKind::date, static_cast<std::uint32_t>(day), {}};
  }
  static Value member(std::uint32_t m) {
    return {ValueState::known, ValueKind::enumeration, m, {}};
  }
  static Value text(std::uint32_t t) { return {ValueState::known, ValueKind::text, t, {}}; }
  static Value member_set(std::uint32_t bits) {
    return {ValueState::known, ValueKind::member_set, bits, {}};
  }
  static Value missing(std::uint32_t needs) {
    return {ValueState::unknown, ValueKind::none, needs, {}};
  }
  static Value failed(std::uint32_t error) {
    return {ValueState::error, ValueKind::none, error, {}};
  }

  bool known() const { return state == ValueState::known; }
  bool truthy() const { return state == ValueState::known && aux != 0; }
  std::int32_t day() const { return static_cast<std::int32_t>(aux); }
};

}  // namespace spdl
