// Figures as a report shows them. display_number and exact_number write most figures digit by
// digit into one string; the general path (the exact decimal, grouped in thousands for people) is
// the reference they must match on every value they take, and the values they leave to that path
// still come out as before.

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "spdl/lang/base/rational.hpp"
#include "spdl/lang/base/units.hpp"
#include "spdl/runtime/ir/value_display.hpp"

using namespace spdl;

namespace {

// The general path for a value whose decimals end: its exact digits with at least `places`,
// grouped in thousands.
std::string reference(const Rational& v, int places) {
  return group_thousands(*v.to_exact_decimal(places));
}

}  // namespace

TEST_CASE("figures: as the report's examples show them", "[report]") {
  const Unit dwellings = Unit::of(Dimension::dwelling);
  CHECK(display_number(Rational(24), dwellings) == "24 dwellings");
  CHECK(display_number(Rational(1), dwellings) == "1 dwelling");
  CHECK(display_number(Rational(-1), dwellings) == "-1 dwellings");
  CHECK(display_number(Rational(5000), *unit_from_word("ha")) == "0.5 ha");  // 5,000 m2
  CHECK(display_number(*Rational::from_decimal("5281380"), Unit::of(Dimension::money)) ==
        "£5,281,380.00");
  CHECK(display_number(*Rational::from_decimal("-3.5"), Unit::of(Dimension::money)) == "-£3.50");
  CHECK(display_number(Rational::fraction(-10, 3), Unit::of(Dimension::money)) == "≈ -£3.33");
  CHECK(display_number(*Rational::from_decimal("0.4"), Unit::percentage()) == "40%");
  CHECK(display_number(Rational(3000), Unit::of(Dimension::person)) == "3,000 persons");
  // 1039 / 4552 = 0.228251..., rounded half up to four places.
  CHECK(display_number(Rational::fraction(1039, 4552), Unit::none()) == "≈ 0.2283");
  CHECK(display_magnitude(*Rational::from_decimal("1234567.125"), Unit::none()) == "1,234,567.125");
  // Seven places are shown rounded, six exactly.
  CHECK(display_magnitude(*Rational::from_decimal("0.1234567"), Unit::none()) == "≈ 0.1235");
  CHECK(display_magnitude(*Rational::from_decimal("0.123456"), Unit::none()) == "0.123456");
}

TEST_CASE("figures: digit by digit as the exact decimal grouped", "[report]") {
  const Unit money = Unit::of(Dimension::money);
  std::vector<Rational> values;
  for (const std::int64_t n : {0LL, 1LL, 7LL, 12LL, 999LL, 1000LL, 1001LL, 65536LL, 999999LL,
                               1000000LL, 123456789LL, 9223372036854775807LL}) {
    for (const std::int64_t d :
         {1LL, 2LL, 4LL, 5LL, 8LL, 10LL, 16LL, 20LL, 64LL, 100LL, 1000LL, 3125LL, 1000000LL}) {
      values.push_back(Rational::fraction(n, d));
      values.push_back(Rational::fraction(-n, d));
    }
  }
  values.push_back(Rational(-9223372036854775807LL) - Rational(1));  // the least of 64 bits
  for (const Rational& v : values) {
    INFO(v.to_fraction());
    const auto exact = v.to_exact_decimal();
    const std::size_t places =
        exact->find('.') == std::string::npos ? 0 : exact->size() - exact->find('.') - 1;
    // Up to six places exactly; past them, rounded and marked.
    if (places <= 6) CHECK(display_magnitude(v, Unit::none()) == reference(v, 0));
    if (places > 6) CHECK(display_magnitude(v, Unit::none()).starts_with("≈ "));
    // Money in pennies: shown exactly to two places when it has no more.
    if (places <= 2) CHECK(display_magnitude(v, money) == reference(v, 2));
    if (places > 2) CHECK(display_magnitude(v, money).starts_with("≈ "));
    // For programs: every digit, ungrouped; money to at least two places.
    CHECK(exact_number(v, Unit::none()) == *exact);
    CHECK(exact_number(v, money) == *v.to_exact_decimal(2));
  }
  // A decimal that does not end is a fraction.
  CHECK(exact_number(Rational::fraction(-1039, 4552), Unit::none()) == "-1039/4552");
}
