#pragma once
// Literals: numbers with their units, dates, text and truth values, each pushed as a leaf.

#include <string>
#include <tao/pegtl/parse_error.hpp>

#include "spdl/lang/base/date.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/syntax/parse/action.hpp"
#include "spdl/lang/syntax/parse/declaration_state.hpp"
#include "spdl/lang/syntax/parse/text.hpp"

namespace spdl::parsing {

template <typename Input>
void push_literal(const Input& in, DeclarationState& s, ast::ExprKind kind, std::uint32_t a) {
  ast::Expr e;
  e.kind = kind;
  e.begin = s.source.offset(in.begin());
  e.end = s.source.offset(in.end());
  e.a = a;
  s.push(in, e, 0);
}

// Exact arithmetic makes any length possible; a bound keeps hostile input cheap.
template <>
struct action<g::number_text> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState&) {
    std::size_t digits = 0;
    for (const char c : in.string_view()) digits += (c >= '0' && c <= '9') ? 1 : 0;
    if (digits > limits::max_number_digits) {
      throw tao::pegtl::parse_error(
          "this number has " + std::to_string(digits) + " digits; spdl allows at most 40", in);
    }
  }
};

struct number_action {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    auto& numbers = s.source.ast.numbers;
    numbers.push_back(read_number_literal(in.string_view()));
    push_literal(in, s, ast::ExprKind::number, static_cast<std::uint32_t>(numbers.size() - 1));
  }
};

template <>
struct action<g::quantity_literal> : number_action {};
template <>
struct action<g::percent_literal> : number_action {};
template <>
struct action<g::money_literal> : number_action {};

template <>
struct action<g::date_literal> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    const auto day = parse_date(in.string_view());
    if (!day) throw tao::pegtl::parse_error(in.string() + " is not a date in the calendar", in);
    push_literal(in, s, ast::ExprKind::date, static_cast<std::uint32_t>(*day));
  }
};

template <>
struct action<g::string_literal> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    auto& strings = s.source.ast.strings;
    strings.push_back(quoted_value(in.string_view()));
    push_literal(in, s, ast::ExprKind::text, static_cast<std::uint32_t>(strings.size() - 1));
  }
};

template <>
struct action<g::bool_literal> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    push_literal(in, s, ast::ExprKind::boolean, in.string_view() == "true" ? 1 : 0);
  }
};

}  // namespace spdl::parsing
