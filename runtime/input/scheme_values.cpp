#include "spdl/runtime/input/scheme_values.hpp"

#include "spdl/runtime/ir/value_display.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "spdl/lang/base/date.hpp"
#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/lang/base/limits.hpp"

namespace spdl {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "social rent", "Social_Rent" and "social-rent" name the same member.
char fold(char c) {
  return c == ' ' || c == '-' || c == '_'
             ? '_'
             : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string folded(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = fold(c);
  return out;
}

// Whether `name` folds to `key` (itself folded), without making the folded copy.
bool folds_to(std::string_view name, std::string_view key) {
  return name.size() == key.size() && std::equal(name.begin(), name.end(), key.begin(),
                                                 [](char n, char k) { return fold(n) == k; });
}

// A count of things (dwellings, bedrooms, persons, habitable rooms) is a whole number.
bool is_count(const Unit& u) {
  return u.is(Dimension::dwelling) || u.is(Dimension::bedroom) || u.is(Dimension::person) ||
         u.is(Dimension::habitable_room);
}

ValueProblem problem(std::string message, std::string hint = {}) {
  return {std::move(message), std::move(hint)};
}

// A number as written in a scheme: digits, with a comma between each group of three in the
// whole part ("3,000", "1,250,000"), and a decimal point ("0.6"). Anything else is refused
// rather than guessed at: "0,6" is a decimal comma, ",5000" and "12,34,567" are no grouping.
struct NumberText {
  std::string digits;      // without the commas: "1250000.5"
  std::size_t length = 0;  // bytes of the text taken
  std::size_t count = 0;   // digits
  std::string problem;     // what is wrong, after the value as written
};

NumberText scan_number(std::string_view text) {
  NumberText out;
  auto digit = [&](std::size_t k) {
    return k < text.size() && std::isdigit(static_cast<unsigned char>(text[k])) != 0;
  };
  auto run = [&](std::size_t k) {
    std::size_t e = k;
    while (digit(e)) ++e;
    return e - k;
  };
  std::size_t i = 0;
  if (i < text.size() && text[i] == ',') {
    const std::string plain = [&] {
      std::string t;
      for (std::size_t k = 1; k < text.size() && (digit(k) || text[k] == ','); ++k)
        if (text[k] != ',') t += text[k];
      return t;
    }();
    out.problem = fmt::format("starts with a comma; write the number as {}",
                              plain.empty() ? std::string("digits") : plain);
    return out;
  }
  const std::size_t first = run(i);
  out.digits.append(text.substr(i, first));
  i += first;
  bool grouped = false;
  while (first > 0 && i < text.size() && text[i] == ',') {
    const std::size_t group = run(i + 1);
    // "0,614" is no thousand: a first group that starts with 0 means a decimal comma.
    if (group == 3 && first <= 3 && text[0] != '0') {
      out.digits.append(text.substr(i + 1, 3));
      i += 4;
      grouped = true;
      continue;
    }
    // Not a thousands separator. One comma followed by digits reads as a decimal comma.
    std::string whole;
    for (const char c : text.substr(0, i)) {
      if (c != ',') whole += c;
    }
    if (!grouped && group > 0 && text.substr(i + 1 + group).find(',') != 0) {
      out.problem = fmt::format(
          "has a comma that does not separate thousands: a decimal comma? "
          "write {}.{}",
          whole, text.substr(i + 1, group));
    } else {
      out.problem =
          "has a comma that does not separate thousands; commas go between groups of three "
          "digits, as in 3,000 or 1,250,000";
    }
    return out;
  }
  if (i < text.size() && text[i] == '.' && digit(i + 1)) {
    const std::size_t fraction = run(i + 1);
    out.digits += '.';
    out.digits.append(text.substr(i + 1, fraction));
    i += 1 + fraction;
    if (i < text.size() && text[i] == ',') {
      out.problem = "has a comma after the decimal point; commas separate thousands only";
      return out;
    }
  } else if (i < text.size() && text[i] == '.' && first > 0) {
    out.digits += '.';  // "12." is refused by the decimal reader, as before
    ++i;
  }
  for (const char c : out.digits) out.count += c != '.';
  out.length = i;
  return out;
}

// "1E2", "2.5e-3": an exponent right after the digits, as JSON and YAML write them.
std::size_t exponent_end(std::string_view text, std::size_t at) {
  if (at >= text.size() || (text[at] != 'e' && text[at] != 'E')) return at;
  std::size_t k = at + 1;
  if (k < text.size() && (text[k] == '+' || text[k] == '-')) ++k;
  const std::size_t digits = k;
  while (k < text.size() && std::isdigit(static_cast<unsigned char>(text[k]))) ++k;
  return k > digits ? k : at;
}

std::optional<int> exponent_at(std::string_view text, std::size_t at) {
  const std::size_t end = exponent_end(text, at);
  if (end == at) return std::nullopt;
  // A unit may follow ("1E2 m2"), but not more letters: "1em" is no exponent.
  if (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) return std::nullopt;
  std::string_view e = text.substr(at + 1, end - at - 1);
  const bool negative = e.starts_with('-');
  if (e.starts_with('+') || negative) e.remove_prefix(1);
  int value = 0;
  for (const char c : e) value = std::min(value * 10 + (c - '0'), 1000);
  return negative ? -value : value;
}

std::variant<Value, ValueProblem> read_number(std::string_view text, const Type& type,
                                              ReadOptions options) {
  const Unit& want = type.unit;
  // What was wanted and what was written, for a problem's message: made only when there is one.
  const auto what = [&] { return dimension_description(want); };
  std::string_view rest = text;
  bool money = false;
  if (rest.starts_with("\xC2\xA3")) {
    money = true;
    rest = trim(rest.substr(2));
  }
  bool negative = false;
  if (rest.starts_with('-')) {
    negative = true;
    rest.remove_prefix(1);
  }
  const auto shown = [&] {
    return fmt::format(
        "\"{}\"", text.size() > 40 ? std::string(text.substr(0, 40)) + "..." : std::string(text));
  };
  const NumberText digits = scan_number(rest);
  if (!digits.problem.empty()) return problem(fmt::format("{} {}", shown(), digits.problem));
  const std::size_t i = digits.length;
  const auto number = digits.digits.empty() ? std::nullopt : Rational::from_decimal(digits.digits);
  if (!number) {
    return problem(is_count(want) ? fmt::format("expected a whole number of {}, got {}",
                                                unit_name(want), shown())
                                  : fmt::format("expected {}, got {}", what(), shown()));
  }
  if (digits.count > limits::max_number_digits) {
    return problem(fmt::format("this number has {} digits; spdl allows at most {}", digits.count,
                               limits::max_number_digits));
  }
  if (const auto e = exponent_at(rest, i)) {
    std::string full;
    if (*e <= static_cast<int>(limits::max_number_digits) &&
        *e >= -static_cast<int>(limits::max_number_digits)) {
      Rational scale(1);
      for (int k = 0; k < std::abs(*e); ++k) scale = scale * Rational(10);
      const Rational v = *e >= 0 ? *number * scale : *Rational::divide(*number, scale);
      if (const auto d = v.to_exact_decimal())
        full = fmt::format(" ({} is {})", rest.substr(0, exponent_end(rest, i)), *d);
    }
    return problem(
        fmt::format("{}: spdl does not read exponents; write the number in full{}", shown(), full));
  }
  Rational value = negative ? -*number : *number;

  std::string_view unit_text = trim(rest.substr(i));
  Unit written = want;
  if (unit_text == "%") {
    if (!want.dimensionless())
      return problem(fmt::format("expected {}, got a percentage {}", what(), shown()));
    value = *Rational::divide(value, Rational(100));
    written = Unit::percentage();
  } else if (!unit_text.empty() || money) {
    Unit u = money ? Unit::of(Dimension::money) : Unit::none();
    std::size_t k = 0;
    std::vector<std::string_view> words;
    while (k < unit_text.size()) {
      while (k < unit_text.size() && unit_text[k] == ' ') ++k;
      const std::size_t start = k;
      while (k < unit_text.size() && unit_text[k] != ' ') ++k;
      if (k > start) words.push_back(unit_text.substr(start, k - start));
    }
    std::size_t w = 0;
    bool ok = true;
    if (w < words.size() && words[w] != "per") {
      const auto head = unit_from_word(words[w++]);
      ok = head.has_value();
      if (head) u = multiply(u, *head);
    }
    if (ok && w + 1 < words.size() && words[w] == "per") {
      const auto tail = unit_from_word(words[w + 1]);
      ok = tail.has_value();
      if (tail) u = divide(u, *tail);
      w += 2;
    }
    if (!ok || w != words.size()) {
      const std::string bad(unit_text);
      const std::string suggestion = closest_match(bad, unit_words());
      return problem(fmt::format("`{}` is not a unit spdl knows", bad),
                     suggestion.empty()
                         ? "units: dwellings, habitable_rooms, bedrooms, persons, ha, m2, £, %"
                         : fmt::format("did you mean `{}`?", suggestion));
    }
    if (!u.commensurable(want)) {
      return problem(
          fmt::format("expected {}, got {} ({})", what(), dimension_description(u), shown()));
    }
    written = u;
  } else if (want.percent) {
    return problem(
        fmt::format("write a percentage with its sign, such as \"40%\"; got {}", shown()));
  }
  if (!options.allow_negative && value.sign() < 0 &&
      (is_count(want) || want.is(Dimension::area) || want.is(Dimension::money))) {
    return problem(fmt::format("expected {} of 0 or more, got {}", what(), shown()));
  }
  if (is_count(want) && !value.is_integer() && !options.allow_fraction) {
    return problem(fmt::format("expected a whole {}, got {}", unit_name(want, false), shown()));
  }
  return Value::of(written.percent ? value : to_base(value, written));
}

}  // namespace

std::variant<Value, ValueProblem> read_value(std::string_view raw, const Type& type,
                                             const CheckedRuleset& ruleset,
                                             std::vector<std::string>& texts, ReadOptions options) {
  const std::string_view text = trim(raw);
  // The value as written, for a problem's message: made only when there is one (a service reads
  // a scheme for every request).
  const auto shown = [&] {
    return fmt::format(
        "\"{}\"", text.size() > 40 ? std::string(text.substr(0, 40)) + "..." : std::string(text));
  };
  switch (type.kind) {
    case TypeKind::number:
      return read_number(text, type, options);
    case TypeKind::boolean: {
      const std::string t = lower(text);
      if (t == "true" || t == "yes") return Value::boolean(true);
      if (t == "false" || t == "no") return Value::boolean(false);
      return problem(fmt::format("expected yes or no (true or false), got {}", shown()));
    }
    case TypeKind::date: {
      if (const auto day = parse_date(text)) return Value::date(*day);
      return problem(fmt::format("expected a date written as YYYY-MM-DD, got {}", shown()));
    }
    case TypeKind::text: {
      texts.emplace_back(text);
      return Value::text(scheme_text_flag | static_cast<std::uint32_t>(texts.size() - 1));
    }
    case TypeKind::set: {
      // "early, late", "early and late", "[early, late]", or "none" for no member.
      std::string_view rest = text;
      if (rest.starts_with('[') && rest.ends_with(']'))
        rest = trim(rest.substr(1, rest.size() - 2));
      if (rest.empty() || lower(rest) == "none") return Value::member_set(0);
      if (type.ref == any_enumeration) return problem("this set has no enumeration");
      std::uint32_t bits = 0;
      std::size_t at = 0;
      while (at <= rest.size()) {
        std::size_t end = rest.find(',', at);
        const std::size_t and_at = lower(rest).find(" and ", at);
        std::size_t skip = 1;
        if (and_at != std::string_view::npos && (end == std::string_view::npos || and_at < end)) {
          end = and_at;
          skip = 5;
        }
        if (end == std::string_view::npos) end = rest.size();
        auto member = read_value(rest.substr(at, end - at), Type::enumeration(type.ref), ruleset,
                                 texts, options);
        if (auto* p = std::get_if<ValueProblem>(&member)) return *p;
        bits |= 1u << std::get<Value>(member).aux;
        at = end + skip;
      }
      return Value::member_set(bits);
    }
    case TypeKind::enumeration: {
      const auto& en = ruleset.enums[type.ref];
      const std::string key = folded(text);
      for (std::uint32_t m = 0; m < en.members.size(); ++m) {
        const auto& member = *en.members[m];
        if (folds_to(member.name, key) || (!member.label.empty() && folds_to(member.label, key))) {
          return Value::member(m);
        }
      }
      std::vector<std::string> names;
      for (const auto* member : en.members) names.push_back(member->name);
      const std::string unknown = fmt::format("unknown {} {}", en.name, shown());
      if (const std::string suggestion = closest_match(key, names); !suggestion.empty())
        return problem(unknown, fmt::format("did you mean `{}`?", suggestion));
      // Members that hold what was written ("witham" in witham_north, witham_south...): a long
      // enumeration (a district's 60 wards) is not listed whole when they narrow it.
      std::vector<std::string> holding;
      if (key.size() >= 3) {
        for (const auto& n : names)
          if (folded(n).find(key) != std::string::npos) holding.push_back("`" + n + "`");
      }
      if (!holding.empty() && holding.size() <= 8)
        return problem(unknown, fmt::format("did you mean one of {}?", fmt::join(holding, ", ")));
      return problem(unknown, fmt::format("one of: {}", fmt::join(names, ", ")));
    }
    default:
      return problem("this input cannot be read from text");
  }
}

std::optional<ValueProblem> outside_bounds(const CheckedInput& input, const Value& value) {
  if (!value.known() || value.kind != ValueKind::number) return std::nullopt;
  const Unit& unit = input.type.unit;
  if (input.at_least && value.number < *input.at_least) {
    return ValueProblem{
        fmt::format("must be at least {}, got {}", display_number(*input.at_least, unit),
                    display_number(value.number, unit)),
        ""};
  }
  if (input.at_most && value.number > *input.at_most) {
    return ValueProblem{
        fmt::format("must be at most {}, got {}", display_number(*input.at_most, unit),
                    display_number(value.number, unit)),
        ""};
  }
  return std::nullopt;
}

std::variant<Value, ValueProblem> read_input_value(std::string_view text, const CheckedInput& input,
                                                   const CheckedRuleset& ruleset,
                                                   std::vector<std::string>& texts) {
  auto read = read_value(text, input.type, ruleset, texts);
  if (const auto* v = std::get_if<Value>(&read)) {
    if (auto problem = outside_bounds(input, *v)) return *problem;
  }
  return read;
}

bool is_scheme_metadata(std::string_view key) {
  for (const char* m : scheme_metadata_keys) {
    if (key == m) return true;
  }
  return false;
}

}  // namespace spdl
