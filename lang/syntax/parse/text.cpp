#include "spdl/lang/syntax/parse/text.hpp"

namespace spdl::parsing {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

std::string unescape(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size()) {
      ++i;
      out += raw[i] == 'n' ? '\n' : raw[i];
    } else {
      out += raw[i];
    }
  }
  return out;
}

std::string quoted_value(std::string_view text) {
  const auto open = text.find('"');
  const auto close = text.rfind('"');
  if (open == std::string_view::npos || close <= open) return {};
  return unescape(text.substr(open + 1, close - open - 1));
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

ast::NumberLiteral read_number_literal(std::string_view text) {
  ast::NumberLiteral lit;
  if (text.starts_with("\xC2\xA3")) {
    lit.money = true;
    text.remove_prefix(2);
    text = trim(text);
  }
  std::size_t i = 0;
  std::string digits;
  while (i < text.size() &&
         ((text[i] >= '0' && text[i] <= '9') || text[i] == ',' || text[i] == '.')) {
    if (text[i] != ',') digits += text[i];
    ++i;
  }
  lit.value = *Rational::from_decimal(digits);
  const std::string_view rest = text.substr(i);
  if (rest.starts_with("%")) {
    lit.value = *Rational::divide(lit.value, Rational(100));
    lit.unit = Unit::percentage();
    return lit;
  }
  Unit unit = lit.money ? Unit::of(Dimension::money) : Unit::none();
  const auto w = words(rest);
  std::size_t k = 0;
  if (k < w.size() && w[k] != "per") unit = multiply(unit, *unit_from_word(w[k++]));
  if (k + 1 < w.size() && w[k] == "per") unit = divide(unit, *unit_from_word(w[k + 1]));
  lit.unit = unit;
  return lit;
}

ast::TypeSpec read_type_spec(std::string_view text, Span span, ast::NameTable& names) {
  ast::TypeSpec t;
  t.span = span;
  const auto w = words(text);
  std::size_t k = 0;
  if (k + 1 < w.size() && w[k] == "list" && w[k + 1] == "of") {
    t.list_of = true;
    k += 2;
  } else if (k + 1 < w.size() && w[k] == "set" && w[k + 1] == "of") {
    t.set_of = true;
    k += 2;
  }
  if (k < w.size()) t.head = names.intern(w[k++]);
  if (k + 1 < w.size() && w[k] == "per") t.per = names.intern(w[k + 1]);
  return t;
}

}  // namespace spdl::parsing
