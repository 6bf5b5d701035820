// Slips a writer makes that units alone do not catch. A plain number and a percentage are both
// dimensionless, so `rule share = 35` and then `share >= 35%` would compare 35 with 0.35 and
// hold: a plain number written as such (a literal, or a value computed only from literals and
// plain-number inputs) beside a percentage is an error that says how to write it. A ratio of two
// quantities (affordable dwellings / dwellings) is a fraction, and compares with a percentage.

#include <fmt/format.h>

#include "spdl/lang/check/checker_impl.hpp"

namespace spdl::checking {

namespace {

bool plain(const Type& t) {
  return t.is_number() && t.unit.dimensionless() && !t.unit.percent;
}

bool percentage(const Type& t) {
  return t.is_number() && t.unit.dimensionless() && t.unit.percent;
}

}  // namespace

// Whether `id` is a bare number: one whose plainness comes from how it is written, not from a
// quotient of like quantities. Memoised per expression; a chain through parameters and rules is
// followed to a fixed depth (a cycle is reported elsewhere).
bool Checker::bare(ast::ExprId id, int depth) {
  if (id == ast::no_expr || depth > 64) return false;
  if (bare_.size() != ast_.exprs.size()) bare_.assign(ast_.exprs.size(), -1);
  if (bare_[id] >= 0) return bare_[id] != 0;
  const ast::Expr& e = ast_[id];
  bool result = false;
  switch (e.kind) {
    case ast::ExprKind::number:
      result = is_plain_literal(ast_, id);
      break;
    case ast::ExprKind::paren:
      result = bare(e.a, depth + 1);
      break;
    case ast::ExprKind::unary:
      result = e.op == ast::Op::neg && bare(e.a, depth + 1);
      break;
    case ast::ExprKind::binary:
      result = (e.op == ast::Op::add || e.op == ast::Op::sub || e.op == ast::Op::mul ||
                e.op == ast::Op::div) &&
               bare(e.a, depth + 1) && bare(e.b, depth + 1);
      break;
    case ast::ExprKind::conditional:
      result = bare(e.b, depth + 1) && bare(e.c, depth + 1);
      break;
    case ast::ExprKind::name:
    case ast::ExprKind::field: {
      const Symbol& s = out_->expr_symbol[id];
      if (s.kind == SymbolKind::parameter) {
        const auto& p = out_->parameters[s.index];
        result = !p.remainder && bare(p.value, depth + 1);
      } else if (s.kind == SymbolKind::rule) {
        const auto& r = out_->rules[s.index];
        result = r.apportionment < 0 && bare(r.decl->value, depth + 1);
      } else if (s.kind == SymbolKind::input) {
        result = plain(out_->inputs[s.index].type);
      }
      break;
    }
    case ast::ExprKind::call: {
      const Symbol& s = out_->expr_symbol[id];
      if (s.kind != SymbolKind::builtin) break;
      switch (static_cast<Builtin>(s.index)) {
        case Builtin::count:
          result = true;
          break;
        case Builtin::round_half_up:
        case Builtin::round_half_even:
        case Builtin::round_up:
        case Builtin::round_down:
        case Builtin::abs:
          result = ast_.arg_count(e) >= 1 && bare(ast_.arg(e, 0), depth + 1);
          break;
        case Builtin::min:
        case Builtin::max:
          result = ast_.arg_count(e) >= 1;
          for (std::uint32_t i = 0; i < ast_.arg_count(e); ++i)
            result = result && bare(ast_.arg(e, i), depth + 1);
          break;
        default:
          break;
      }
      break;
    }
    default:
      break;
  }
  bare_[id] = result ? 1 : 0;
  return result;
}

// The literal a bare number was written as, when it is one literal (perhaps behind a parameter or
// rule whose whole formula it is): `35` in `rule share = 35`.
std::optional<ast::ExprId> Checker::bare_literal(ast::ExprId id, int depth) const {
  if (id == ast::no_expr || depth > 64) return std::nullopt;
  const ast::Expr& e = ast_[id];
  switch (e.kind) {
    case ast::ExprKind::number:
      return is_plain_literal(ast_, id) ? std::optional(id) : std::nullopt;
    case ast::ExprKind::paren:
      return bare_literal(e.a, depth + 1);
    case ast::ExprKind::name:
    case ast::ExprKind::field: {
      const Symbol& s = out_->expr_symbol[id];
      if (s.kind == SymbolKind::parameter && !out_->parameters[s.index].remainder)
        return bare_literal(out_->parameters[s.index].value, depth + 1);
      if (s.kind == SymbolKind::rule && out_->rules[s.index].apportionment < 0)
        return bare_literal(out_->rules[s.index].decl->value, depth + 1);
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

namespace {

// `35` beside a percentage: "35 and 35% are not the same number: write 35%"; a fraction such as
// `0.35` was probably meant as 35%.
std::string percent_hint(const ast::Ast& ast, ast::ExprId literal) {
  const Rational value = ast.numbers[ast[literal].a].value;
  const std::string written = value.to_exact_decimal().value_or(value.to_rounded_decimal(4));
  if (value.sign() != 0 && value <= Rational(1)) {
    const Rational percent = value * Rational(100);
    const std::string as_percent =
        percent.to_exact_decimal().value_or(percent.to_rounded_decimal(4));
    return fmt::format("{} is the plain number {}; a share of {}% is written `{}%`", written,
                       written, as_percent, as_percent);
  }
  return fmt::format("{} and {}% are not the same number: write `{}%`", written, written, written);
}

}  // namespace

bool Checker::percent_slip(ast::ExprId at, ast::ExprId left, const Type& l, ast::ExprId right,
                           const Type& r, const char* verb) {
  ast::ExprId bare_side = ast::no_expr;
  if (percentage(l) && plain(r) && bare(right)) bare_side = right;
  if (percentage(r) && plain(l) && bare(left)) bare_side = left;
  if (bare_side == ast::no_expr) return false;
  const std::string_view v(verb);
  const std::string message =
      v == "compare"    ? "cannot compare a plain number with a percentage"
      : v == "add"      ? "cannot add a plain number and a percentage"
      : v == "subtract" ? "cannot subtract a plain number and a percentage from each other"
                        : "one branch gives a plain number and the other a percentage";
  auto& d = diags_.error("percent", span_of(at), message);
  d.related.push_back({span_of(bare_side), "this is a plain number"});
  if (const auto literal = bare_literal(bare_side)) {
    if (!(span_of(*literal).begin >= span_of(at).begin && span_of(*literal).end <= span_of(at).end))
      d.related.push_back({span_of(*literal), "written here as a plain number"});
    d.hint = percent_hint(ast_, *literal);
  } else {
    d.hint =
        "a percentage is written with its sign (`35%`); a share computed as a plain number "
        "is divided by 100 (or declared `: percent`) to compare";
  }
  return true;
}

// A value declared a percentage (a rule, a parameter, an input's default or bound) whose formula
// is a bare number.
bool Checker::percent_declared_slip(const Type& declared, ast::ExprId value,
                                    const std::string& what) {
  if (!percentage(declared) || value == ast::no_expr || !bare(value)) return false;
  auto& d = diags_.error("percent", span_of(value),
                         fmt::format("{} is a percentage, but this is a plain number", what));
  if (const auto literal = bare_literal(value)) d.hint = percent_hint(ast_, *literal);
  return true;
}

// A product of dwellings and another count is rarely meant: "3 habitable rooms in each dwelling"
// is a number of habitable rooms per dwelling.
std::string Checker::unit_hint(const Unit& unit) const {
  if (unit.exponent_of(Dimension::dwelling) != 1) return {};
  for (const auto d : {Dimension::habitable_room, Dimension::bedroom, Dimension::person}) {
    if (unit.exponent_of(d) != 1) continue;
    const std::string each = unit_source_name(Unit::of(d));
    return fmt::format(
        "this multiplies two counts; so many {} in each dwelling is written `3 {} per dwelling`, "
        "and `dwellings * 3 {} per dwelling` is then a number of {}",
        unit_name(Unit::of(d)), each, each, unit_name(Unit::of(d)));
  }
  return {};
}

}  // namespace spdl::checking
