#include "spdl/lang/base/rational.hpp"

#include <gmpxx.h>

#include <charconv>
#include <cmath>
#include <limits>

namespace spdl {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

struct Rational::Big {
  mpq_class value;
};

namespace {

constexpr std::int64_t small_max = std::numeric_limits<std::int64_t>::max();

std::uint64_t gcd_u64(std::uint64_t a, std::uint64_t b) noexcept {
  if (a == 0) return b;
  if (b == 0) return a;
  const int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  do {
    b >>= __builtin_ctzll(b);
    if (a > b) std::swap(a, b);
    b -= a;
  } while (b != 0);
  return a << shift;
}

u128 gcd_u128(u128 a, u128 b) noexcept {
  while (b != 0) {
    const u128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

u128 abs128(i128 v) noexcept {
  return v < 0 ? static_cast<u128>(-v) : static_cast<u128>(v);
}

bool fits_small(i128 v) noexcept {
  return v >= -static_cast<i128>(small_max) && v <= small_max;
}

mpz_class mpz_from_i128(i128 v) {
  const bool negative = v < 0;
  u128 m = abs128(v);
  mpz_class result(static_cast<unsigned long>(m >> 64));
  result <<= 64;
  result += static_cast<unsigned long>(m & 0xFFFFFFFFFFFFFFFFULL);
  if (negative) result = -result;
  return result;
}

}  // namespace

// Operations that leave the 64-bit fast path.
struct RationalSlow {
  static Rational make(i128 n, i128 d) {
    // d != 0
    if (d < 0) n = -n, d = -d;
    const u128 un = abs128(n);
    const u128 ud = static_cast<u128>(d);
    const u128 g = (un >> 64) == 0 && (ud >> 64) == 0
                       ? gcd_u64(static_cast<std::uint64_t>(un), static_cast<std::uint64_t>(ud))
                       : gcd_u128(un, ud);
    if (g > 1) n /= static_cast<i128>(g), d /= static_cast<i128>(g);
    if (fits_small(n) && d <= small_max) {
      Rational r;
      r.num_ = static_cast<std::int64_t>(n);
      r.den_ = static_cast<std::int64_t>(d);
      return r;
    }
    Rational::Big big;
    big.value = mpq_class(mpz_from_i128(n), mpz_from_i128(d));
    big.value.canonicalize();
    return Rational::from_big(std::move(big));
  }
};

void Rational::set_int64_min() {
  *this = RationalSlow::make(std::numeric_limits<std::int64_t>::min(), 1);
}

Rational Rational::fraction(std::int64_t n, std::int64_t d) {
  return RationalSlow::make(n, d);
}

void Rational::copy_big(const Rational& other) {
  set_big(new Big(*other.big()));
}

void Rational::destroy_big() noexcept {
  delete big();
  num_ = 0;
  den_ = 1;
}

Rational& Rational::assign_slow(const Rational& other) {
  if (this != &other) {
    Big* copy = other.is_big() ? new Big(*other.big()) : nullptr;
    if (is_big()) destroy_big();
    num_ = other.num_;
    den_ = other.den_;
    if (copy != nullptr) set_big(copy);
  }
  return *this;
}

Rational Rational::from_big(Big&& value) {
  Rational r;
  const mpq_class& q = value.value;
  if (mpz_fits_slong_p(q.get_num_mpz_t()) && mpz_fits_slong_p(q.get_den_mpz_t())) {
    const long n = mpz_get_si(q.get_num_mpz_t());
    const long d = mpz_get_si(q.get_den_mpz_t());
    if (n != std::numeric_limits<long>::min()) {
      r.num_ = n;
      r.den_ = d;
      return r;
    }
  }
  r.set_big(new Big(std::move(value)));
  return r;
}

Rational::Big Rational::to_big() const {
  if (is_big()) return *big();
  Big b;
  b.value = mpq_class(mpz_class(static_cast<long>(num_)), mpz_class(static_cast<long>(den_)));
  return b;
}

std::optional<Rational> Rational::from_decimal(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view frac =
      dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && frac.empty())) return std::nullopt;
  for (char c : whole)
    if (c < '0' || c > '9') return std::nullopt;
  for (char c : frac)
    if (c < '0' || c > '9') return std::nullopt;

  if (whole.size() + frac.size() <= 18) {
    std::int64_t n = 0;
    for (char c : whole) n = n * 10 + (c - '0');
    std::int64_t d = 1;
    for (char c : frac) n = n * 10 + (c - '0'), d *= 10;
    return RationalSlow::make(negative ? -n : n, d);
  }
  std::string digits(whole);
  digits += frac;
  mpz_class n(digits, 10);
  mpz_class d;
  mpz_ui_pow_ui(d.get_mpz_t(), 10, frac.size());
  Big big;
  big.value = mpq_class(negative ? mpz_class(-n) : n, d);
  big.value.canonicalize();
  return from_big(std::move(big));
}

int Rational::sign() const noexcept {
  if (is_big()) return sgn(big()->value);
  return num_ > 0 ? 1 : (num_ < 0 ? -1 : 0);
}

bool Rational::is_integer_slow() const noexcept {
  return big()->value.get_den() == 1;
}

std::size_t Rational::bits() const noexcept {
  if (!is_big()) return 128;
  return mpz_sizeinbase(big()->value.get_num_mpz_t(), 2) +
         mpz_sizeinbase(big()->value.get_den_mpz_t(), 2);
}

Rational Rational::operator-() const {
  if (!is_big()) {
    Rational r;
    r.num_ = -num_;
    r.den_ = den_;
    return r;
  }
  Big b;
  b.value = -big()->value;
  return from_big(std::move(b));
}

Rational Rational::add_slow(const Rational& a, const Rational& b) {
  if (!a.is_big() && !b.is_big()) {
    if (a.den_ == 1 && b.den_ == 1) {
      std::int64_t sum;
      if (!__builtin_add_overflow(a.num_, b.num_, &sum) &&
          sum != std::numeric_limits<std::int64_t>::min()) {
        return Rational(sum);
      }
    }
    const i128 n = static_cast<i128>(a.num_) * b.den_ + static_cast<i128>(b.num_) * a.den_;
    const i128 d = static_cast<i128>(a.den_) * b.den_;
    return RationalSlow::make(n, d);
  }
  Rational::Big r;
  r.value = a.to_big().value + b.to_big().value;
  return Rational::from_big(std::move(r));
}

Rational Rational::sub_slow(const Rational& a, const Rational& b) {
  if (!a.is_big() && !b.is_big()) {
    if (a.den_ == 1 && b.den_ == 1) {
      std::int64_t diff;
      if (!__builtin_sub_overflow(a.num_, b.num_, &diff) &&
          diff != std::numeric_limits<std::int64_t>::min()) {
        return Rational(diff);
      }
    }
    const i128 n = static_cast<i128>(a.num_) * b.den_ - static_cast<i128>(b.num_) * a.den_;
    const i128 d = static_cast<i128>(a.den_) * b.den_;
    return RationalSlow::make(n, d);
  }
  Rational::Big r;
  r.value = a.to_big().value - b.to_big().value;
  return Rational::from_big(std::move(r));
}

Rational Rational::mul_slow(const Rational& a, const Rational& b) {
  if (!a.is_big() && !b.is_big()) {
    // Cross-cancel first so the product is already in lowest terms and rarely overflows.
    // gcd(n, d) = gcd(n mod d, d): small denominators (percentages, tenths) make it cheap.
    auto cancel = [](std::int64_t n, std::int64_t d) -> std::int64_t {
      if (d == 1) return 1;
      const auto un = static_cast<std::uint64_t>(n < 0 ? -n : n);
      return static_cast<std::int64_t>(
          gcd_u64(un % static_cast<std::uint64_t>(d), static_cast<std::uint64_t>(d)));
    };
    const std::int64_t g1 = cancel(a.num_, b.den_);
    const std::int64_t g2 = cancel(b.num_, a.den_);
    const std::int64_t an = g1 > 1 ? a.num_ / g1 : a.num_;
    const std::int64_t bd = g1 > 1 ? b.den_ / g1 : b.den_;
    const std::int64_t bn = g2 > 1 ? b.num_ / g2 : b.num_;
    const std::int64_t ad = g2 > 1 ? a.den_ / g2 : a.den_;
    std::int64_t n, d;
    if (!__builtin_mul_overflow(an, bn, &n) && !__builtin_mul_overflow(ad, bd, &d) &&
        n != std::numeric_limits<std::int64_t>::min()) {
      Rational r;
      r.num_ = n;
      r.den_ = d;
      return r;
    }
    return RationalSlow::make(static_cast<i128>(an) * bn, static_cast<i128>(ad) * bd);
  }
  Rational::Big r;
  r.value = a.to_big().value * b.to_big().value;
  return Rational::from_big(std::move(r));
}

std::optional<Rational> Rational::divide(const Rational& a, const Rational& b) {
  if (b.is_zero()) return std::nullopt;
  if (!b.is_big()) {
    Rational inverse;
    inverse.num_ = b.num_ < 0 ? -b.den_ : b.den_;
    inverse.den_ = b.num_ < 0 ? -b.num_ : b.num_;
    return a * inverse;
  }
  Big r;
  r.value = a.to_big().value / b.big()->value;
  return from_big(std::move(r));
}

bool Rational::equal_slow(const Rational& a, const Rational& b) noexcept {
  if (a.is_big() && b.is_big()) return a.big()->value == b.big()->value;
  return false;  // a canonical big value never equals a small one
}

std::strong_ordering Rational::compare_slow(const Rational& a, const Rational& b) noexcept {
  if (!a.is_big() && !b.is_big()) {
    if (a.den_ == b.den_) return a.num_ <=> b.num_;
    const i128 l = static_cast<i128>(a.num_) * b.den_;
    const i128 r = static_cast<i128>(b.num_) * a.den_;
    return l < r ? std::strong_ordering::less
                 : (l > r ? std::strong_ordering::greater : std::strong_ordering::equal);
  }
  const int c = cmp(a.to_big().value, b.to_big().value);
  return c < 0 ? std::strong_ordering::less
               : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

namespace {

// Round n/d (d > 0) to an integer.
mpz_class round_mpz(const mpz_class& n, const mpz_class& d, Rounding mode) {
  mpz_class q, r;
  mpz_fdiv_qr(q.get_mpz_t(), r.get_mpz_t(), n.get_mpz_t(), d.get_mpz_t());  // floor
  if (r == 0) return q;
  switch (mode) {
    case Rounding::down:
      return q;
    case Rounding::up:
      return q + 1;
    case Rounding::half_up:
    case Rounding::half_even: {
      const int c = cmp(mpz_class(2 * r), d);
      if (c > 0) return q + 1;
      if (c < 0) return q;
      if (mode == Rounding::half_even) return mpz_odd_p(q.get_mpz_t()) ? mpz_class(q + 1) : q;
      return n < 0 ? q : mpz_class(q + 1);  // exact half: away from zero
    }
  }
  return q;
}

i128 round_i128(i128 n, i128 d, Rounding mode) {
  i128 q = n / d;
  i128 r = n % d;
  if (r < 0) r += d, q -= 1;  // floor division
  if (r == 0) return q;
  switch (mode) {
    case Rounding::down:
      return q;
    case Rounding::up:
      return q + 1;
    case Rounding::half_up:
    case Rounding::half_even: {
      const i128 twice = 2 * r;
      if (twice > d) return q + 1;
      if (twice < d) return q;
      if (mode == Rounding::half_even) return (q % 2 != 0) ? q + 1 : q;
      return n < 0 ? q : q + 1;
    }
  }
  return q;
}

}  // namespace

Rational Rational::round_slow(Rounding mode, int places) const {
  if (places < 0) places = 0;
  if (!is_big() && places <= 18) {
    i128 scale = 1;
    for (int i = 0; i < places; ++i) scale *= 10;
    const i128 n = static_cast<i128>(num_) * scale;
    const i128 q = round_i128(n, den_, mode);
    return RationalSlow::make(q, scale);
  }
  mpz_class scale;
  mpz_ui_pow_ui(scale.get_mpz_t(), 10, static_cast<unsigned long>(places));
  const Big b = to_big();
  const mpz_class q = round_mpz(b.value.get_num() * scale, b.value.get_den(), mode);
  Big r;
  r.value = mpq_class(q, scale);
  r.value.canonicalize();
  return from_big(std::move(r));
}

namespace {

std::string digits_with_point(std::string digits, bool negative, std::size_t places) {
  if (digits.size() <= places) digits.insert(0, places - digits.size() + 1, '0');
  if (places > 0) digits.insert(digits.size() - places, 1, '.');
  if (negative) digits.insert(0, 1, '-');
  return digits;
}

}  // namespace

std::optional<std::string> Rational::to_exact_decimal(int min_places) const {
  if (min_places < 0) min_places = 0;
  if (!is_big()) {
    // Fast path: the denominator's 2s and 5s decide the places; the digits fit in 128 bits.
    std::uint64_t rest = static_cast<std::uint64_t>(den_);
    std::size_t twos = 0, fives = 0;
    while (rest % 2 == 0) rest /= 2, ++twos;
    while (rest % 5 == 0) rest /= 5, ++fives;
    if (rest != 1) return std::nullopt;
    const std::size_t places =
        std::max<std::size_t>({twos, fives, static_cast<std::size_t>(min_places)});
    if (places <= 18) {
      u128 scale = 1;
      for (std::size_t i = 0; i < places; ++i) scale *= 10;
      const bool negative = num_ < 0;
      u128 scaled = static_cast<u128>(negative ? -num_ : num_) * (scale / static_cast<u128>(den_));
      char buffer[48];
      char* end = buffer + sizeof buffer;
      char* p = end;
      // Digit by digit in 64 bits once the rest fits (a division of 128 bits is a library call).
      while (scaled > std::numeric_limits<std::uint64_t>::max()) {
        *--p = static_cast<char>('0' + static_cast<int>(scaled % 10));
        scaled /= 10;
      }
      auto small = static_cast<std::uint64_t>(scaled);
      do {
        *--p = static_cast<char>('0' + static_cast<int>(small % 10));
        small /= 10;
      } while (small != 0);
      return digits_with_point(std::string(p, end), negative, places);
    }
  }
  const Big b = to_big();
  mpz_class den = b.value.get_den();
  std::size_t twos = mpz_scan1(den.get_mpz_t(), 0);
  mpz_tdiv_q_2exp(den.get_mpz_t(), den.get_mpz_t(), twos);
  std::size_t fives = 0;
  while (mpz_divisible_ui_p(den.get_mpz_t(), 5)) {
    mpz_divexact_ui(den.get_mpz_t(), den.get_mpz_t(), 5);
    ++fives;
  }
  if (den != 1) return std::nullopt;
  const std::size_t places =
      std::max<std::size_t>({twos, fives, static_cast<std::size_t>(min_places)});
  mpz_class scale;
  mpz_ui_pow_ui(scale.get_mpz_t(), 10, places);
  mpz_class scaled = b.value.get_num() * scale / b.value.get_den();
  const bool negative = scaled < 0;
  if (negative) scaled = -scaled;
  return digits_with_point(scaled.get_str(10), negative, places);
}

std::string Rational::to_fraction() const {
  if (!is_big())
    return den_ == 1 ? std::to_string(num_) : std::to_string(num_) + "/" + std::to_string(den_);
  if (big()->value.get_den() == 1) return big()->value.get_num().get_str(10);
  return big()->value.get_num().get_str(10) + "/" + big()->value.get_den().get_str(10);
}

std::string Rational::to_rounded_decimal(int places) const {
  const Rational r = round(Rounding::half_up, places);
  auto exact = r.to_exact_decimal(places);
  return exact ? *exact : r.to_fraction();
}

std::optional<std::int64_t> Rational::to_int64() const noexcept {
  if (!is_big() && den_ == 1) return num_;
  return std::nullopt;
}

double Rational::to_double() const noexcept {
  if (!is_big()) return static_cast<double>(num_) / static_cast<double>(den_);
  return big()->value.get_d();
}

}  // namespace spdl
