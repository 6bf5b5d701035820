#pragma once
// The rounding rule of round_half_up, round_half_even, round_up and round_down, written once for
// both evaluators. A figure is rounded to `places` decimal places of its own unit (two places of
// a hectare, not of a square metre): the unit is 10^unit_scale base units (4 for hectares).
//
// The rule itself is rounding_step: given the floor division n = q·d + r, whether the quotient
// goes up to q + 1. The scalar evaluator rounds exact rationals (round_in_unit); the columnar one
// rounds fixed-point mantissas, a column at a time, with round_division; round_fixed is the same
// for one mantissa, and a unit test holds it to round_in_unit over a grid of values.

#include <cstdint>
#include <optional>

#include "spdl/lang/base/rational.hpp"
#include "spdl/lang/base/units.hpp"

namespace spdl {

// 1 when n / d, with floor division n = q·d + r (d > 0, 0 <= r < d), rounds to q + 1 under Mode;
// else 0. `negative` says n < 0. No branches (so loops over a column vectorise), and 2r is never
// computed, so no d overflows it.
template <Rounding Mode, typename Int>
constexpr Int rounding_step(Int q, Int r, Int d, bool negative) {
  const Int rest = d - r;  // r compared with rest is 2r compared with d
  switch (Mode) {
    case Rounding::down:
      return 0;
    case Rounding::up:
      return r != 0;
    case Rounding::half_up:  // halves away from zero
      return (r > rest) | ((r == rest) & !negative);
    case Rounding::half_even:  // halves to the even neighbour
      return (r > rest) | ((r == rest) & (q & 1));
  }
  return 0;
}

// n / d rounded under Mode, for d > 0. A constant divisor (std::integral_constant) lets the
// compiler divide by multiplying.
template <Rounding Mode, typename Int, typename Divisor>
constexpr Int round_division(Int n, Divisor divisor) {
  const Int d = divisor;
  Int q = n / d;
  Int r = n % d;
  const Int below = r < 0;  // truncation went up: step down to the floor
  q -= below;
  r += below * d;
  return q + rounding_step<Mode>(q, r, d, n < 0);
}

template <typename Int>
constexpr Int round_division(Int n, Int d, Rounding mode) {
  switch (mode) {
    case Rounding::down:
      return round_division<Rounding::down>(n, d);
    case Rounding::up:
      return round_division<Rounding::up>(n, d);
    case Rounding::half_up:
      return round_division<Rounding::half_up>(n, d);
    case Rounding::half_even:
      return round_division<Rounding::half_even>(n, d);
  }
  return n / d;
}

// Fixed point: mantissa / 10^scale base units is mantissa / 10^(scale + unit_scale) in the unit,
// so rounding it to `places` places divides the mantissa by 10^shift, shift = scale + unit_scale -
// places, and leaves it at scale - shift. A shift of 0 or less: the value is exact already.
constexpr int fixed_rounding_shift(int scale, int places, int unit_scale) {
  return scale + unit_scale - places;
}

struct FixedPoint {
  std::int64_t mantissa = 0;
  int scale = 0;  // the value is mantissa / 10^scale
};

// One mantissa rounded, as a column is; nullopt where 64 bits cannot do it (a shift past 10^18).
// The result's scale may be negative: a whole number of hundreds, say.
inline std::optional<FixedPoint> round_fixed(FixedPoint v, Rounding mode, int places,
                                             int unit_scale) {
  const int shift = fixed_rounding_shift(v.scale, places, unit_scale);
  if (shift <= 0) return v;
  if (shift > 18) return std::nullopt;
  std::int64_t divisor = 1;
  for (int i = 0; i < shift; ++i) divisor *= 10;
  return FixedPoint{round_division(v.mantissa, divisor, mode), v.scale - shift};
}

// Exact: a value in base units rounded to `places` places of the unit 10^unit_scale base units.
// A whole number in base units rounds to itself when the unit is the base unit.
inline Rational round_in_unit(const Rational& base_value, Rounding mode, int places,
                              int unit_scale) {
  if (unit_scale == 0) return base_value.is_integer() ? base_value : base_value.round(mode, places);
  Unit unit;
  unit.scale = static_cast<std::int8_t>(unit_scale);
  unit.exponent[static_cast<std::size_t>(Dimension::area)] = 1;
  return to_base(from_base(base_value, unit).round(mode, places), unit);
}

}  // namespace spdl
