#pragma once
// Comments, kept with the file so the formatter can put them back and `##` lines can document
// the declaration below them.

#include "spdl/lang/syntax/parse/action.hpp"
#include "spdl/lang/syntax/parse/source_state.hpp"

namespace spdl::parsing {

template <>
struct action<g::comment> {
  template <typename Input>
  static void apply(const Input& in, SourceState& s) {
    const Span span = s.span(in);
    const bool doc = in.size() >= 2 && in.begin()[1] == '#';
    s.comments.emplace(span.begin, ast::Comment{span, doc});
  }

  // The header's and each declaration's parse record their comments with the file's.
  template <typename Input, typename State>
  static void apply(const Input& in, State& s) {
    apply(in, s.source);
  }
};

}  // namespace spdl::parsing
