// The type and unit of each expression: names, operators, built-in functions, aggregations over
// a list's rows and a row's fields. Each mismatch names both sides and, for a bare number beside
// a quantity, the unit it lacks.

#include <fmt/format.h>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/lang/check/checker_impl.hpp"

namespace spdl::checking {

std::string unit_phrase(const Unit& u) {
  if (u.dimensionless()) return u.percent ? "a percentage" : "a plain number";
  const std::string desc = dimension_description(u);
  const std::string name = unit_name(u);
  if (desc.find(name) != std::string::npos) return desc;
  return fmt::format("{} ({})", desc, name);
}

bool is_plain_literal(const ast::Ast& ast, ast::ExprId id) {
  const ast::Expr& e = ast[id];
  if (e.kind == ast::ExprKind::paren) return is_plain_literal(ast, e.a);
  if (e.kind == ast::ExprKind::unary && e.op == ast::Op::neg) return is_plain_literal(ast, e.a);
  return e.kind == ast::ExprKind::number && ast.numbers[e.a].unit.dimensionless() &&
         !ast.numbers[e.a].unit.percent && !ast.numbers[e.a].money;
}

void Checker::unit_mismatch(ast::ExprId id, const Type& left, const Type& right, const char* verb) {
  const ast::Expr& e = ast_[id];
  std::string message;
  if (std::string_view(verb) == "add") {
    message = fmt::format("cannot add {} and {}", unit_phrase(left.unit), unit_phrase(right.unit));
  } else if (std::string_view(verb) == "subtract") {
    message =
        fmt::format("cannot subtract {} from {}", unit_phrase(right.unit), unit_phrase(left.unit));
  } else {
    message =
        fmt::format("cannot compare {} with {}", unit_phrase(left.unit), unit_phrase(right.unit));
  }
  auto& d = diags_.error("unit", e.span(), message);
  if (e.kind == ast::ExprKind::binary) {
    d.related.push_back({span_of(e.a), fmt::format("this is {}", out_->describe(left))});
    d.related.push_back({span_of(e.b), fmt::format("this is {}", out_->describe(right))});
    // A bare number beside a quantity almost always lacks its unit.
    for (const auto& [literal, other] : {std::pair{e.a, right}, std::pair{e.b, left}}) {
      if (is_plain_literal(ast_, literal) && !other.unit.dimensionless()) {
        d.hint = fmt::format("write `{} {}`: a number used with {} needs its unit",
                             out_->text(span_of(literal)), unit_source_name(other.unit),
                             unit_phrase(other.unit));
      }
    }
  }
  if (d.hint.empty()) d.hint = unit_hint(left.unit);
  if (d.hint.empty()) d.hint = unit_hint(right.unit);
}

Type Checker::type_of(ast::ExprId id, std::optional<std::uint32_t> row) {
  if (id == ast::no_expr) return Type::error();
  const ast::Expr& e = ast_[id];
  Type t = Type::error();
  switch (e.kind) {
    case ast::ExprKind::number:
      t = Type::number(ast_.numbers[e.a].unit);
      break;
    case ast::ExprKind::boolean:
      t = Type::boolean();
      break;
    case ast::ExprKind::text:
      t = Type::text();
      break;
    case ast::ExprKind::date:
      t = Type::date();
      break;
    case ast::ExprKind::name:
      t = type_of_name(id);
      break;
    case ast::ExprKind::paren:
      t = type_of(e.a, row);
      break;
    case ast::ExprKind::unary: {
      const Type a = type_of(e.a, row);
      if (a.is_error()) break;
      if (e.op == ast::Op::neg && !a.is_number()) {
        diags_.error("type", e.span(),
                     fmt::format("only numbers can be negated; this is {}", out_->describe(a)));
      } else if (e.op == ast::Op::not_ && !a.is_boolean()) {
        diags_.error("type", e.span(),
                     fmt::format("`not` needs true or false; this is {}", out_->describe(a)));
      } else {
        t = a;
      }
      break;
    }
    case ast::ExprKind::binary:
      t = type_of_binary(id, row);
      break;
    case ast::ExprKind::conditional: {
      expect_boolean(e.a, row, "the condition of `if`");
      const Type b = type_of(e.b, row);
      const Type c = type_of(e.c, row);
      if (b.is_error() || c.is_error()) {
        t = b.is_error() ? c : b;
      } else if ((b.is_set() || b.is_member_list()) && (c.is_set() || c.is_member_list()) &&
                 (b.ref == c.ref || b.ref == any_enumeration || c.ref == any_enumeration)) {
        // Sets of one enumeration, written `[early]` or named: the branches give a set.
        t = Type::set_of(b.ref == any_enumeration ? c.ref : b.ref);
      } else if (!b.compatible(c)) {
        auto& d = diags_.error(
            "unit", e.span(),
            fmt::format("the two branches of this `if` give different kinds of value: {} and {}",
                        out_->describe(b), out_->describe(c)));
        d.related.push_back({span_of(e.b), fmt::format("this is {}", out_->describe(b))});
        d.related.push_back({span_of(e.c), fmt::format("this is {}", out_->describe(c))});
        if (is_plain_literal(ast_, e.c) && b.is_number()) {
          d.hint = fmt::format("write `{} {}`", out_->text(span_of(e.c)), unit_source_name(b.unit));
        } else if (is_plain_literal(ast_, e.b) && c.is_number()) {
          d.hint = fmt::format("write `{} {}`", out_->text(span_of(e.b)), unit_source_name(c.unit));
        }
      } else if (!percent_slip(id, e.b, b, e.c, c, "choose between")) {
        t = b;
      }
      break;
    }
    case ast::ExprKind::membership: {
      const Type a = type_of(e.a, row);
      const Type l = type_of(e.b, row);
      if (l.is_set()) {
        if (!a.is_error() && l.ref != any_enumeration && !a.compatible(l.element_type())) {
          diags_.error(
              "type", e.span(),
              fmt::format("cannot look for {} in {}", out_->describe(a), out_->describe(l)));
        } else if (!a.is_error()) {
          t = Type::boolean();
        }
        break;
      }
      if (!l.is_error() && l.kind != TypeKind::list) {
        diags_.error(
            "type", span_of(e.b),
            fmt::format("`in` needs a list, such as [a, b]; this is {}", out_->describe(l)));
      } else if (!a.is_error() && !l.is_error() && !a.compatible(l.element_type())) {
        diags_.error("type", e.span(),
                     fmt::format("cannot look for {} in a list of {}", out_->describe(a),
                                 out_->describe(l.element_type())));
      } else {
        t = Type::boolean();
      }
      break;
    }
    case ast::ExprKind::list: {
      Type element = Type::error();
      bool ok = true;
      for (std::uint32_t i = 0; i < ast_.arg_count(e); ++i) {
        const Type x = type_of(ast_.arg(e, i), row);
        if (x.is_error()) {
          ok = false;
        } else if (element.is_error()) {
          element = x;
        } else if (!element.compatible(x)) {
          diags_.error("type", span_of(ast_.arg(e, i)),
                       fmt::format("a list holds one kind of value: this is {}, the first is {}",
                                   out_->describe(x), out_->describe(element)));
          ok = false;
        }
      }
      if (element.kind == TypeKind::list || element.kind == TypeKind::record) {
        diags_.error("type", e.span(), "a list cannot hold lists or rows");
        ok = false;
      }
      if (ast_.arg_count(e) == 0) {
        t = Type::set_of(any_enumeration);  // `[]`: no members, of whichever enumeration
        break;
      }
      if (ok && !element.is_error()) t = Type::list_of(element);
      break;
    }
    case ast::ExprKind::call:
      t = type_of_call(id, row);
      break;
    case ast::ExprKind::field:
      t = type_of_field(id, row);
      break;
    case ast::ExprKind::project:
      break;  // reported by resolve
    case ast::ExprKind::index: {
      const Symbol table = out_->expr_symbol[e.a];
      const Type key = type_of(e.b, row);
      if (table.kind != SymbolKind::table) {
        if (table.kind != SymbolKind::none) {
          diags_.error("type", span_of(e.a), "only a table can be looked up with [...]");
        }
        break;
      }
      const auto& record = out_->records[out_->tables[table.index].record];
      out_->expr_type.set(e.a, Type::list_of(Type::record(out_->tables[table.index].record)));
      if (!record.fields.empty()) {
        const Type& key_type = record.fields[0].type;
        if (!key.is_error() && !key_type.is_error() && !key.compatible(key_type)) {
          diags_.error(
              "unit", span_of(e.b),
              fmt::format("table `{}` is looked up by {} (its first column, `{}`), but this is {}",
                          out_->tables[table.index].name, out_->describe(key_type),
                          record.fields[0].name, out_->describe(key)));
          break;
        }
      }
      t = Type::record(out_->tables[table.index].record);
      break;
    }
    case ast::ExprKind::apportion:
      t = type_of_apportion(id, row);
      break;
  }
  out_->expr_type.set(id, t);
  return t;
}

// `apportion X by S`: X is a whole number of things (dwellings, habitable rooms, bedrooms,
// persons) or a plain number, and each part is of its kind. S's parts are exact shares, or
// minimums with a remainder to take the rest; lint_apportionments checks that they add up.
Type Checker::type_of_apportion(ast::ExprId id, std::optional<std::uint32_t> row) {
  const ast::Expr& e = ast_[id];
  const Type total = type_of(e.a, row);
  const Symbol& s = out_->expr_symbol[e.b];
  out_->expr_type.set(e.b, Type::error());
  if (total.is_error()) return Type::error();
  const Unit& u = total.unit;
  const bool count = u.is(Dimension::dwelling) || u.is(Dimension::habitable_room) ||
                     u.is(Dimension::bedroom) || u.is(Dimension::person);
  if (!total.is_number() || (!count && !(u.dimensionless() && !u.percent))) {
    diags_
        .error("apportion-total", span_of(e.a),
               fmt::format("apportion divides a whole number of things (dwellings, habitable "
                           "rooms, bedrooms, persons); this is {}",
                           total.is_number() ? unit_phrase(u) : out_->describe(total)))
        .hint = "round the total first if it may not be whole";
    return Type::error();
  }
  if (s.kind != SymbolKind::shares) return Type::error();  // reported when resolved
  const auto& group = out_->shares[s.index];
  bool remainder = false;
  for (const auto& part : group.parts) {
    remainder |= part.kind == ShareKind::remainder;
    if (part.kind == ShareKind::maximum) {
      diags_
          .error("apportion-shares", span_of(e.b),
                 fmt::format("`{}.{}` has only a most share, so how much of the whole it takes "
                             "is not fixed; apportion gives each part the least it must have",
                             group.name, part.name))
          .hint =
          fmt::format("give it a least share too: `{} = at least 0% at most ...`", part.name);
      return Type::error();
    }
  }
  if (group.bounded() && !remainder) {
    diags_
        .error("apportion-shares", span_of(e.b),
               fmt::format("`{}` has minimums but no remainder: what the minimums leave would "
                           "belong to no part",
                           group.name))
        .hint = "add a part `= remainder` to take what is left";
    return Type::error();
  }
  return Type::number(u);
}

Type Checker::type_of_name(ast::ExprId id) {
  const Symbol& s = out_->expr_symbol[id];
  const auto& out = *out_;
  switch (s.kind) {
    case SymbolKind::input:
      return out.inputs[s.index].type;
    case SymbolKind::parameter:
      return out.parameters[s.index].type;
    case SymbolKind::rule:
      return out.rules[s.index].type;
    case SymbolKind::table:
      return Type::list_of(Type::record(out.tables[s.index].record));
    case SymbolKind::enum_member:
      return Type::enumeration(s.index);
    case SymbolKind::field:
      return out.records[s.index].fields[s.sub].type;
    case SymbolKind::shares:
      diags_.error(
          "type", span_of(id),
          fmt::format("`{}` is a group of shares; name one of its parts, such as `{}`",
                      out.shares[s.index].name,
                      out.shares[s.index].parts.empty()
                          ? out.shares[s.index].name
                          : out.shares[s.index].name + "." + out.shares[s.index].parts[0].name));
      return Type::error();
    case SymbolKind::enum_type:
    case SymbolKind::record_type:
      diags_.error("type", span_of(id),
                   fmt::format("`{}` is a type, not a value", out.text(span_of(id))));
      return Type::error();
    case SymbolKind::apportioned: {
      const auto& group = out.apportionments[s.index];
      diags_.error("type", span_of(id),
                   group.count == 0
                       ? fmt::format("`{}` is apportioned; name one of its parts", group.name)
                       : fmt::format("`{}` is apportioned; name one of its parts, such as `{}`",
                                     group.name, out.rules[group.first].name));
      return Type::error();
    }
    default:
      return Type::error();
  }
}

Type Checker::type_of_binary(ast::ExprId id, std::optional<std::uint32_t> row) {
  const ast::Expr& e = ast_[id];
  const Type l = type_of(e.a, row);
  const Type r = type_of(e.b, row);
  if (l.is_error() || r.is_error()) return Type::error();
  auto need_numbers = [&](const char* op) {
    for (const auto& [side, type] : {std::pair{e.a, l}, std::pair{e.b, r}}) {
      if (!type.is_number()) {
        diags_.error("type", span_of(side),
                     fmt::format("`{}` needs numbers; this is {}", op, out_->describe(type)));
        return false;
      }
    }
    return true;
  };
  switch (e.op) {
    case ast::Op::add:
    case ast::Op::sub: {
      if (!need_numbers(e.op == ast::Op::add ? "+" : "-")) return Type::error();
      if (!l.unit.commensurable(r.unit)) {
        unit_mismatch(id, l, r, e.op == ast::Op::add ? "add" : "subtract");
        return Type::error();
      }
      if (percent_slip(id, e.a, l, e.b, r, e.op == ast::Op::add ? "add" : "subtract"))
        return Type::error();
      Unit u = l.unit;
      u.percent = u.dimensionless() && (l.unit.percent || r.unit.percent);
      return Type::number(u);
    }
    case ast::Op::mul:
    case ast::Op::div: {
      if (!need_numbers(e.op == ast::Op::mul ? "*" : "/")) return Type::error();
      const Unit u = e.op == ast::Op::mul ? multiply(l.unit, r.unit) : divide(l.unit, r.unit);
      return Type::number(normalize(u).unit);
    }
    case ast::Op::eq:
    case ast::Op::ne: {
      const bool sets = (l.is_set() || l.is_member_list()) && (r.is_set() || r.is_member_list());
      if (sets && (l.is_set() || r.is_set())) {
        if (l.ref != r.ref && l.ref != any_enumeration && r.ref != any_enumeration) {
          diags_.error(
              "type", e.span(),
              fmt::format("cannot compare {} with {}", out_->describe(l), out_->describe(r)));
          return Type::error();
        }
        return Type::boolean();
      }
      if (l.kind == TypeKind::list || l.kind == TypeKind::record || r.kind == TypeKind::list ||
          r.kind == TypeKind::record || l.is_set() || r.is_set()) {
        diags_.error("type", e.span(), "lists and rows cannot be compared with `=`");
        return Type::error();
      }
      if (!l.compatible(r)) {
        if (l.is_number() && r.is_number()) {
          unit_mismatch(id, l, r, "compare");
        } else {
          diags_.error(
              "type", e.span(),
              fmt::format("cannot compare {} with {}", out_->describe(l), out_->describe(r)));
        }
        return Type::error();
      }
      if (percent_slip(id, e.a, l, e.b, r, "compare")) return Type::error();
      return Type::boolean();
    }
    case ast::Op::lt:
    case ast::Op::le:
    case ast::Op::gt:
    case ast::Op::ge: {
      if (l.kind == TypeKind::date && r.kind == TypeKind::date) return Type::boolean();
      if (!need_numbers("<, <=, > or >=")) return Type::error();
      if (!l.unit.commensurable(r.unit)) {
        unit_mismatch(id, l, r, "compare");
        return Type::error();
      }
      if (percent_slip(id, e.a, l, e.b, r, "compare")) return Type::error();
      return Type::boolean();
    }
    case ast::Op::and_:
    case ast::Op::or_: {
      const char* op = e.op == ast::Op::and_ ? "and" : "or";
      for (const auto& [side, type] : {std::pair{e.a, l}, std::pair{e.b, r}}) {
        if (!type.is_boolean()) {
          diags_.error("type", span_of(side),
                       fmt::format("`{}` joins conditions (true or false); this is {}", op,
                                   out_->describe(type)));
          return Type::error();
        }
      }
      return Type::boolean();
    }
    default:
      return Type::error();
  }
}

Type Checker::type_of_call(ast::ExprId id, std::optional<std::uint32_t> row) {
  const ast::Expr& e = ast_[id];
  const Symbol& s = out_->expr_symbol[id];
  if (s.kind != SymbolKind::builtin) {
    for (std::uint32_t i = 0; i < ast_.arg_count(e); ++i) type_of(ast_.arg(e, i), row);
    return Type::error();
  }
  const auto b = static_cast<Builtin>(s.index);
  const std::string& name = name_of(e.a);
  auto arity = [&](std::uint32_t lo, std::uint32_t hi, const char* shape) {
    if (ast_.arg_count(e) < lo || ast_.arg_count(e) > hi) {
      diags_.error("arity", e.span(), fmt::format("{}() takes {}", name, shape));
      return false;
    }
    return true;
  };
  auto number_arg = [&](std::uint32_t i) -> Type {
    const Type t = type_of(ast_.arg(e, i), row);
    if (!t.is_error() && !t.is_number()) {
      diags_.error("type", span_of(ast_.arg(e, i)),
                   fmt::format("{}() works on numbers; this is {}", name, out_->describe(t)));
      return Type::error();
    }
    return t;
  };
  switch (b) {
    case Builtin::round_half_up:
    case Builtin::round_half_even:
    case Builtin::round_up:
    case Builtin::round_down: {
      if (!arity(1, 2, "a number and, optionally, how many decimal places to keep"))
        return Type::error();
      const Type t = number_arg(0);
      if (ast_.arg_count(e) == 2) {
        const ast::ExprId places = ast_.arg(e, 1);
        const ast::Expr& p = ast_[places];
        const bool ok = p.kind == ast::ExprKind::number && ast_.numbers[p.a].unit.dimensionless() &&
                        !ast_.numbers[p.a].unit.percent && ast_.numbers[p.a].value.is_integer() &&
                        ast_.numbers[p.a].value.sign() >= 0 &&
                        ast_.numbers[p.a].value <= Rational(12);
        out_->expr_type.set(places, Type::number(Unit::none()));
        if (!ok) {
          diags_.error(
              "type", span_of(places),
              "the number of decimal places must be written as a whole number from 0 to 12");
          return Type::error();
        }
      }
      return t;
    }
    case Builtin::min:
    case Builtin::max: {
      if (!arity(2, 64, "two or more numbers, or one list such as min(schedule.floorspace)"))
        return Type::error();
      const Type first = number_arg(0);
      for (std::uint32_t i = 1; i < ast_.arg_count(e); ++i) {
        const Type t = number_arg(i);
        if (!first.is_error() && !t.is_error() && !first.compatible(t)) {
          auto& d = diags_.error("unit", span_of(ast_.arg(e, i)),
                                 fmt::format("{}() compares {} with {}", name,
                                             unit_phrase(first.unit), unit_phrase(t.unit)));
          d.related.push_back(
              {span_of(ast_.arg(e, 0)), fmt::format("this is {}", out_->describe(first))});
          return Type::error();
        }
        if (!first.is_error() && !t.is_error() &&
            percent_slip(ast_.arg(e, i), ast_.arg(e, 0), first, ast_.arg(e, i), t, "compare"))
          return Type::error();
      }
      return first;
    }
    case Builtin::abs:
      if (!arity(1, 1, "one number")) return Type::error();
      return number_arg(0);
    case Builtin::known:
      if (!arity(1, 1, "one value")) return Type::error();
      type_of(ast_.arg(e, 0), row);
      return Type::boolean();
    default:
      return type_of_aggregate(id, b, row);
  }
}

Type Checker::type_of_aggregate(ast::ExprId id, Builtin b, std::optional<std::uint32_t> row) {
  const ast::Expr& e = ast_[id];
  if (ast_.arg_count(e) != 1) return Type::error();  // reported by resolve
  const ast::ExprId arg = ast_.arg(e, 0);
  const ast::Expr& a = ast_[arg];
  const bool projected = (a.kind == ast::ExprKind::field || a.kind == ast::ExprKind::project) &&
                         ast_[a.a].kind == ast::ExprKind::name;
  const ast::ExprId base = projected ? a.a : arg;
  const auto record = row_record_of(out_->expr_symbol[base]);
  Type element = Type::error();
  if (projected) {
    type_of(base, row);
    if (!record) return Type::error();
    if (a.kind == ast::ExprKind::field) {
      const Symbol& f = out_->expr_symbol[arg];
      if (f.kind != SymbolKind::field) return Type::error();
      element = out_->records[f.index].fields[f.sub].type;
    } else {
      element = type_of(a.b, record);
    }
    out_->expr_type.set(arg, Type::list_of(element));
  } else {
    const Type list = type_of(base, row);
    if (list.is_error()) return Type::error();
    if (list.is_set() || (list.kind == TypeKind::list && list.element != TypeKind::record)) {
      // A set of members, or a list of values: only counted; its values have no rows to filter.
      if (b != Builtin::count || e.b != ast::no_expr) {
        diags_.error(
            "type", e.span(),
            fmt::format("{} can be counted, `count({})`, or asked about, `member in {}`; {}() "
                        "works on the rows of a list or a table",
                        out_->describe(list), out_->text(span_of(base)), out_->text(span_of(base)),
                        name_of(e.a)));
        return Type::error();
      }
      return Type::number(Unit::none());
    }
    if (list.kind != TypeKind::list) {
      diags_.error(
          "type", span_of(base),
          fmt::format("{}() needs a list; this is {}", name_of(e.a), out_->describe(list)));
      return Type::error();
    }
    element = list.element_type();
  }
  if (e.b != ast::no_expr)
    expect_boolean(e.b, record ? record : row, "the condition after `where`");
  if (element.is_error()) return Type::error();

  switch (b) {
    case Builtin::count:
      return Type::number(Unit::none());
    case Builtin::any:
    case Builtin::all:
      if (projected && !element.is_boolean()) {
        diags_.error("type", span_of(arg),
                     fmt::format("{}() asks whether rows meet a condition; this gives {}",
                                 name_of(e.a), out_->describe(element)));
        return Type::error();
      }
      return Type::boolean();
    default:  // sum, min_of, max_of
      if (!element.is_number()) {
        diags_.error("type", span_of(arg),
                     fmt::format("{}() adds up numbers; these are {}", name_of(e.a),
                                 out_->describe(element)));
        return Type::error();
      }
      return Type::number(element.unit);
  }
}

Type Checker::type_of_field(ast::ExprId id, std::optional<std::uint32_t> row) {
  const ast::Expr& e = ast_[id];
  Symbol& s = out_->expr_symbol[id];
  if (s.kind == SymbolKind::parameter) return out_->parameters[s.index].type;
  if (s.kind == SymbolKind::enum_member) return Type::enumeration(s.index);
  if (s.kind == SymbolKind::rule) return out_->rules[s.index].type;  // an apportioned part
  // A shares, an enumeration or an apportioned rule used with `.` was reported when resolved.
  const SymbolKind of = out_->expr_symbol[e.a].kind;
  if (of == SymbolKind::shares || of == SymbolKind::enum_type || of == SymbolKind::apportioned)
    return Type::error();
  const Type object = type_of(e.a, row);
  if (object.is_error()) return Type::error();
  if (object.kind != TypeKind::record) {
    const Symbol& os = out_->expr_symbol[e.a];
    // Shares, enumerations and lists used with `.` were reported when names were resolved.
    if (os.kind == SymbolKind::shares || os.kind == SymbolKind::enum_type ||
        object.kind == TypeKind::list) {
      return Type::error();
    }
    diags_.error("type", e.span(), fmt::format("{} has no fields", out_->describe(object)));
    return Type::error();
  }
  const auto& record = out_->records[object.ref];
  const std::string& field = name_of(e.b);
  if (const auto f = record.field(field)) {
    s = {SymbolKind::field, object.ref, *f};
    return record.fields[*f].type;
  }
  std::vector<std::string> names;
  for (const auto& fd : record.fields) names.push_back(fd.name);
  auto& d = diags_.error("unknown-field", e.span(),
                         fmt::format("`{}` has no field `{}`", record.name, field));
  if (const auto m = closest_match(field, names); !m.empty())
    d.hint = fmt::format("did you mean `{}`?", m);
  return Type::error();
}

}  // namespace spdl::checking
