#pragma once
// What declarations have in common: `override`, `use`, the declared name, and the pieces an item
// may carry (a citation, a type, `optional`, a default, a value), which go into the innermost
// item being read. Each kind of declaration completes itself in its own *_action.hpp.

#include <string>
#include <tao/pegtl/parse_error.hpp>
#include <utility>

#include "spdl/lang/syntax/parse/action.hpp"
#include "spdl/lang/syntax/parse/declaration_state.hpp"
#include "spdl/lang/syntax/parse/frames.hpp"
#include "spdl/lang/syntax/parse/scoped.hpp"
#include "spdl/lang/syntax/parse/text.hpp"

namespace spdl::parsing {

template <>
struct action<g::override_flag> {
  static void apply0(DeclarationState& s) { s.is_override = true; }
};

template <>
struct action<g::use_path> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    s.use = ast::Use{quoted_value(in.string_view()), true, s.source.span(in), {}};
  }
};

template <>
struct action<g::use_name> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    s.use = ast::Use{in.string(), false, s.source.span(in), {}};
  }
};

template <>
struct action<g::expect_decl_name> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    ast::DeclCommon& d = ast::common(*s.reading);
    d.name = in.string();
    d.name_span = s.source.span(in);
  }
};

template <>
struct action<g::citation> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    const auto text = in.string_view();
    s.item->citation =
        ast::Citation{std::string(trim(text.substr(1, text.size() - 2))), s.source.span(in)};
  }
};

template <>
struct action<g::expect_type> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    s.item->type = read_type_spec(in.string_view(), s.source.span(in), s.source.ast.names);
  }
};

template <>
struct action<g::yes_no_type> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState&) {
    throw tao::pegtl::parse_error(
        "`yes/no` is how a report shows a yes-or-no value; as a type it is written `boolean`", in);
  }
};

template <>
struct action<g::optional_flag> {
  static void apply0(DeclarationState& s) { s.item->optional = true; }
};

template <>
struct action<g::default_value> {
  static void apply0(DeclarationState& s) { s.item->default_value = s.pop().id; }
};

template <>
struct action<g::value_expr> {
  static void apply0(DeclarationState& s) { s.item->value = s.pop().id; }
};

// The action of a declaration whose own pieces have gone straight into it, but for its citation.
template <typename Decl>
struct cited_declaration : scoped<DeclarationFrame<Decl>> {
  template <typename Input>
  static void success(const Input&, DeclarationState& s, DeclarationFrame<Decl>& frame) {
    frame.get().citation = std::move(frame.item.citation);
    s.declared = std::move(frame.decl);
  }
};

}  // namespace spdl::parsing
