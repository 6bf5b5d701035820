#pragma once
// Text with {formula} holes: a check's message, a condition's text. Each hole is parsed where it
// stands in the file, so its span (and any error in it) points at the right column.

#include <string>
#include <tao/pegtl/memory_input.hpp>
#include <tao/pegtl/parse.hpp>
#include <vector>

#include "spdl/lang/syntax/parse/action.hpp"
#include "spdl/lang/syntax/parse/declaration_state.hpp"
#include "spdl/lang/syntax/parse_errors.hpp"

namespace spdl::parsing {

template <template <typename...> class Action, typename Input>
void read_template(const Input& in, DeclarationState& s, std::vector<ast::TemplatePart>& parts) {
  const char* p = in.begin() + 1;  // after the opening quote
  const char* end = in.end() - 1;  // the closing quote
  std::string text;
  auto flush = [&] {
    if (!text.empty()) parts.push_back({std::move(text), ast::no_expr});
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
      tao::pegtl::memory_input<> hole(p + 1, close, in.input().source(), s.source.offset(p + 1), 1,
                                      1);
      tao::pegtl::parse<g::expression_only, Action, g::control>(hole, s);
      parts.push_back({std::string(), s.pop().id});
      p = close + 1;
    } else {
      text += *p++;
    }
  }
  flush();
}

}  // namespace spdl::parsing
