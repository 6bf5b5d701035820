#include "runtime/batch_values.hpp"

#include <fmt/format.h>

#include <array>

namespace spdl {

namespace {

constexpr std::array<std::int64_t, 19> powers_of_ten = [] {
  std::array<std::int64_t, 19> p{};
  p[0] = 1;
  for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}();

bool is_count(const Unit& u) {
  return u.is(Dimension::dwelling) || u.is(Dimension::bedroom) || u.is(Dimension::person) ||
         u.is(Dimension::habitable_room);
}

ValueKind kind_of(const Type& t) {
  switch (t.kind) {
    case TypeKind::number:
      return ValueKind::number;
    case TypeKind::boolean:
      return ValueKind::boolean;
    case TypeKind::date:
      return ValueKind::date;
    case TypeKind::enumeration:
      return ValueKind::enumeration;
    default:
      return ValueKind::none;
  }
}

}  // namespace

InputReading input_reading(const CheckedRuleset& ruleset, std::uint32_t index) {
  const CheckedInput& input = ruleset.inputs[index];
  InputReading r;
  r.kind = kind_of(input.type);
  r.required = !input.decl->optional && input.decl->default_value == ast::no_expr && input.used;
  const Unit& u = input.type.unit;
  r.whole = r.kind == ValueKind::number && is_count(u);
  r.non_negative = r.whole || u.is(Dimension::area) || u.is(Dimension::money);
  r.percent = u.percent;
  r.unit_scale = u.scale;
  r.at_least = input.at_least;
  r.at_most = input.at_most;
  if (r.kind == ValueKind::enumeration) {
    const auto& members = ruleset.enums[input.type.ref].decl->members;
    for (std::uint32_t m = 0; m < members.size(); ++m) r.members.emplace(members[m].name, m);
  }
  return r;
}

bool fast_number(const InputReading& reading, std::string_view token, std::int64_t& mantissa,
                 std::int8_t& scale) {
  if (reading.kind != ValueKind::number || reading.percent) return false;
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\r'))
    token.remove_suffix(1);
  std::size_t i = 0;
  const bool negative = i < token.size() && token[i] == '-';
  if (negative) ++i;
  if (i >= token.size() || token[i] < '0' || token[i] > '9') return false;
  std::int64_t m = 0;
  int digits = 0, decimals = 0;
  bool point = false;
  for (; i < token.size(); ++i) {
    const char c = token[i];
    if (c >= '0' && c <= '9') {
      if (digits == 18) return false;  // more than the fast path holds: the scheme reader decides
      m = m * 10 + (c - '0');
      if (m != 0 || point) ++digits;
      if (point) ++decimals;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      return false;  // an exponent, a unit, a thousands separator: the scheme reader's work
    }
  }
  if (token.back() == '.') return false;
  if (negative) m = -m;
  // Into base units: hectares are 10^4 square metres.
  int s = decimals - reading.unit_scale;
  if (s < 0) {
    if (__builtin_mul_overflow(m, powers_of_ten[static_cast<std::size_t>(-s)], &m)) return false;
    s = 0;
  }
  while (s > 0 && m % 10 == 0) m /= 10, --s;
  if (reading.whole && s != 0) return false;
  if (reading.non_negative && m < 0) return false;
  if (reading.at_least || reading.at_most) {
    const Rational v =
        s == 0 ? Rational(m) : Rational::fraction(m, powers_of_ten[static_cast<std::size_t>(s)]);
    if (reading.at_least && v < *reading.at_least) return false;
    if (reading.at_most && v > *reading.at_most) return false;
  }
  mantissa = m;
  scale = static_cast<std::int8_t>(s);
  return true;
}

bool fixed_of(const Value& v, std::int64_t& mantissa, std::int8_t& scale) {
  scale = 0;
  switch (v.kind) {
    case ValueKind::boolean:
    case ValueKind::enumeration:
      mantissa = v.aux;
      return true;
    case ValueKind::date:
      mantissa = v.day();
      return true;
    case ValueKind::number: {
      if (!v.number.is_small()) return false;
      // The smallest power of ten the denominator divides, if any does.
      const std::int64_t den = v.number.small_denominator();
      int s = 0;
      for (; s <= 18; ++s) {
        if (powers_of_ten[static_cast<std::size_t>(s)] % den == 0) break;
      }
      if (s > 18) return false;
      if (__builtin_mul_overflow(v.number.small_numerator(),
                                 powers_of_ten[static_cast<std::size_t>(s)] / den, &mantissa)) {
        return false;
      }
      scale = static_cast<std::int8_t>(s);
      return true;
    }
    default:
      return false;
  }
}

Value value_of(ValueKind kind, std::int64_t mantissa, std::int8_t scale) {
  switch (kind) {
    case ValueKind::number:
      return Value::of(scale == 0 ? Rational(mantissa)
                                  : Rational::fraction(
                                        mantissa, powers_of_ten[static_cast<std::size_t>(scale)]));
    case ValueKind::boolean:
      return Value::boolean(mantissa != 0);
    case ValueKind::enumeration:
      return Value::member(static_cast<std::uint32_t>(mantissa));
    case ValueKind::date:
      return Value::date(static_cast<std::int32_t>(mantissa));
    default:
      return Value{};
  }
}

void append_json_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<int>(c));
        } else {
          out += c;
        }
    }
  }
}

void append_csv_cell(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

bool split_csv_line(std::string_view line, std::vector<std::string>& cells) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.push_back(std::move(cell));
      cell.clear();
    } else {
      cell += c;
    }
  }
  cells.push_back(std::move(cell));
  return !quoted;
}

std::size_t last_line_end(std::string_view text, bool csv) {
  if (!csv) {
    const auto n = text.rfind('\n');
    return n == std::string_view::npos ? 0 : n + 1;
  }
  std::size_t end = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (text[i] == '\n' && !quoted) end = i + 1;
  }
  return end;
}

void split_lines(std::string_view text, bool csv, std::vector<std::string_view>& lines) {
  std::size_t start = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (csv && text[i] == '"') quoted = !quoted;
    if (text[i] == '\n' && !quoted) {
      std::string_view line = text.substr(start, i - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      lines.push_back(line);
      start = i + 1;
    }
  }
  if (start < text.size()) {
    std::string_view line = text.substr(start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
  }
}

std::string first_error(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.all()) {
    if (d.severity == Severity::error) return d.message;
  }
  return "this line cannot be read";
}

}  // namespace spdl
