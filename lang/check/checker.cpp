#include <fmt/format.h>

#include <algorithm>

#include "spdl/lang/check/checker_impl.hpp"

namespace spdl {

const char* builtin_name(Builtin b) {
  switch (b) {
    case Builtin::round_half_up:
      return "round_half_up";
    case Builtin::round_half_even:
      return "round_half_even";
    case Builtin::round_up:
      return "round_up";
    case Builtin::round_down:
      return "round_down";
    case Builtin::min:
      return "min";
    case Builtin::max:
      return "max";
    case Builtin::abs:
      return "abs";
    case Builtin::known:
      return "known";
    case Builtin::sum:
      return "sum";
    case Builtin::count:
      return "count";
    case Builtin::any:
      return "any";
    case Builtin::all:
      return "all";
    case Builtin::min_of:
      return "min";
    case Builtin::max_of:
      return "max";
  }
  return "?";
}

std::optional<Symbol> CheckedRuleset::find(std::string_view name) const {
  auto search = [&](const auto& items, SymbolKind kind) -> std::optional<Symbol> {
    for (std::uint32_t i = 0; i < items.size(); ++i) {
      if (items[i].name == name) return Symbol{kind, i, 0};
    }
    return std::nullopt;
  };
  if (auto s = search(inputs, SymbolKind::input)) return s;
  if (auto s = search(parameters, SymbolKind::parameter)) return s;
  if (auto s = search(rules, SymbolKind::rule)) return s;
  if (auto s = search(tables, SymbolKind::table)) return s;
  if (auto s = search(shares, SymbolKind::shares)) return s;
  return std::nullopt;
}

std::string CheckedRuleset::enum_member_name(std::uint32_t e, std::uint32_t member) const {
  return enums[e].members[member]->name;
}

std::string CheckedRuleset::enum_member_label(std::uint32_t e, std::uint32_t member) const {
  const auto& m = *enums[e].members[member];
  if (!m.label.empty()) return m.label;
  std::string label = m.name;
  for (char& c : label) c = c == '_' ? ' ' : c;
  return label;
}

std::string CheckedRuleset::describe(const Type& type) const {
  switch (type.kind) {
    case TypeKind::error:
      return "an invalid value";
    case TypeKind::boolean:
      return "yes/no";
    case TypeKind::number: {
      if (type.unit.dimensionless()) return type.unit.percent ? "a percentage" : "a plain number";
      return unit_name(type.unit);
    }
    case TypeKind::date:
      return "a date";
    case TypeKind::text:
      return "text";
    case TypeKind::enumeration:
      return enums[type.ref].name;
    case TypeKind::record:
      return records[type.ref].name;
    case TypeKind::list:
      return "a list of " + describe(type.element_type());
    case TypeKind::set:
      return type.ref == any_enumeration ? "an empty set" : "a set of " + enums[type.ref].name;
  }
  return "?";
}

void for_each_reference(const CheckedRuleset& ruleset, ast::ExprId id,
                        const std::function<void(ast::ExprId, const Symbol&)>& visit) {
  if (id == ast::no_expr) return;
  const ast::Ast& ast = ruleset.ast();
  const ast::Expr& e = ast[id];
  const Symbol& s = ruleset.expr_symbol[id];
  switch (e.kind) {
    case ast::ExprKind::number:
    case ast::ExprKind::boolean:
    case ast::ExprKind::date:
    case ast::ExprKind::text:
      return;
    case ast::ExprKind::name:
      if (s.kind != SymbolKind::none) visit(id, s);
      return;
    case ast::ExprKind::field:
      // `shares.part`, `enum.member` and a row's field name something themselves; otherwise the
      // object (a table lookup) holds the references.
      if (s.kind == SymbolKind::parameter || s.kind == SymbolKind::enum_member ||
          s.kind == SymbolKind::rule) {
        visit(id, s);
        return;
      }
      for_each_reference(ruleset, e.a, visit);
      if (s.kind == SymbolKind::field && ast[e.a].kind != ast::ExprKind::index) visit(id, s);
      return;
    case ast::ExprKind::call:
    case ast::ExprKind::list:
      for (std::uint32_t i = 0; i < ast.arg_count(e); ++i)
        for_each_reference(ruleset, ast.arg(e, i), visit);
      if (e.kind == ast::ExprKind::call) for_each_reference(ruleset, e.b, visit);
      return;
    default:
      for (const auto child : {e.a, e.b, e.c}) for_each_reference(ruleset, child, visit);
  }
}

namespace checking {

Checker::Checker(std::shared_ptr<const Load> load)
    : load_(std::move(load)), ast_(load_->ast), out_(std::make_unique<CheckedRuleset>()) {
  out_->load = load_;
}

CheckResult Checker::run() {
  CheckResult result;
  result.load = load_;
  result.diagnostics.append(load_->diagnostics);
  // Syntax errors leave declarations half-read; checking them would only add noise.
  if (load_->diagnostics.has_errors() || load_->modules.empty()) return result;

  collect(load_->main, false);
  build_symbols();
  const bool clash = std::any_of(diags_.all().begin(), diags_.all().end(),
                                 [](const Diagnostic& d) { return d.code == "member-clash"; });
  if (clash) {
    // A name that is also an enumeration member makes every later use of it ambiguous: the later
    // phases would only repeat the problem.
    result.diagnostics.append(diags_);
    return result;
  }
  attach_exceptions();
  assign_policies();
  resolve_all();
  order_values();
  typecheck_all();
  lint_override_units();
  lint_unused();
  lint_shares();
  lint_apportionments();
  lint_written_figures();
  for (std::size_t i = 0; i < out_->inputs.size(); ++i) out_->inputs[i].used = input_used_[i];
  // A checked ruleset is kept for as long as it is loaded: no spare capacity from growing it.
  out_->inputs.shrink_to_fit();
  out_->parameters.shrink_to_fit();
  out_->rules.shrink_to_fit();
  out_->checks.shrink_to_fit();
  out_->order.shrink_to_fit();
  out_->expr_type.shrink_to_fit();
  out_->expr_symbol.compact();

  result.diagnostics.append(diags_);
  result.partial = std::move(out_);
  if (!result.diagnostics.has_errors()) result.ruleset = result.partial;
  return result;
}

}  // namespace checking

CheckResult check(std::shared_ptr<const Load> load) {
  return checking::Checker(std::move(load)).run();
}

}  // namespace spdl
