#pragma once
// Exact rational numbers. Values whose numerator and denominator fit in 64 bits live inline
// and are computed with overflow-checked integer arithmetic (128-bit intermediates); anything
// larger moves to GMP (mpq) transparently. No result ever passes through binary floating point.

#include <algorithm>
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
  // The fast path keeps |num_| <= INT64_MAX so negation never overflows.
  explicit Rational(std::int64_t integer) noexcept : num_(integer), den_(1) {
    if (integer == INT64_MIN) set_int64_min();
  }
  // n / d; d must not be zero.
  static Rational fraction(std::int64_t n, std::int64_t d);
  // Exact value of a decimal literal: optional '-', digits, optional '.' and digits.
  static std::optional<Rational> from_decimal(std::string_view text);

  Rational(const Rational& other) : num_(other.num_), den_(other.den_) {
    if (other.is_big()) copy_big(other);
  }
  Rational(Rational&& other) noexcept : num_(other.num_), den_(other.den_) {
    other.num_ = 0;
    other.den_ = 1;
  }
  // The small cases are inline: evaluation copies values all the time.
  Rational& operator=(const Rational& other) {
    if (!is_big() && !other.is_big()) {
      num_ = other.num_;
      den_ = other.den_;
      return *this;
    }
    return assign_slow(other);
  }
  Rational& operator=(Rational&& other) noexcept {
    if (this == &other) return *this;
    if (is_big()) destroy_big();
    num_ = other.num_;
    den_ = other.den_;
    other.num_ = 0;
    other.den_ = 1;
    return *this;
  }
  ~Rational() {
    if (is_big()) destroy_big();
  }

  bool is_zero() const noexcept { return den_ != 0 && num_ == 0; }
  int sign() const noexcept;
  bool is_integer() const noexcept { return is_big() ? is_integer_slow() : den_ == 1; }
  bool is_small() const noexcept { return !is_big(); }
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
  Rational round(Rounding mode, int places = 0) const {
    if (!is_big() && places == 0) return round_small(mode);
    return round_slow(mode, places);
  }

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
  // A value that does not fit the two fields is kept in GMP: den_ is then 0 and num_ holds the
  // address of the Big it owns. So a Rational takes 16 bytes and a runtime Value 24: a loaded
  // ruleset keeps one Value for each slot of its program.
  std::int64_t num_ = 0;
  std::int64_t den_ = 1;  // > 0 and gcd(|num_|, den_) == 1 when small; 0 when big
  bool is_big() const noexcept { return den_ == 0; }
  Big* big() const noexcept {
    return is_big() ? reinterpret_cast<Big*>(static_cast<std::uintptr_t>(num_)) : nullptr;
  }
  void set_big(Big* b) noexcept {
    num_ = static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(b));
    den_ = 0;
  }

  struct Whole {};  // a whole number known to be in range: no checks
  Rational(std::int64_t n, Whole) noexcept : num_(n), den_(1) {}

  void copy_big(const Rational& other);
  void destroy_big() noexcept;
  Rational& assign_slow(const Rational& other);
  void set_int64_min();
  Rational round_slow(Rounding mode, int places) const;
  // Floor division n = q * d + r with 0 <= r < d (d > 0). A decimal denominator (2^a * 5^b, as
  // percentages and tenths have) is divided by a shift and a division by a constant power of 5,
  // which compile to multiplications: no run-time division on the common path.
  [[gnu::always_inline]] static void floor_divide(std::int64_t n, std::int64_t d, std::int64_t& q,
                                                  std::int64_t& r) {
    const int twos = __builtin_ctzll(static_cast<std::uint64_t>(d));
    std::int64_t odd = d >> twos;
    int fives = 0;
    while (fives < 4 && odd % 5 == 0) odd /= 5, ++fives;
    if (odd == 1) {
      const std::int64_t x = n >> twos;  // an arithmetic shift floors
      auto floor_by = [](std::int64_t v, auto c) { return v / c - (v % c < 0 ? 1 : 0); };
      switch (fives) {
        case 0:
          q = x;
          break;
        case 1:
          q = floor_by(x, std::int64_t{5});
          break;
        case 2:
          q = floor_by(x, std::int64_t{25});
          break;
        case 3:
          q = floor_by(x, std::int64_t{125});
          break;
        default:
          q = floor_by(x, std::int64_t{625});
          break;
      }
      r = n - q * d;
      return;
    }
    q = n / d;
    r = n % d;
    if (r < 0) r += d, q -= 1;
  }

  // To a whole number in 64 bits: floor division, then the mode decides the remainder.
  [[gnu::always_inline]] Rational round_small(Rounding mode) const {
    if (den_ == 1) return *this;
    std::int64_t q = 0;
    std::int64_t r = 0;
    floor_divide(num_, den_, q, r);
    if (r == 0) return Rational(q, Whole{});
    bool up = false;
    switch (mode) {
      case Rounding::down:
        break;
      case Rounding::up:
        up = true;
        break;
      case Rounding::half_up:
      case Rounding::half_even: {
        const std::int64_t rest = den_ - r;  // compares 2r with den without overflow
        up = r > rest || (r == rest && (mode == Rounding::half_even ? q % 2 != 0 : num_ >= 0));
        break;
      }
    }
    return Rational(up ? q + 1 : q, Whole{});
  }
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
  if (a.den_ == 1 && b.den_ == 1 && !__builtin_add_overflow(a.num_, b.num_, &n) && n != INT64_MIN) {
    return Rational(n, Rational::Whole{});
  }
  return Rational::add_slow(a, b);
}

inline Rational operator-(const Rational& a, const Rational& b) {
  std::int64_t n;
  if (a.den_ == 1 && b.den_ == 1 && !__builtin_sub_overflow(a.num_, b.num_, &n) && n != INT64_MIN) {
    return Rational(n, Rational::Whole{});
  }
  return Rational::sub_slow(a, b);
}

[[gnu::always_inline]] inline Rational operator*(const Rational& a, const Rational& b) {
  std::int64_t n;
  if (a.den_ == 1 && b.den_ == 1 && !__builtin_mul_overflow(a.num_, b.num_, &n) && n != INT64_MIN) {
    return Rational(n, Rational::Whole{});
  }
  // A whole number times a fraction with a decimal denominator (dwellings x 40% = 2/5): cancel
  // the whole number's factors of 2 and 5 against the denominator with shifts and divisions by
  // the constant 5 (multiplications, once compiled), so the product is in lowest terms without a
  // single run-time division.
  if (!a.is_big() && !b.is_big() && (a.den_ == 1) != (b.den_ == 1)) {
    const Rational& whole = a.den_ == 1 ? a : b;
    const Rational& part = a.den_ == 1 ? b : a;
    auto q = static_cast<std::uint64_t>(part.den_);
    const int twos = __builtin_ctzll(q);
    std::uint64_t odd = q >> twos;
    int fives = 0;
    while (odd % 5 == 0) odd /= 5, ++fives;
    if (odd == 1) {
      const bool negative = whole.num_ < 0;
      auto w = negative ? static_cast<std::uint64_t>(-whole.num_)
                        : static_cast<std::uint64_t>(whole.num_);
      if (w == 0) return Rational(0, Rational::Whole{});
      const int shift = std::min(twos, __builtin_ctzll(w));
      w >>= shift;
      q >>= shift;
      for (int f = 0; f < fives && w % 5 == 0; ++f) w /= 5, q /= 5;
      std::int64_t product;
      if (w <= static_cast<std::uint64_t>(INT64_MAX) &&
          !__builtin_mul_overflow(static_cast<std::int64_t>(w), part.num_, &product) &&
          product != INT64_MIN) {
        Rational out(negative ? -product : product, Rational::Whole{});
        out.den_ = static_cast<std::int64_t>(q);
        return out;
      }
    }
  }
  return Rational::mul_slow(a, b);
}

inline bool operator==(const Rational& a, const Rational& b) noexcept {
  if (!a.is_big() && !b.is_big()) return a.num_ == b.num_ && a.den_ == b.den_;
  return Rational::equal_slow(a, b);
}

inline std::strong_ordering operator<=>(const Rational& a, const Rational& b) noexcept {
  if (!a.is_big() && a.den_ == b.den_) return a.num_ <=> b.num_;
  return Rational::compare_slow(a, b);
}

}  // namespace spdl
