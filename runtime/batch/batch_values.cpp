#include "spdl/runtime/batch/batch_values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "spdl/lang/base/utf8.hpp"
#include "spdl/runtime/eval/columnar/columnar.hpp"
#include "spdl/runtime/eval/columnar/columnar_fixed.hpp"
#include "spdl/runtime/input/csv.hpp"
#include "spdl/runtime/ir/value_display.hpp"

namespace spdl {

using columnar::powers_of_ten;

namespace {

bool is_count(const Unit& u) {
  return u.is(Dimension::dwelling) || u.is(Dimension::bedroom) || u.is(Dimension::person) ||
         u.is(Dimension::habitable_room);
}

}  // namespace

InputReading input_reading(const CheckedRuleset& ruleset, std::uint32_t index) {
  const CheckedInput& input = ruleset.inputs[index];
  InputReading r;
  r.kind = column_kind(input.type);
  r.required = !input.decl->optional && input.decl->default_value == ast::no_expr && input.used;
  const Unit& u = input.type.unit;
  r.whole = r.kind == ValueKind::number && is_count(u);
  r.non_negative = r.whole || u.is(Dimension::area) || u.is(Dimension::money);
  r.percent = u.percent;
  r.unit_scale = u.scale;
  r.at_least = input.at_least;
  r.at_most = input.at_most;
  if (r.kind == ValueKind::enumeration) {
    const auto& members = ruleset.enums[input.type.ref].members;
    for (std::uint32_t m = 0; m < members.size(); ++m) r.members.emplace(members[m]->name, m);
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
    case ValueKind::number:
      return columnar::to_fixed(v.number, mantissa, scale);
    default:
      return false;
  }
}

void append_fixed(std::string& out, std::int64_t mantissa, int places, int min_places) {
  const bool negative = mantissa < 0;
  std::uint64_t m =
      negative ? 0 - static_cast<std::uint64_t>(mantissa) : static_cast<std::uint64_t>(mantissa);
  while (places > 0 && m % 10 == 0 && m != 0) m /= 10, --places;  // lowest terms
  if (m == 0) places = 0;
  char buffer[24];
  char* end = buffer + sizeof buffer;
  char* p = end;
  do {
    *--p = static_cast<char>('0' + m % 10);
    m /= 10;
  } while (m != 0);
  const std::string_view digits(p, static_cast<std::size_t>(end - p));
  if (negative && digits != "0") out += '-';
  std::size_t decimals = 0;
  if (places <= 0) {
    out += digits;
    if (digits != "0") out.append(static_cast<std::size_t>(-places), '0');
  } else {
    decimals = static_cast<std::size_t>(places);
    if (digits.size() <= decimals) {
      out += '0';
      out += '.';
      out.append(decimals - digits.size(), '0');
      out += digits;
    } else {
      out += digits.substr(0, digits.size() - decimals);
      out += '.';
      out += digits.substr(digits.size() - decimals);
    }
  }
  if (decimals < static_cast<std::size_t>(min_places)) {
    if (decimals == 0) out += '.';
    out.append(static_cast<std::size_t>(min_places) - decimals, '0');
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
  std::string cell;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
    cell = "'";
  cell += utf8::printable(text);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) {
    out += cell;
    return;
  }
  out += '"';
  for (const char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::size_t last_line_end(std::string_view text, bool csv) {
  if (!csv) {
    const auto n = text.rfind('\n');
    return n == std::string_view::npos ? 0 : n + 1;
  }
  std::size_t end = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t stop = csv_record_end(text, at);
    if (stop == text.size()) break;
    end = at = stop + 1;
  }
  return end;
}

void split_lines(std::string_view text, bool csv, std::vector<std::string_view>& lines) {
  auto add = [&](std::size_t start, std::size_t stop) {
    std::string_view line = text.substr(start, stop - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
  };
  std::size_t start = 0;
  if (!csv) {
    // JSON Lines: a newline is always a line break, found a vector at a time by memchr.
    while (start < text.size()) {
      const void* found = std::memchr(text.data() + start, '\n', text.size() - start);
      if (found == nullptr) break;
      const auto stop = static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
      add(start, stop);
      start = stop + 1;
    }
  } else {
    while (start < text.size()) {
      const std::size_t stop = csv_record_end(text, start);
      if (stop == text.size()) break;
      add(start, stop);
      start = stop + 1;
    }
  }
  if (start < text.size()) add(start, text.size());
}

std::size_t next_line_start(std::string_view text, std::size_t at, bool csv) {
  if (!csv) {
    const auto n = text.find('\n', at);
    return n == std::string_view::npos ? text.size() : n + 1;
  }
  // A quote changes what a newline means, so CSV is read record by record from the start.
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t stop = csv_record_end(text, start);
    if (stop >= at) return std::min(stop + 1, text.size());
    start = stop + 1;
  }
  return text.size();
}

std::size_t first_line_end(std::string_view text, bool csv) {
  return next_line_start(text, 0, csv);
}

std::size_t count_lines(std::string_view text) {
  // memchr finds newlines a vector at a time; a plain count goes byte by byte.
  std::size_t breaks = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    const void* found = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (found == nullptr) break;
    ++breaks;
    p = static_cast<const char*>(found) + 1;
  }
  return breaks + (!text.empty() && text.back() != '\n' ? 1 : 0);
}

std::pair<std::size_t, std::size_t> line_and_column(std::string_view record, std::size_t offset) {
  offset = std::min(offset, record.size());
  const std::string_view before = record.substr(0, offset);
  const std::size_t lines =
      static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t line_start = lines == 0 ? 0 : before.rfind('\n') + 1;
  return {lines, utf8::count_code_points(before.substr(line_start)) + 1};
}

std::pair<std::string, std::size_t> json_line_error(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.all()) {
    if (d.severity != Severity::error) continue;
    constexpr std::string_view prefix = "this is not valid YAML: ";
    std::string_view reason = d.message;
    // A key that is no input carries its did-you-mean: on a line, the hint is all the reader has.
    if (d.code == "unknown-key" && !d.hint.empty())
      return {fmt::format("{} ({})", d.message, d.hint), d.span.begin};
    if (d.code != "yaml" || !reason.starts_with(prefix)) return {d.message, d.span.begin};
    reason.remove_prefix(prefix.size());
    return {fmt::format("not valid JSON: {}", reason), d.span.begin};
  }
  return {first_error(diagnostics), 0};
}

bool plain_json_scalar(std::string_view token) {
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\r' ||
                            token.back() == '\n'))
    token.remove_suffix(1);
  if (token.empty()) return false;
  switch (token.front()) {
    case '"':
      return token.size() >= 2 && token.back() == '"' && token.find('\\') == std::string_view::npos;
    case 't':
      return token == "true";
    case 'f':
      return token == "false";
    case 'n':
      return token == "null";
    default:
      return token.find_first_not_of("0123456789+-.eE") == std::string_view::npos;
  }
}

void append_batch_value(std::string& out, const Value& v, const Type& type,
                        const CheckedRuleset& ruleset, bool json) {
  if (!v.known()) {
    if (json) out += "null";
    return;
  }
  std::string text;
  switch (v.kind) {
    case ValueKind::boolean:
      out += v.aux != 0 ? "true" : "false";
      return;
    case ValueKind::number:
      text = exact_number(v.number, type.unit);
      break;
    case ValueKind::member_set:
      if (json) {
        // The members' names, as the JSON report gives them.
        out += '[';
        bool first = true;
        for (const auto& name : member_names(v, type, ruleset)) {
          out += first ? "\"" : ",\"";
          append_json_escaped(out, name);
          out += '"';
          first = false;
        }
        out += ']';
        return;
      }
      text = display_known(v, type, ruleset);
      break;
    default:
      text = display_known(v, type, ruleset);
      break;
  }
  if (json) {
    out += '"';
    append_json_escaped(out, text);
    out += '"';
  } else if (v.kind == ValueKind::number) {
    out += text;  // digits, a point and a sign: a number to a spreadsheet, as it should be
  } else {
    append_csv_cell(out, text);
  }
}

std::string first_error(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.all()) {
    if (d.severity == Severity::error) return d.message;
  }
  return "this line cannot be read";
}

}  // namespace spdl
