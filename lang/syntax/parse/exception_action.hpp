#pragma once
// Exceptions, written under their rule (`exception viability [SPG 6.6] when ... then ...`) or on
// their own (`exception viability for affordable_required when ... then ...`). Either way the
// clause is read in an ExceptionFrame, so its citation is its own and not its rule's.

#include <utility>

#include "spdl/lang/syntax/parse/declaration_action.hpp"

namespace spdl::parsing {

template <>
struct action<g::expect_exception_label> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    s.clause->label = in.string();
    s.clause->label_span = s.source.span(in);
  }
};

// `for <rule>`: the rule an exception belongs to, or the rule whose exception `remove` takes away.
template <>
struct action<g::expect_exception_target> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    if (s.clause) {
      s.clause->target = in.string();
      s.clause->target_span = s.source.span(in);
    } else {
      auto& removal = s.declaration<ast::RemoveDecl>();
      removal.rule = in.string();
      removal.rule_span = s.source.span(in);
    }
  }
};

template <>
struct action<g::expect_over_label> {
  template <typename Input>
  static void apply(const Input& in, DeclarationState& s) {
    s.clause->over = in.string();
    s.clause->over_span = s.source.span(in);
  }
};

template <>
struct action<g::exception_condition> {
  static void apply0(DeclarationState& s) { s.clause->condition = s.pop().id; }
};

template <>
struct action<g::exception_value> {
  static void apply0(DeclarationState& s) { s.clause->value = s.pop().id; }
};

template <>
struct action<g::inline_exception> : scoped<ExceptionFrame> {
  template <typename Input>
  static void success(const Input& in, DeclarationState& s, ExceptionFrame& frame) {
    auto& rule = s.declaration<ast::RuleDecl>();
    ast::ExceptionClause& clause = frame.clause;
    clause.span = s.source.span(in);
    clause.target = rule.name;
    clause.target_span = rule.name_span;
    clause.citation = std::move(frame.item.citation);
    rule.exceptions.push_back(std::move(clause));
  }
};

template <>
struct action<g::exception_decl> : scoped<ExceptionFrame> {
  template <typename Input>
  static void success(const Input& in, DeclarationState& s, ExceptionFrame& frame) {
    ast::ExceptionClause& clause = frame.clause;
    clause.span = s.source.span(in);
    clause.citation = std::move(frame.item.citation);
    ast::ExceptionDecl d;
    d.name = clause.label;
    d.name_span = clause.label_span;
    d.citation = clause.citation;
    d.clause = std::move(clause);
    s.declared = std::move(d);
  }
};

}  // namespace spdl::parsing
