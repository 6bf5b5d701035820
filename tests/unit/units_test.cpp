#include <catch2/catch.hpp>

#include "spdl/lang/base/rational.hpp"
#include "spdl/lang/base/units.hpp"

using namespace spdl;

TEST_CASE("unit words", "[units]") {
  CHECK(unit_from_word("dwellings")->is(Dimension::dwelling));
  CHECK(unit_from_word("people")->is(Dimension::person));
  CHECK(unit_from_word("ha")->scale == 4);
  CHECK(unit_from_word("m2")->scale == 0);
  CHECK(unit_from_word("ha")->commensurable(*unit_from_word("m2")));
  CHECK_FALSE(unit_from_word("dwelings"));
}

TEST_CASE("products and quotients of units", "[units]") {
  const Unit money = Unit::of(Dimension::money);
  const Unit room = Unit::of(Dimension::habitable_room);
  const Unit rate = divide(money, room);
  CHECK(unit_name(rate) == "£ per habitable room");
  CHECK(multiply(rate, room) == money);  // 90 habitable rooms x £29,341 per habitable room = £
  const Unit density = divide(Unit::of(Dimension::dwelling), *unit_from_word("ha"));
  CHECK(unit_name(density) == "dwellings per ha");
  CHECK(normalize(multiply(density, *unit_from_word("ha"))).unit.is(Dimension::dwelling));
  CHECK(multiply(Unit::of(Dimension::dwelling), Unit::percentage()).is(Dimension::dwelling));
  CHECK(multiply(Unit::percentage(), Unit::percentage()).percent);  // 40% of 50% is 20%
  CHECK(divide(Unit::of(Dimension::dwelling), Unit::of(Dimension::dwelling)).dimensionless());
}

TEST_CASE("values convert to base units", "[units]") {
  const Unit ha = *unit_from_word("ha");
  CHECK(to_base(*Rational::from_decimal("0.5"), ha) == Rational(5000));  // 0.5 ha = 5,000 m2
  CHECK(from_base(Rational(1600), ha) == *Rational::from_decimal("0.16"));
  CHECK(dimension_description(ha) == "an area");
  CHECK(unit_source_name(divide(Unit::of(Dimension::money), Unit::of(Dimension::habitable_room))) ==
        "£ per habitable_room");
}
