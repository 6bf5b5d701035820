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
  // The small cases are inline: evaluation copies values all the time.
  Rational& operator=(const Rational& other) {
    if (!big_ && !other.big_) {
      num_ = other.num_;
      den_ = other.den_;
      return *this;
    }
    return assign_slow(other);
  }
  Rational& operator=(Rational&& other) noexcept {
    if (big_) destroy_big();
    num_ = other.num_;
    den_ = other.den_;
    big_ = other.big_;
    other.big_ = nullptr;
    return *this;
  }
  ~Rational() {
    if (big_) destroy_big();
  }

  bool is_zero() const noexcept { return !big_ && num_ == 0; }
  int sign() const noexcept;
  bool is_integer() const noexcept { return big_ ? is_integer_slow() : den_ == 1; }
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

  struct Whole {};  // a whole number known to be in range: no checks
  Rational(std::int64_t n, Whole) noexcept : num_(n), den_(1) {}

  void copy_big(const Rational& other);
  void destroy_big() noexcept;
  Rational& assign_slow(const Rational& other);
  bool is_integer_slow() const noexcept;
  static Rational add_slow(const Rational& a, const Rational& b);
  static Rational sub_slow(const Rational& a, const Rational& b);
  static Rational mul_slow(const Rational& a, const Rational& b);
  static bool equal_slow(const Rational& a, const Rational& b) noexcept;
  static std::strong_ordering compare_slow(const Rational& a, const Rational& b) noexcept;
  static Rational from_big(Big&& value);
  Big to_big() const;
  friend struct RationalSlow;
};

// Whole numbers that fit 64 bits take these paths; everything else the out-of-line ones. The
// fast path keeps |n| <= INT64_MAX so negation never overflows.
inline Rational operator+(const Rational& a, const Rational& b) {
  std::int64_t n;
  if (!a.big_ && !b.big_ && a.den_ == 1 && b.den_ == 1 &&
      !__builtin_add_overflow(a.num_, b.num_, &n) && n != INT64_MIN) {
    return Rational(n, Rational::Whole{});
  }
  return Rational::add_slow(a, b);
}

inline Rational operator-(const Rational& a, const Rational& b) {
  std::int64_t n;
  if (!a.big_ && !b.big_ && a.den_ == 1 && b.den_ == 1 &&
      !__builtin_sub_overflow(a.num_, b.num_, &n) && n != INT64_MIN) {
    return Rational(n, Rational::Whole{});
  }
  return Rational::sub_slow(a, b);
}

inline Rational operator*(const Rational& a, const Rational& b) {
  std::int64_t n;
  if (!a.big_ && !b.big_ && a.den_ == 1 && b.den_ == 1 &&
      !__builtin_mul_overflow(a.num_, b.num_, &n) && n != INT64_MIN) {
    return Rational(n, Rational::Whole{});
  }
  // A whole number times a fraction (dwellings x 40%): when the denominator divides the whole
  // number, the product is whole.
  if (!a.big_ && !b.big_ && (a.den_ == 1) != (b.den_ == 1)) {
    const Rational& whole = a.den_ == 1 ? a : b;
    const Rational& part = a.den_ == 1 ? b : a;
    if (whole.num_ % part.den_ == 0 &&
        !__builtin_mul_overflow(whole.num_ / part.den_, part.num_, &n) && n != INT64_MIN) {
      return Rational(n, Rational::Whole{});
    }
  }
  return Rational::mul_slow(a, b);
}

inline bool operator==(const Rational& a, const Rational& b) noexcept {
  if (!a.big_ && !b.big_) return a.num_ == b.num_ && a.den_ == b.den_;
  return Rational::equal_slow(a, b);
}

inline std::strong_ordering operator<=>(const Rational& a, const Rational& b) noexcept {
  if (!a.big_ && !b.big_ && a.den_ == b.den_) return a.num_ <=> b.num_;
  return Rational::compare_slow(a, b);
}

}  // namespace spdl
