#pragma once
// Exact rational numbers. Values whose numerator and denominator fit in 64 bits live inline
// and are computed with overflow-checked integer arithmetic (128-bit intermediates); anything
// larger moves to GMP (mpq) transparently. No result ever passes through binary floating point.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spdl {

enum class Rounding : std::uint8_t {
  half_up,    // halves away from zero: 2.5 -> 3, -2.5 -> -3
  half_even,  // halves to the even neighbour: 2.5 -> 2, 3.5 -> 4
  up,         // towards +infinity (ceiling)
  down,       // towards -infinity (floor)
};

class Rational {
 public:
  Rational() noexcept = default;
  explicit Rational(std::int64_t integer) noexcept;
  // n / d; d must not be zero.
  static Rational fraction(std::int64_t n, std::int64_t d);
  // Exact value of a decimal literal: optional '-', digits, optional '.' and digits.
  static std::optional<Rational> from_decimal(std::string_view text);

  Rational(const Rational& other) : num_(other.num_), den_(other.den_) {
    if (other.big_) copy_big(other);
  }
  Rational(Rational&& other) noexcept : num_(other.num_), den_(other.den_), big_(other.big_) {
    other.big_ = nullptr;
  }
  Rational& operator=(const Rational& other);
  Rational& operator=(Rational&& other) noexcept;
  ~Rational() {
    if (big_) destroy_big();
  }

  bool is_zero() const noexcept { return !big_ && num_ == 0; }
  int sign() const noexcept;
  bool is_integer() const noexcept;
  bool is_small() const noexcept { return !big_; }
  // Bits in numerator plus denominator: the measure limits::max_rational_bits bounds.
  std::size_t bits() const noexcept;

  Rational operator-() const;
  friend Rational operator+(const Rational& a, const Rational& b);
  friend Rational operator-(const Rational& a, const Rational& b);
  friend Rational operator*(const Rational& a, const Rational& b);
  // a / b; nullopt when b is zero.
  static std::optional<Rational> divide(const Rational& a, const Rational& b);

  friend bool operator==(const Rational& a, const Rational& b) noexcept;
  friend std::strong_ordering operator<=>(const Rational& a, const Rational& b) noexcept;

  // Round to a whole number, or to `places` decimal places.
  Rational round(Rounding mode, int places = 0) const;

  // Conversions for output. to_exact_decimal gives all digits of a terminating decimal, padded
  // to at least `min_places`, or nullopt when the decimal expansion does not terminate.
  std::optional<std::string> to_exact_decimal(int min_places = 0) const;
  std::string to_fraction() const;                        // "p/q", or "p" for integers
  std::string to_rounded_decimal(int places) const;       // rounded half up, for display only
  std::optional<std::int64_t> to_int64() const noexcept;  // integers that fit
  double to_double() const noexcept;  // only for the approximate "float" fields of reports

  std::int64_t small_numerator() const noexcept { return num_; }
  std::int64_t small_denominator() const noexcept { return den_; }

 private:
  struct Big;
  std::int64_t num_ = 0;
  std::int64_t den_ = 1;  // > 0; gcd(|num_|, den_) == 1 when small
  Big* big_ = nullptr;    // owned; set only for values that do not fit the fields above

  void copy_big(const Rational& other);
  void destroy_big() noexcept;
  static Rational from_big(Big&& value);
  Big to_big() const;
  friend struct RationalSlow;
};

}  // namespace spdl
