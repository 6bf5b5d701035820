#include "spdl/runtime/report/formula_words.hpp"

#include <fmt/format.h>

#include "spdl/lang/syntax/printer.hpp"
#include "spdl/runtime/ir/value_display.hpp"
#include "spdl/runtime/report/wording.hpp"

namespace spdl {

namespace {

class FormulaReader {
 public:
  explicit FormulaReader(const Program& p) : p_(p), c_(*p.checked), ast_(c_.ast()) {}

  std::string words(ast::ExprId id, int depth = 0) const {
    if (id == ast::no_expr) return "";
    // Past this depth the formula is shown as written, with its names in words.
    if (depth > 24) return written(id);
    const ast::Expr& e = ast_[id];
    switch (e.kind) {
      case ast::ExprKind::paren: {
        const std::string inner = words(e.a, depth + 1);
        return simple(e.a) ? inner : "(" + inner + ")";
      }
      case ast::ExprKind::boolean:
        return e.a ? "yes" : "no";
      case ast::ExprKind::name:
      case ast::ExprKind::field:
        return named(id);
      case ast::ExprKind::unary:
        if (e.op == ast::Op::neg) return "minus " + words(e.a, depth + 1);
        return negated(e.a, depth + 1);
      case ast::ExprKind::binary:
        return binary(id, depth);
      case ast::ExprKind::conditional: {
        std::string out = fmt::format("where {}, {}", words(e.a, depth + 1), words(e.b, depth + 1));
        // `else if` reads as one more case, not as a clause inside the otherwise.
        const ast::Expr& other = ast_[e.c];
        return out + "; otherwise " +
               (other.kind == ast::ExprKind::conditional ? words(e.c, depth + 1)
                                                         : words(e.c, depth + 1));
      }
      case ast::ExprKind::call:
        return call(id, depth);
      case ast::ExprKind::membership:
        return fmt::format("{} is {}one of {}", words(e.a, depth + 1),
                           e.op == ast::Op::not_in ? "not " : "", words(e.b, depth + 1));
      case ast::ExprKind::list: {
        std::vector<std::string> items;
        for (std::uint32_t i = 0; i < ast_.arg_count(e); ++i)
          items.push_back(words(ast_.arg(e, i), depth + 1));
        return items.empty() ? "none" : joined(items, "and");
      }
      default:
        return written(id);
    }
  }

 private:
  std::string written(ast::ExprId id) const {
    return human_expression(print_expression(ast_, c_.sources(), id));
  }

  static std::string joined(const std::vector<std::string>& items, const char* last) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
      out += i == 0 ? "" : i + 1 == items.size() ? fmt::format(" {} ", last) : ", ";
      out += items[i];
    }
    return out;
  }

  // A name or a literal: nothing inside it to group.
  bool simple(ast::ExprId id) const {
    const auto k = ast_[id].kind;
    return k == ast::ExprKind::name || k == ast::ExprKind::field || k == ast::ExprKind::number ||
           k == ast::ExprKind::boolean || k == ast::ExprKind::text || k == ast::ExprKind::call;
  }

  // A parameter by its value ("40%", "15 dwellings"), a list of them by its name; an input or a
  // rule as "the dwellings", a yes/no as its words ("policy applies"), a member by its label.
  std::string named(ast::ExprId id) const {
    const Symbol& s = id < c_.expr_symbol.size() ? c_.expr_symbol[id] : Symbol{};
    switch (s.kind) {
      case SymbolKind::parameter: {
        const auto& param = c_.parameters[s.index];
        const SlotId slot = p_.parameter_slots[s.index];
        if (param.type.kind != TypeKind::list && param.type.kind != TypeKind::set &&
            slot != no_slot && p_.initial_slots[slot].known()) {
          const Value& v = p_.initial_slots[slot];
          return display_known(v, param.type, c_,
                               v.kind == ValueKind::text ? &p_.texts[v.aux] : nullptr);
        }
        return "the " + human_name(param.name);
      }
      case SymbolKind::enum_member: {
        const auto* m = c_.enums[s.index].members[s.sub];
        return m->label.empty() ? human_name(m->name) : m->label;
      }
      case SymbolKind::input:
      case SymbolKind::rule: {
        const Type& t =
            s.kind == SymbolKind::input ? c_.inputs[s.index].type : c_.rules[s.index].type;
        const std::string name = human_name(s.kind == SymbolKind::input ? c_.inputs[s.index].name
                                                                        : c_.rules[s.index].name);
        return t.is_boolean() ? name : "the " + name;
      }
      case SymbolKind::field:
        return human_name(c_.records[s.index].fields[s.sub].name);
      default:
        return written(id);
    }
  }

  std::string negated(ast::ExprId inner, int depth) const {
    const ast::Expr& e = ast_[inner];
    if (e.kind == ast::ExprKind::call && ast_.names[e.a] == "known" && ast_.arg_count(e) == 1)
      return words(ast_.arg(e, 0), depth) + " is not given";
    return "not " + words(inner, depth);
  }

  bool percent(ast::ExprId id) const {
    return id < c_.expr_type.size() && c_.expr_type[id].is_number() &&
           c_.expr_type[id].unit.percent;
  }

  // The left of a comparison, the subject of "is". An input or rule that counts things and is
  // named in the plural reads as their number: "the number of dwellings is at least 10
  // dwellings", not "the dwellings is".
  std::string subject(ast::ExprId id, int depth) const {
    const Symbol& s = id < c_.expr_symbol.size() ? c_.expr_symbol[id] : Symbol{};
    if (ast_[id].kind == ast::ExprKind::name &&
        (s.kind == SymbolKind::input || s.kind == SymbolKind::rule)) {
      const bool input = s.kind == SymbolKind::input;
      const Type& t = input ? c_.inputs[s.index].type : c_.rules[s.index].type;
      const std::string& name = input ? c_.inputs[s.index].name : c_.rules[s.index].name;
      const bool count = t.unit.is(Dimension::dwelling) || t.unit.is(Dimension::bedroom) ||
                         t.unit.is(Dimension::person) || t.unit.is(Dimension::habitable_room);
      if (count && t.kind != TypeKind::list && name.ends_with('s'))
        return "the number of " + human_name(name);
    }
    return words(id, depth);
  }

  std::string binary(ast::ExprId id, int depth) const {
    const ast::Expr& e = ast_[id];
    const bool compared = e.op == ast::Op::eq || e.op == ast::Op::ne || e.op == ast::Op::lt ||
                          e.op == ast::Op::le || e.op == ast::Op::gt || e.op == ast::Op::ge;
    const std::string a = compared ? subject(e.a, depth + 1) : words(e.a, depth + 1);
    const std::string b = words(e.b, depth + 1);
    switch (e.op) {
      case ast::Op::add:
        return a + " + " + b;
      case ast::Op::sub:
        return a + " − " + b;
      case ast::Op::mul:
        // A share of something: "40% of the dwellings".
        if (percent(e.b) && !percent(e.a)) return b + " of " + a;
        if (percent(e.a) && !percent(e.b)) return a + " of " + b;
        return a + " × " + b;
      case ast::Op::div:
        return a + " ÷ " + b;
      case ast::Op::eq:
        return a + " is " + b;
      case ast::Op::ne:
        return a + " is not " + b;
      case ast::Op::lt:
        return a + " is less than " + b;
      case ast::Op::le:
        return a + " is at most " + b;
      case ast::Op::gt:
        return a + " is more than " + b;
      case ast::Op::ge:
        return a + " is at least " + b;
      case ast::Op::and_:
        return a + " and " + b;
      case ast::Op::or_:
        return a + " or " + b;
      default:
        return written(id);
    }
  }

  // An argument that reads as a clause of its own ("40% of x, rounded half up") is set apart.
  std::string argument(ast::ExprId id, int depth) const {
    const std::string w = words(id, depth);
    return w.find(", ") != std::string::npos ? "(" + w + ")" : w;
  }

  std::string call(ast::ExprId id, int depth) const {
    const ast::Expr& e = ast_[id];
    const std::string& f = ast_.names[e.a];
    std::vector<std::string> args;
    for (std::uint32_t i = 0; i < ast_.arg_count(e); ++i)
      args.push_back(argument(ast_.arg(e, i), depth + 1));
    const std::string where = e.b == ast::no_expr ? "" : " where " + words(e.b, depth + 1);
    const auto rounded = [&](const char* how) {
      if (args.size() == 2)
        return fmt::format("{}, rounded {} to {} places", args[0], how, args[1]);
      return args.size() == 1 ? fmt::format("{}, rounded {}", args[0], how) : written(id);
    };
    if (f == "round_half_up") return rounded("half up");
    if (f == "round_half_even") return rounded("half to even");
    if (f == "round_up") return rounded("up");
    if (f == "round_down") return rounded("down");
    if ((f == "min" || f == "max") && args.size() >= 2) {
      const char* which = args.size() == 2 ? (f == "min" ? "lesser" : "greater")
                                           : (f == "min" ? "least" : "greatest");
      return fmt::format("the {} of {}", which, joined(args, "and"));
    }
    if (f == "known" && args.size() == 1) return args[0] + " is given";
    if (f == "abs" && args.size() == 1) return "the size of " + args[0];
    if (args.size() == 1) {
      if (f == "sum") return "the total of " + args[0] + where;
      if (f == "count") return "the number of " + args[0] + where;
      if (f == "any") return "any of " + args[0] + where;
      if (f == "all") return "all of " + args[0] + where;
      if (f == "min") return "the least of " + args[0] + where;
      if (f == "max") return "the greatest of " + args[0] + where;
    }
    return written(id);
  }

  const Program& p_;
  const CheckedRuleset& c_;
  const ast::Ast& ast_;
};

}  // namespace

std::string formula_words(const Program& program, ast::ExprId e) {
  return FormulaReader(program).words(e);
}

}  // namespace spdl
