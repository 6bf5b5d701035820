// Warnings about rulesets that check but probably do not say what their authors meant, and the
// override rule that a revision must not change a parameter's unit.

#include <fmt/format.h>

#include "spdl/lang/check/checker_impl.hpp"

namespace spdl::checking {

namespace {

std::string show(const Rational& value, const Unit& unit) {
  if (unit.percent) {
    const Rational hundred(100);
    const auto digits = (value * hundred).to_exact_decimal();
    return (digits ? *digits : (value * hundred).to_rounded_decimal(2)) + "%";
  }
  const auto digits = from_base(value, unit).to_exact_decimal();
  const std::string n = digits ? *digits : from_base(value, unit).to_rounded_decimal(4);
  const std::string u = unit_name(unit);
  return u.empty() ? n : n + " " + u;
}

}  // namespace

// The value of an expression made only of literals, parameters and arithmetic, in base units.
std::optional<Rational> Checker::constant_value(ast::ExprId id, int depth) const {
  if (id == ast::no_expr || depth > 64) return std::nullopt;
  const ast::Expr& e = ast_[id];
  switch (e.kind) {
    case ast::ExprKind::number:
      return to_base(ast_.numbers[e.a].value, ast_.numbers[e.a].unit);
    case ast::ExprKind::paren:
      return constant_value(e.a, depth + 1);
    case ast::ExprKind::unary: {
      if (e.op != ast::Op::neg) return std::nullopt;
      const auto a = constant_value(e.a, depth + 1);
      return a ? std::optional(-*a) : std::nullopt;
    }
    case ast::ExprKind::name:
    case ast::ExprKind::field: {
      const Symbol& s = out_->expr_symbol[id];
      if (s.kind != SymbolKind::parameter) return std::nullopt;
      return constant_value(out_->parameters[s.index].value, depth + 1);
    }
    case ast::ExprKind::binary: {
      const auto a = constant_value(e.a, depth + 1);
      const auto b = constant_value(e.b, depth + 1);
      if (!a || !b) return std::nullopt;
      switch (e.op) {
        case ast::Op::add:
          return *a + *b;
        case ast::Op::sub:
          return *a - *b;
        case ast::Op::mul:
          return *a * *b;
        case ast::Op::div:
          return Rational::divide(*a, *b);
        default:
          return std::nullopt;
      }
    }
    default:
      return std::nullopt;
  }
}

void Checker::lint_unused() {
  const auto& out = *out_;
  const std::uint32_t main = load_->main;
  // A module's declarations exist to be used by the rulesets that use it.
  if (load_->main_module().syntax.header.is_module) return;
  for (std::uint32_t p = 0; p < out.parameters.size(); ++p) {
    const auto& param = out.parameters[p];
    if (parameter_used_[p] || param.origin.module != main || param.shares >= 0) continue;
    diags_
        .warning("unused", param.name_span, fmt::format("parameter `{}` is never used", param.name))
        .hint = "use it in a rule, or remove it";
  }
  for (std::uint32_t i = 0; i < out.inputs.size(); ++i) {
    const auto& input = out.inputs[i];
    if (input_used_[i] || input.origin.module != main) continue;
    diags_
        .warning("unused", input.decl->name_span,
                 fmt::format("input `{}` is never used", input.name))
        .hint = "use it in a rule or check, or remove it";
  }
}

// `shares X of T` promises that its parts add up to T (to 100% without `of`). The Grove schedule's
// "40% affordable, to comprise 30% social rented and 20% shared ownership" is the case in point.
void Checker::lint_shares() {
  const auto& out = *out_;
  for (const auto& group : out.shares) {
    if (group.parts.empty()) continue;
    Rational sum;
    bool constant = true;
    for (const auto p : group.parts) {
      const auto v = constant_value(out.parameters[p].value);
      if (!v) {
        constant = false;
        break;
      }
      sum = sum + *v;
    }
    const Type& part_type = out.parameters[group.parts.front()].type;
    if (!constant || !part_type.is_number()) continue;
    Rational target(1);
    Unit target_unit = Unit::percentage();
    if (group.decl->total != ast::no_expr) {
      const auto t = constant_value(group.decl->total);
      if (!t) continue;
      target = *t;
      target_unit = out.expr_type[group.decl->total].unit;
    }
    if (sum == target) continue;
    std::string parts;
    for (const auto p : group.parts) {
      if (!parts.empty()) parts += " + ";
      parts += show(*constant_value(out.parameters[p].value), part_type.unit);
    }
    auto& d =
        diags_.warning("shares-sum", group.decl->name_span,
                       fmt::format("the parts of `{}` add up to {} ({}), but {}", group.name,
                                   show(sum, part_type.unit), parts,
                                   group.decl->total != ast::no_expr
                                       ? fmt::format("its total is {}", show(target, target_unit))
                                       : std::string("shares should add up to 100%")));
    for (const auto p : group.parts) {
      d.related.push_back(
          {out.parameters[p].span, show(*constant_value(out.parameters[p].value), part_type.unit)});
    }
    if (group.decl->total != ast::no_expr)
      d.related.push_back({span_of(group.decl->total), "the total"});
    d.hint = "correct the figures, or say in a comment which reading the ruleset applies";
    if (group.decl->citation) d.citation = group.decl->citation->text;
  }
}

// A revision may change a parameter's value but not what it measures.
void Checker::lint_override_units() {
  auto& out = *out_;
  std::unordered_map<std::string, std::uint32_t> by_name;
  for (std::uint32_t p = 0; p < out.parameters.size(); ++p) by_name[out.parameters[p].name] = p;
  for (const auto& e : entries_) {
    if (e.removed || !e.replaced || e.kind != ast::DeclKind::parameter) continue;
    const auto it = by_name.find(e.name);
    if (it == by_name.end()) continue;
    const auto& now = out.parameters[it->second];
    const auto& old = std::get<ast::ParameterDecl>(decl_at(*e.replaced));
    // Type the replaced value quietly: its errors, if any, belong to the base ruleset.
    Diagnostics quiet;
    std::swap(quiet, diags_);
    const auto saved_context = context_;
    context_ = Context::constant;
    current_.reset();
    resolve(old.value, std::nullopt);
    Type before = old.type ? type_from_spec(*old.type, false) : type_of(old.value, std::nullopt);
    context_ = saved_context;
    std::swap(quiet, diags_);
    if (before.is_error() || now.type.is_error() || before.compatible(now.type)) continue;
    diags_
        .error("override-unit", span_of(now.value),
               fmt::format("`override` changes what `{}` measures: it was {}, it is now {}",
                           now.name, out.describe(before), out.describe(now.type)))
        .related.push_back(
            {old.span, fmt::format("the original, in {}", module_display(e.replaced->module))});
  }
}

}  // namespace spdl::checking
