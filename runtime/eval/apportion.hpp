#pragma once
// Apportionment: a whole number divided among the parts of a `shares` so that the parts always add
// up to it. The method is the largest remainder (Hamilton's): each part gets the whole number
// below its exact quota, and the units left over go one each to the parts with the largest
// fractions, ties to the part written first. All of it in exact rationals.
//
// A part that is a minimum gets its quota rounded up (at least 30% of 17 dwellings is 5.1, so 6;
// a part with a most as well must still fit under it, rounded down), and the remainder part takes
// what the minimums leave, divided with the exact parts by largest remainder.

#include <cstdint>
#include <vector>

#include "spdl/lang/base/rational.hpp"
#include "spdl/lang/check/checked.hpp"

namespace spdl {

struct ApportionPart {
  ShareKind kind = ShareKind::exact;
  Rational share;  // the exact share, or the least; unused for the remainder
  Rational most;   // a range's most
};

enum class ApportionProblem : std::uint8_t {
  none,
  not_whole,       // the total is not a whole number
  negative,        // the total is below zero
  no_whole,        // the whole the shares divide is not above zero
  range_empty,     // `part` has no whole number between its least and its most
  minimums_exceed  // the minimums, rounded up, leave less than nothing for the remainder
};

struct Apportioned {
  std::vector<Rational> quotas;   // each part's exact quota
  std::vector<Rational> results;  // whole numbers that add up to the total
  ApportionProblem problem = ApportionProblem::none;
  std::uint32_t part = 0;  // the part a problem concerns
};

// `whole` is what the shares are of (1 for 100%). Without minimums or a remainder, the quotas are
// of the parts' own sum, so they add up to the total even if the parts do not add up to `whole`.
Apportioned apportion(const Rational& total, const Rational& whole,
                      const std::vector<ApportionPart>& parts);

}  // namespace spdl
