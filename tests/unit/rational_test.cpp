#include <catch2/catch.hpp>
#include <limits>

#include "spdl/lang/base/rational.hpp"

using spdl::Rational;
using spdl::Rounding;

namespace {
Rational dec(const char* text) {
  return *Rational::from_decimal(text);
}
}  // namespace

TEST_CASE("decimal literals are exact", "[rational]") {
  CHECK(dec("0.1") + dec("0.2") == dec("0.3"));  // the classic binary floating point failure
  CHECK(dec("77.17").to_fraction() == "7717/100");
  CHECK(dec("0.50") == Rational::fraction(1, 2));
  CHECK(dec("-204").to_fraction() == "-204");
  CHECK_FALSE(Rational::from_decimal("1."));
  CHECK_FALSE(Rational::from_decimal("1,000"));  // grouping commas are removed by the parser first
  CHECK_FALSE(Rational::from_decimal(""));
}

TEST_CASE("arithmetic stays exact and in lowest terms", "[rational]") {
  const Rational third = Rational::fraction(1, 3);
  const Rational sixth = Rational::fraction(1, 6);
  CHECK(third + sixth == Rational::fraction(1, 2));
  CHECK(third - sixth == sixth);
  CHECK(third * Rational(3) == Rational(1));
  CHECK(*Rational::divide(Rational(1), Rational(3)) == third);
  CHECK_FALSE(Rational::divide(Rational(1), Rational(0)));
  CHECK(Rational::fraction(2, -4).to_fraction() == "-1/2");
}

TEST_CASE("values beyond 64 bits move to GMP and back", "[rational]") {
  const Rational max(std::numeric_limits<std::int64_t>::max());
  const Rational big = max + Rational(1);  // 2^63 does not fit
  CHECK_FALSE(big.is_small());
  CHECK(big.to_fraction() == "9223372036854775808");
  const Rational back = big - Rational(1);
  CHECK(back.is_small());
  CHECK(back == max);
  CHECK(big > max);
  CHECK((big * big).to_fraction() == "85070591730234615865843651857942052864");
  const Rational min(std::numeric_limits<std::int64_t>::min());  // its negation would overflow
  CHECK((-min).to_fraction() == "9223372036854775808");
}

TEST_CASE("rounding modes", "[rational]") {
  CHECK(dec("2.5").round(Rounding::half_up) == Rational(3));
  CHECK(dec("-2.5").round(Rounding::half_up) == Rational(-3));
  CHECK(dec("2.5").round(Rounding::half_even) == Rational(2));
  CHECK(dec("3.5").round(Rounding::half_even) == Rational(4));
  CHECK(dec("2.1").round(Rounding::up) == Rational(3));
  CHECK(dec("-2.1").round(Rounding::up) == Rational(-2));
  CHECK(dec("2.9").round(Rounding::down) == Rational(2));
  CHECK(dec("-2.1").round(Rounding::down) == Rational(-3));
  // Harrow Appendix 3: £189,300 x 62% / 4 = £29,341.50; the SPD publishes £29,341, so it rounded
  // down.
  const Rational per_room = *Rational::divide(dec("189300") * dec("0.62"), Rational(4));
  CHECK(per_room == dec("29341.5"));
  CHECK(per_room.round(Rounding::down) == Rational(29341));
  CHECK(per_room.round(Rounding::half_up) == Rational(29342));
  CHECK(Rational::fraction(2, 3).round(Rounding::half_up, 2) == dec("0.67"));
}

TEST_CASE("decimal output is exact or says it cannot be", "[rational]") {
  CHECK(Rational(5281380).to_exact_decimal(2) ==
        "5281380.00");  // Harrow's worked example, in pounds
  CHECK(dec("0.35").to_exact_decimal() == "0.35");
  CHECK(dec("-0.05").to_exact_decimal() == "-0.05");
  CHECK(Rational::fraction(1, 8).to_exact_decimal() == "0.125");
  CHECK_FALSE(Rational::fraction(1, 3).to_exact_decimal());
  CHECK(Rational::fraction(1, 3).to_rounded_decimal(4) == "0.3333");
  const Rational big = Rational(std::numeric_limits<std::int64_t>::max()) * Rational(10);
  CHECK(big.to_exact_decimal(1) == "92233720368547758070.0");
  CHECK(Rational::fraction(1039, 4552).to_rounded_decimal(4) ==
        "0.2283");  // Salford App. A: 22.83%
}

TEST_CASE("bits measure the size limit", "[rational]") {
  CHECK(Rational(7).bits() <= 128);
  Rational r(3);
  for (int i = 0; i < 8; ++i) r = r * r;  // 3^256
  CHECK(r.bits() > 400);
}
