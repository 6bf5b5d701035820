// Types and units. Values of different dimensions never mix: adding hectares to dwellings,
// comparing persons with dwellings or declaring `: dwellings` for a formula that gives pounds are
// errors that name both sides. Area in ha and m2 is one dimension: the runtime keeps every value
// in base units (m2), so the scale of a unit only decides how a figure is shown.
// This file checks declarations (rules and their exceptions, tables, inputs' bounds, shares,
// checks, policies); typecheck_expr.cpp gives each expression its type.

#include <fmt/format.h>

#include "spdl/lang/check/checker_impl.hpp"

namespace spdl::checking {

void Checker::typecheck_all() {
  auto& out = *out_;
  out.expr_type.assign(ast_.exprs.size(), Type::error());
  std::vector<bool> rule_done(out.rules.size(), false);

  context_ = Context::constant;
  for (const auto& v : out.order) {
    if (v.kind != SymbolKind::parameter) continue;
    auto& p = out.parameters[v.index];
    if (p.remainder) {
      // The whole less the other parts: of their kind, or a percentage of a whole of 100%.
      p.type = Type::number(Unit::percentage());
      for (const auto& part : out.shares[static_cast<std::size_t>(p.shares)].parts) {
        for (const auto q : {part.value, part.least, part.most}) {
          if (q >= 0 && !out.parameters[static_cast<std::size_t>(q)].remainder &&
              !out.parameters[static_cast<std::size_t>(q)].type.is_error()) {
            p.type = out.parameters[static_cast<std::size_t>(q)].type;
          }
        }
      }
      continue;
    }
    const Type t = type_of(p.value, std::nullopt);
    if (p.declared_type) {
      const Type declared = type_from_spec(*p.declared_type, false);
      expect_assignable(declared, t, span_of(p.value), fmt::format("parameter `{}`", p.name));
      percent_declared_slip(declared, p.value, fmt::format("parameter `{}`", p.name));
      p.type = declared.is_error() ? t : declared;
    } else {
      p.type = t;
    }
    if (p.type.kind == TypeKind::list && p.type.element == TypeKind::record) {
      diags_.error("bad-type", span_of(p.value), "a parameter cannot hold rows; use a table");
    }
  }
  for (std::uint32_t t = 0; t < out.tables.size(); ++t) typecheck_table(t);
  typecheck_shares();
  for (auto& input : out.inputs) {
    input.at_least = input_bound(input, input.decl->at_least, "at least");
    input.at_most = input_bound(input, input.decl->at_most, "at most");
    if (input.at_least && input.at_most && *input.at_least > *input.at_most) {
      auto& d = diags_.error(
          "bounds", span_of(input.decl->at_most),
          fmt::format("`{}` can never be given: its most is below its least", input.name));
      d.related.push_back({span_of(input.decl->at_least), "the least it may be"});
    }
  }
  for (auto& input : out.inputs) {
    if (input.decl->default_value == ast::no_expr) continue;
    const Type t = type_of(input.decl->default_value, std::nullopt);
    expect_assignable(input.type, t, span_of(input.decl->default_value),
                      fmt::format("the default of `{}`", input.name));
    percent_declared_slip(input.type, input.decl->default_value,
                          fmt::format("the default of `{}`", input.name));
  }
  context_ = Context::row_default;
  for (std::uint32_t r = 0; r < out.records.size(); ++r) {
    for (const auto& field : out.records[r].fields) {
      if (field.default_value == ast::no_expr) continue;
      const Type t = type_of(field.default_value, r);
      expect_assignable(field.type, t, span_of(field.default_value),
                        fmt::format("the default of `{}`", field.name));
    }
  }

  context_ = Context::scheme;
  typed_apportionment_.assign(out.apportionments.size(), false);
  for (const auto& v : out.order) {
    if (v.kind == SymbolKind::rule) typecheck_rule(v.index);
  }
  // An apportionment without parts (its shares not found) is still typed, for its errors.
  for (std::uint32_t a = 0; a < out.apportionments.size(); ++a) {
    if (!typed_apportionment_[a]) type_of(out.apportionments[a].decl->value, std::nullopt);
  }
  for (const auto& check : out.checks) {
    if (check.decl->applies != ast::no_expr)
      expect_boolean(check.decl->applies, std::nullopt, "the condition after `when`");
    expect_boolean(check.decl->requirement, std::nullopt, "what a check requires");
    for (const auto& part : check.decl->message) {
      if (part.expr == ast::no_expr) continue;
      const Type t = type_of(part.expr, std::nullopt);
      if (t.kind == TypeKind::list || t.kind == TypeKind::record) {
        diags_.error("type", span_of(part.expr),
                     "a message can show a single value, not a list or a row");
      }
    }
  }
  for (const auto& policy : out.policies) {
    if (policy.decl->applies != ast::no_expr)
      expect_boolean(policy.decl->applies, std::nullopt, "the condition after `applies when`");
  }
  for (const auto& condition : out.conditions) {
    if (condition.decl->applies != ast::no_expr)
      expect_boolean(condition.decl->applies, std::nullopt, "the condition after `when`");
    for (const auto& part : condition.decl->text) {
      if (part.expr == ast::no_expr) continue;
      const Type t = type_of(part.expr, std::nullopt);
      if (t.kind == TypeKind::list || t.kind == TypeKind::record) {
        diags_.error("type", span_of(part.expr),
                     "a condition's text can show a single value, not a list or a row");
      }
    }
  }
}

// A share is a number or a percentage; the parts of a group measure the same thing, and so does
// its total.
void Checker::typecheck_shares() {
  auto& out = *out_;
  for (const auto& group : out.shares) {
    Type first = Type::error();
    ast::ExprId first_value = ast::no_expr;
    for (const auto& part : group.parts) {
      // A minimum's or maximum's bound is also its value: look at it once.
      const std::int32_t params[] = {part.value, part.least != part.value ? part.least : -1,
                                     part.most != part.value ? part.most : -1};
      for (const auto q : params) {
        if (q < 0) continue;
        const auto& param = out.parameters[static_cast<std::size_t>(q)];
        if (param.remainder) continue;
        const Type& t = param.type;
        if (!t.is_error() && !t.is_number()) {
          diags_.error("type", span_of(param.value), "a share is a number or a percentage");
        } else if (!first.is_error() && !t.is_error() && !first.compatible(t)) {
          unit_mismatch(param.value, first, t, "add");
        } else if (!first.is_error() && !t.is_error()) {
          percent_slip(param.value, first_value, first, param.value, t, "add");
        } else if (first.is_error()) {
          first = t;
          first_value = param.value;
        }
      }
    }
    if (group.decl->total != ast::no_expr) {
      const Type total = type_of(group.decl->total, std::nullopt);
      if (!total.is_error() && !first.is_error() && !total.compatible(first)) {
        unit_mismatch(group.decl->total, total, first, "compare");
      }
    }
  }
}

void Checker::typecheck_rule(std::uint32_t index) {
  auto& rule = out_->rules[index];
  // The parts of an apportioned rule share its formula: typed once, for the first part typed.
  if (rule.apportionment >= 0) {
    const auto a = static_cast<std::size_t>(rule.apportionment);
    if (typed_apportionment_[a]) {
      rule.type = out_->rules[out_->apportionments[a].first].type;
      for (std::uint32_t k = 0; k < out_->apportionments[a].count; ++k) {
        if (!out_->rules[out_->apportionments[a].first + k].type.is_error())
          rule.type = out_->rules[out_->apportionments[a].first + k].type;
      }
      return;
    }
    typed_apportionment_[a] = true;
  }
  Type t = type_of(rule.decl->value, std::nullopt);
  if (t.is_member_list()) t = Type::set_of(t.ref);  // `[early, late]`: the members that apply
  // A declared type is measured where it is written (type_from_spec): one error, not two.
  if (!rule.decl->type && t.is_set() && !set_fits(t.ref, span_of(rule.decl->value)))
    t = Type::error();
  if (rule.decl->type) {
    const Type declared = type_from_spec(*rule.decl->type, false);
    expect_assignable(declared, t, span_of(rule.decl->value), fmt::format("rule `{}`", rule.name));
    percent_declared_slip(declared, rule.decl->value, fmt::format("rule `{}`", rule.name));
    rule.type = declared.is_error() ? t : declared;
  } else {
    rule.type = t;
  }
  if (rule.type.kind == TypeKind::list || rule.type.kind == TypeKind::record) {
    diags_.error("type", span_of(rule.decl->value), "a rule gives one value, not a list or a row");
    rule.type = Type::error();
  }
  for (const auto& ex : rule.exceptions) {
    expect_boolean(ex.clause->condition, std::nullopt, "an exception's condition");
    Type v = type_of(ex.clause->value, std::nullopt);
    if (v.is_member_list()) v = Type::set_of(v.ref);
    if (!v.is_error() && !rule.type.is_error() && !v.compatible(rule.type)) {
      auto& d =
          diags_.error("unit", span_of(ex.clause->value),
                       fmt::format("the exception `{}` gives {}, but `{}` is {}", ex.clause->label,
                                   out_->describe(v), rule.name, out_->describe(rule.type)));
      d.related.push_back({rule.decl->name_span, "the rule"});
    } else if (!v.is_error() && !rule.type.is_error()) {
      percent_declared_slip(rule.type, ex.clause->value,
                            fmt::format("the exception `{}`", ex.clause->label));
    }
  }
}

void Checker::typecheck_table(std::uint32_t t) {
  auto& table = out_->tables[t];
  auto& record = out_->records[table.record];
  const auto& decl = *table.decl;
  if (decl.rows.empty()) {
    diags_.warning("empty-table", decl.name_span, fmt::format("table `{}` has no rows", decl.name));
  }
  for (const auto& row : decl.rows) {
    if (row.cells.size() != record.fields.size()) {
      diags_.error("table-shape", row.span,
                   fmt::format("this row has {} cells; table `{}` has {} columns", row.cells.size(),
                               decl.name, record.fields.size()));
    }
    for (std::size_t c = 0; c < row.cells.size() && c < record.fields.size(); ++c) {
      const Type cell = type_of(row.cells[c], std::nullopt);
      auto& column = record.fields[c].type;
      if (column.is_error()) {
        column = cell;
      } else if (!cell.is_error() && !cell.compatible(column)) {
        diags_.error("unit", span_of(row.cells[c]),
                     fmt::format("column `{}` holds {}, but this cell is {}", record.fields[c].name,
                                 out_->describe(column), out_->describe(cell)));
      }
    }
  }
}

void Checker::expect_boolean(ast::ExprId e, std::optional<std::uint32_t> row, const char* what) {
  const Type t = type_of(e, row);
  if (!t.is_error() && !t.is_boolean()) {
    diags_.error("type", span_of(e),
                 fmt::format("{} must be true or false, but this is {}", what, out_->describe(t)));
  }
}

// A bound is a number as written, with the input's unit: `at least 1 dwelling`, `at most 100%`.
std::optional<Rational> Checker::input_bound(const CheckedInput& input, ast::ExprId id,
                                             const char* which) {
  if (id == ast::no_expr) return std::nullopt;
  ast::ExprId literal = id;
  bool negative = false;
  while (ast_[literal].kind == ast::ExprKind::paren ||
         (ast_[literal].kind == ast::ExprKind::unary && ast_[literal].op == ast::Op::neg)) {
    if (ast_[literal].kind == ast::ExprKind::unary) negative = !negative;
    literal = ast_[literal].a;
  }
  if (ast_[literal].kind != ast::ExprKind::number) {
    diags_.error("bounds", span_of(id),
                 fmt::format("`{}` is written as a number with its unit, such as `{} 1 dwelling`",
                             which, which));
    return std::nullopt;
  }
  if (!input.type.is_number()) {
    diags_.error("bounds", span_of(id),
                 fmt::format("only a number can have a bound, and `{}` is {}", input.name,
                             out_->describe(input.type)));
    return std::nullopt;
  }
  const auto& number = ast_.numbers[ast_[literal].a];
  const Type written = Type::number(number.unit);
  if (percent_declared_slip(input.type, id, fmt::format("`{}`'s bound", input.name)))
    return std::nullopt;
  if (!input.type.compatible(written)) {
    auto& d = diags_.error("unit", span_of(id),
                           fmt::format("`{}` is {}, but this bound is {}", input.name,
                                       unit_phrase(input.type.unit), unit_phrase(number.unit)));
    if (is_plain_literal(ast_, literal)) {
      d.hint = fmt::format("write `{} {}`", out_->text(span_of(literal)),
                           unit_source_name(input.type.unit));
    }
    return std::nullopt;
  }
  const Rational value = to_base(number.value, number.unit);
  return negative ? -value : value;
}

void Checker::expect_assignable(const Type& declared, const Type& actual, Span at,
                                const std::string& what) {
  if (declared.is_error() || actual.is_error() || declared.compatible(actual)) return;
  // A list of members, `[early, late]`, is what a set is written as.
  if (declared.is_set() && actual.is_member_list() && declared.ref == actual.ref) return;
  auto& d = diags_.error("unit", at,
                         fmt::format("{} is declared as {}, but its formula gives {}", what,
                                     out_->describe(declared), out_->describe(actual)));
  if (actual.is_number()) d.hint = unit_hint(actual.unit);
}

}  // namespace spdl::checking
