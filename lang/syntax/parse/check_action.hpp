#pragma once
// Checks: `check name [cite] when <applies> require <requirement> else "message {hole}"`.

#include <string>
#include <tao/pegtl/memory_input.hpp>
#include <tao/pegtl/parse.hpp>

#include "spdl/lang/syntax/parse/comment_action.hpp"
#include "spdl/lang/syntax/parse/declaration_action.hpp"
#include "spdl/lang/syntax/parse/literal_action.hpp"
#include "spdl/lang/syntax/parse/operand_action.hpp"
#include "spdl/lang/syntax/parse/operator_action.hpp"
#include "spdl/lang/syntax/parse_errors.hpp"

namespace spdl::parsing {

template <>
struct action<g::check_applies> {
  static void apply0(DeclarationState& s) { s.declaration<ast::CheckDecl>().applies = s.pop().id; }
};

template <>
struct action<g::check_requirement> {
  static void apply0(DeclarationState& s) {
    s.declaration<ast::CheckDecl>().requirement = s.pop().id;
  }
};

// A message is text with {formula} holes. Each hole is parsed where it stands in the file, so
// its span (and any error in it) points at the right column.
template <>
struct action<g::check_message> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    auto& check = s.declaration<ast::CheckDecl>();
    check.message_span = s.source.span(in);
    const char* p = in.begin() + 1;  // after the opening quote
    const char* end = in.end() - 1;  // the closing quote
    std::string text;
    auto flush = [&] {
      if (!text.empty()) check.message.push_back({std::move(text), ast::no_expr});
      text.clear();
    };
    while (p < end) {
      if (*p == '\\' && p + 1 < end) {
        text += p[1] == 'n' ? '\n' : p[1];
        p += 2;
      } else if (*p == '{') {
        const char* close = p + 1;
        while (close < end && *close != '}') ++close;
        if (close == end) {
          throw SyntaxError{s.source.offset(p),
                            "this `{` has no closing `}`; write `\\{` for a literal brace"};
        }
        flush();
        tao::pegtl::memory_input<> hole(p + 1, close, in.input().source(), s.source.offset(p + 1),
                                        1, 1);
        tao::pegtl::parse<g::expression_only, action, g::control>(hole, s);
        check.message.push_back({std::string(), s.pop().id});
        p = close + 1;
      } else {
        text += *p++;
      }
    }
    flush();
  }
};

template <>
struct action<g::check_decl> : cited_declaration<ast::CheckDecl> {};

}  // namespace spdl::parsing
