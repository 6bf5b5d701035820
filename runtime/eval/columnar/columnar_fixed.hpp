#pragma once
// Fixed-point numbers as the columns hold them: an int64 mantissa over a power of ten. Internal
// to runtime/columnar*.cpp and runtime/batch*.cpp.

#include <array>
#include <cstddef>
#include <cstdint>

#include "spdl/lang/base/rational.hpp"
#include "spdl/runtime/ir/value.hpp"

namespace spdl::columnar {

inline constexpr int max_scale = 18;

inline constexpr std::array<std::int64_t, max_scale + 1> powers_of_ten = [] {
  std::array<std::int64_t, max_scale + 1> p{};
  p[0] = 1;
  for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}();

// A finite decimal as mantissa / 10^scale, when it fits.
inline bool to_fixed(const Rational& r, std::int64_t& mantissa, std::int8_t& scale) {
  if (!r.is_small()) return false;
  std::int64_t den = r.small_denominator();
  std::int64_t twos = 0, fives = 0;
  while (den % 2 == 0) den /= 2, ++twos;
  while (den % 5 == 0) den /= 5, ++fives;
  if (den != 1) return false;
  const std::int64_t s = std::max(twos, fives);
  if (s > max_scale) return false;
  const std::int64_t factor = powers_of_ten[static_cast<std::size_t>(s)] / r.small_denominator();
  if (__builtin_mul_overflow(r.small_numerator(), factor, &mantissa)) return false;
  scale = static_cast<std::int8_t>(s);
  return true;
}

// The value a column's cell holds: a number mantissa / 10^scale, yes/no, a member or a date.
inline Value value_of(ValueKind kind, std::int64_t mantissa, std::int8_t scale) {
  switch (kind) {
    case ValueKind::number:
      return Value::of(scale == 0 ? Rational(mantissa)
                                  : Rational::fraction(
                                        mantissa, powers_of_ten[static_cast<std::size_t>(scale)]));
    case ValueKind::boolean:
      return Value::boolean(mantissa != 0);
    case ValueKind::enumeration:
      return Value::member(static_cast<std::uint32_t>(mantissa));
    case ValueKind::date:
      return Value::date(static_cast<std::int32_t>(mantissa));
    default:
      return Value{};
  }
}

}  // namespace spdl::columnar
