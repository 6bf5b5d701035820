#include "spdl/runtime/report/explain.hpp"

#include <fmt/format.h>

#include <set>

#include "spdl/lang/syntax/printer.hpp"
#include "spdl/runtime/ir/value_display.hpp"
#include "spdl/runtime/report/wording.hpp"

namespace spdl {

namespace {

class Explainer {
 public:
  Explainer(const Evaluation& ev, ExpressionWords* words)
      : ev_(ev),
        p_(ev.program()),
        c_(*p_.checked),
        ast_(c_.ast()),
        words_(words ? *words : own_words_) {}

  std::string why(ast::ExprId id, int depth) {
    const ast::Expr& e = ast_[id];
    const Value& v = value(id);
    if (depth > 4) return describe(id);
    switch (e.kind) {
      case ast::ExprKind::paren:
        return why(e.a, depth);
      case ast::ExprKind::unary:
        if (e.op == ast::Op::not_) {
          const ast::Expr& inner = ast_[e.a];
          // "alternative mix justified is no", not "not alternative mix justified is yes".
          if (inner.kind == ast::ExprKind::name && v.kind == ValueKind::boolean && v.known())
            return spliced({prose(e.a), " is ", v.aux ? "no" : "yes"});
          if (inner.kind == ast::ExprKind::name || inner.kind == ast::ExprKind::call)
            return describe(id);
          return spliced({"it is not so that ", why(e.a, depth + 1)});
        }
        return describe(id);
      case ast::ExprKind::binary:
        if (e.op == ast::Op::and_ || e.op == ast::Op::or_) return junction(id, depth);
        if (e.op >= ast::Op::eq && e.op <= ast::Op::ge) return comparison(id);
        return describe(id);
      case ast::ExprKind::conditional: {
        const Value& cond = value(e.a);
        if (!cond.known()) return spliced({why(e.a, depth + 1), ", which is not known"});
        const std::string condition = why(e.a, depth + 1);  // then the branch, as before
        return spliced({condition, ", so ", why(cond.aux ? e.b : e.c, depth + 1)});
      }
      case ast::ExprKind::name: {
        const Symbol& s = c_.expr_symbol[id];
        if (s.kind == SymbolKind::rule && c_.rules[s.index].type.is_boolean() &&
            c_.rules[s.index].exceptions.empty()) {
          return why(c_.rules[s.index].decl->value, depth + 1);
        }
        return describe(id);
      }
      case ast::ExprKind::membership:
        return spliced({prose(e.a), " (", shown(e.a), ") is ",
                        truthy(v) == (e.op == ast::Op::in) ? "" : "not ", "one of ", prose(e.b)});
      default:
        return describe(id);
    }
  }

  Derivation derive(std::uint32_t rule_index, int depth) {
    const auto& rule = c_.rules[rule_index];
    Derivation d;
    d.kind = "rule";
    d.label = fmt::format("{} = {}", rule.name, shown_slot(p_.rule_slots[rule_index], rule.type));
    d.citation = rule.decl->citation ? rule.decl->citation->text : "";
    d.formula = print_expression(ast_, c_.sources(), rule.decl->value);
    expanded_.insert(rule_index);
    if (depth > 8) {
      d.note = "derivation continues beyond this depth";
      return d;
    }
    if (rule.apportionment >= 0) {
      apportionment(rule, d);
      return d;
    }
    std::vector<ast::ExprId> roots = {rule.decl->value};
    if (!rule.exceptions.empty()) {
      const std::int32_t fired = ev_.fired(rule_index);
      for (std::size_t i = 0; i < rule.exceptions.size(); ++i) {
        const auto* clause = rule.exceptions[i].clause;
        Derivation ex;
        ex.kind = "exception";
        ex.citation = clause->citation ? clause->citation->text : "";
        ex.formula =
            fmt::format("when {} then {}", print_expression(ast_, c_.sources(), clause->condition),
                        print_expression(ast_, c_.sources(), clause->value));
        const Value& cond = value(clause->condition);
        ex.label = fmt::format("exception {}: {}", clause->label,
                               static_cast<std::int32_t>(i) == fired ? "applied, and gave the value"
                               : cond.known() && cond.aux != 0
                                   ? "applied, but a more specific exception gave the value"
                               : cond.known() ? "did not apply"
                                              : "undecided");
        ex.note = why(clause->condition, 1);
        collect(clause->condition, ex.uses, depth + 1);
        if (static_cast<std::int32_t>(i) == fired) collect(clause->value, ex.uses, depth + 1);
        d.uses.push_back(std::move(ex));
      }
    }
    const std::int32_t fired_exception = ev_.fired(rule_index);
    if (fired_exception >= 0) {
      const auto* clause = rule.exceptions[static_cast<std::size_t>(fired_exception)].clause;
      d.working.push_back(fmt::format("exception {} gave the value", clause->label));
      work(clause->value, d.working, 0);
    } else {
      work(rule.decl->value, d.working, 0);
    }
    collect(rule.decl->value, d.uses, depth + 1);
    return d;
  }

 private:
  // A part of an apportioned rule: the division, with every part's quota and whole number ("17
  // dwellings by figure_3_mix, largest remainder: 1.19, 8.16, 3.91, 2.89, 0.85 → 1, 8, 4, 3,
  // 1"), the total, and the shares' figures.
  void apportionment(const CheckedRule& rule, Derivation& d) {
    const auto& a = c_.apportionments[static_cast<std::size_t>(rule.apportionment)];
    const auto& group = c_.shares[static_cast<std::size_t>(a.shares)];
    std::uint32_t step = 0;
    while (step < p_.apportionments.size() &&
           p_.apportionments[step].apportionment != static_cast<std::uint32_t>(rule.apportionment))
      ++step;
    const Value& total = value(a.total);
    if (step < p_.apportionments.size() && total.known() && total.kind == ValueKind::number) {
      Rational whole;
      const auto parts = ev_.apportion_parts(step, whole);
      const Apportioned result = apportion(total.number, whole, parts);
      if (result.problem == ApportionProblem::none) {
        std::string quotas;
        std::string results;
        for (std::size_t i = 0; i < parts.size(); ++i) {
          const std::string sep = i == 0 ? "" : ", ";
          const char* how = parts[i].kind == ShareKind::remainder ? "the rest "
                            : parts[i].kind == ShareKind::exact   ? ""
                                                                  : "at least ";
          quotas += sep + how + display_magnitude(result.quotas[i], Unit::none());
          results += sep + display_magnitude(result.results[i], Unit::none());
        }
        d.note =
            fmt::format("{} by {}, {}: {} → {}", shown(a.total), group.name,
                        group.bounded() ? "least shares rounded up, the rest by largest remainder"
                                        : "largest remainder",
                        quotas, results);
      }
    }
    collect(a.total, d.uses, 1);
    for (const auto& part : group.parts) {
      for (const auto q : {part.value, part.least, part.most}) {
        if (q < 0 ||
            !seen_.insert({static_cast<int>(SymbolKind::parameter), static_cast<std::uint32_t>(q)})
                 .second)
          continue;
        const auto& param = c_.parameters[static_cast<std::size_t>(q)];
        Derivation use;
        use.kind = "parameter";
        use.label =
            fmt::format("{} = {}", param.name,
                        shown_slot(p_.parameter_slots[static_cast<std::size_t>(q)], param.type));
        use.citation = param.citation ? param.citation->text : "";
        d.uses.push_back(std::move(use));
      }
    }
  }

  // The working of an expression as it was evaluated: only the branches taken, each operation
  // with its operands' values and its result.
  void work(ast::ExprId id, std::vector<std::string>& out, int depth) {
    if (id == ast::no_expr || depth > 12) return;
    const ast::Expr& e = ast_[id];
    switch (e.kind) {
      case ast::ExprKind::paren:
        return work(e.a, out, depth);
      case ast::ExprKind::conditional: {
        const Value& cond = value(e.a);
        if (!cond.known()) return;
        const ast::ExprId taken = cond.aux ? e.b : e.c;
        out.push_back(
            fmt::format("{} is {}, so: {}", prose(e.a), cond.aux ? "yes" : "no", prose(taken)));
        return work(taken, out, depth + 1);
      }
      case ast::ExprKind::binary: {
        const char* op = e.op == ast::Op::add   ? "+"
                         : e.op == ast::Op::sub ? "−"
                         : e.op == ast::Op::mul ? "×"
                         : e.op == ast::Op::div ? "÷"
                                                : nullptr;
        if (!op) return;
        work(e.a, out, depth + 1);
        work(e.b, out, depth + 1);
        if (!known_here(e.a) || !known_here(e.b) || !known_here(id)) return;
        out.push_back(fmt::format("{} {} {}{}", figure(e.a), op, figure(e.b), result(id)));
        return;
      }
      case ast::ExprKind::call: {
        std::vector<std::string> args;
        for (std::uint32_t i = 0; i < ast_.arg_count(e); ++i) {
          const ast::ExprId arg = ast_.arg(e, i);
          work(arg, out, depth + 1);
          if (!known_here(arg)) return;
          args.push_back(figure(arg));
        }
        if (!known_here(id) || args.empty()) return;
        const std::string& name = ast_.names[e.a];
        std::string rounding;
        if (name == "round_half_up") rounding = "rounded half up";
        if (name == "round_up") rounding = "rounded up";
        if (name == "round_down") rounding = "rounded down";
        if (name == "round") rounding = "rounded";
        if (!rounding.empty()) {
          const std::string places = args.size() > 1 ? " to " + args[1] + " places" : std::string();
          out.push_back(fmt::format("{}, {}{}: {}", args[0], rounding, places, figure(id)));
          return;
        }
        std::string joined;
        for (const auto& a : args) joined += (joined.empty() ? "" : ", ") + a;
        out.push_back(fmt::format("{}({}){}", name, joined, result(id)));
        return;
      }
      default:
        return;
    }
  }

  bool known_here(ast::ExprId id) const {
    return is_literal(id) || (p_.slot_of(id) != no_slot && value(id).known());
  }
  std::string figure(ast::ExprId id) const { return is_literal(id) ? text(id) : shown(id); }
  // " = 24 dwellings"; " ≈ 0.3614" for a value whose decimals do not end.
  std::string result(ast::ExprId id) const {
    const std::string f = figure(id);
    return f.starts_with("≈") ? " " + f : " = " + f;
  }

  const Value& value(ast::ExprId id) const {
    static const Value none;
    const SlotId s = p_.slot_of(id);
    return s == no_slot ? none : ev_.slot(s);
  }
  static bool truthy(const Value& v) { return v.known() && v.aux != 0; }

  const std::string& text(ast::ExprId id) const { return words_.text(c_, id); }
  // The expression as a sentence reads it: names in words ("site area", not "site_area").
  const std::string& prose(ast::ExprId id) const { return words_.prose(c_, id); }

  // `named`: the expression the value is of, when an input's name is enough to say it is missing.
  std::string shown(const Value& v, const Type& t, ast::ExprId named = ast::no_expr) const {
    if (v.state == ValueState::unknown) {
      const auto refs = ev_.needs(v);
      if (refs.size() == 1 && named != ast::no_expr && need_name(refs[0]) == text(named))
        return "not given";
      std::string needs;
      for (const auto& n : refs) needs += (needs.empty() ? "" : ", ") + need_name(n);
      return needs.empty() ? "unknown" : "unknown: needs " + needs;
    }
    if (v.state == ValueState::error) return "error: " + ev_.error(v).message;
    return display_known(v, t, c_, v.kind == ValueKind::text ? &ev_.text(v) : nullptr);
  }
  std::string shown(ast::ExprId id) const { return shown(value(id), c_.expr_type[id], id); }
  std::string shown_slot(SlotId s, const Type& t) const {
    return s == no_slot ? "unknown" : shown(ev_.slot(s), t);
  }

  std::string need_name(const NeedRef& n) const {
    const auto& input = c_.inputs[n.input];
    if (n.field < 0) return input.name;
    return input.name + "." +
           c_.records[input.type.ref].fields[static_cast<std::size_t>(n.field)].name;
  }

  bool is_literal(ast::ExprId id) const {
    const ast::Expr& e = ast_[id];
    if (e.kind == ast::ExprKind::paren || (e.kind == ast::ExprKind::unary && e.op == ast::Op::neg))
      return is_literal(e.a);
    return e.kind == ast::ExprKind::number || e.kind == ast::ExprKind::boolean ||
           e.kind == ast::ExprKind::date || e.kind == ast::ExprKind::text;
  }

  // "dwellings (60 dwellings)", or a literal as written.
  std::string operand(ast::ExprId id) const {
    if (is_literal(id)) return text(id);
    const Symbol& s = c_.expr_symbol[id];
    if (s.kind == SymbolKind::enum_member) return prose(id);
    return spliced({prose(id), " (", shown(id), ")"});
  }

  std::string describe(ast::ExprId id) const {
    const Value& v = value(id);
    if (v.kind == ValueKind::boolean && v.known())
      return spliced({prose(id), " is ", v.aux ? "yes" : "no"});
    return spliced({prose(id), " is ", shown(id)});
  }

  std::string comparison(ast::ExprId id) const {
    const ast::Expr& e = ast_[id];
    const Value& v = value(id);
    const bool held = truthy(v);
    const char* words = "";
    switch (e.op) {
      case ast::Op::ge:
        words = held ? "is at least" : "is less than";
        break;
      case ast::Op::gt:
        words = held ? "is more than" : "is not more than";
        break;
      case ast::Op::le:
        words = held ? "is at most" : "is more than";
        break;
      case ast::Op::lt:
        words = held ? "is less than" : "is not less than";
        break;
      case ast::Op::eq:
        words = held ? "is" : "is not";
        break;
      default:
        words = held ? "is not" : "is";
        break;
    }
    if (!v.known())
      words = e.op == ast::Op::eq ? "may or may not be" : "cannot yet be compared with";
    const std::string left = operand(e.a);  // the left first, as it reads
    return spliced({left, " ", words, " ", operand(e.b)});
  }

  // `or`: the part that held (or all parts, if none did); `and`: the part that failed (or all).
  std::string junction(ast::ExprId id, int depth) {
    const ast::Expr& e = ast_[id];
    const bool is_or = e.op == ast::Op::or_;
    std::vector<ast::ExprId> parts;
    flatten(id, e.op, parts);
    const Value& v = value(id);
    std::vector<std::string> shown_parts;
    const bool deciding = v.known() && (v.aux != 0) == is_or;  // a true `or` or a false `and`
    for (const auto part : parts) {
      const Value& pv = value(part);
      if (deciding) {
        if (pv.known() && (pv.aux != 0) == is_or) {
          shown_parts.push_back(why(part, depth + 1));
          break;
        }
      } else if (!v.known()) {
        // Undecided: for `or`, what failed and what is missing; for `and`, only what is missing.
        if (!pv.known() || is_or) shown_parts.push_back(why(part, depth + 1));
      } else {
        shown_parts.push_back(why(part, depth + 1));
      }
    }
    std::string out;
    for (std::size_t i = 0; i < shown_parts.size(); ++i) {
      if (i > 0) out += i + 1 == shown_parts.size() ? ", and " : ", ";
      out += shown_parts[i];
    }
    return out;
  }

  void flatten(ast::ExprId id, ast::Op op, std::vector<ast::ExprId>& out) const {
    const ast::Expr& e = ast_[id];
    if (e.kind == ast::ExprKind::paren) return flatten(e.a, op, out);
    if (e.kind == ast::ExprKind::binary && e.op == op) {
      flatten(e.a, op, out);
      flatten(e.b, op, out);
      return;
    }
    out.push_back(id);
  }

  // The parameters, inputs, tables and rules an expression uses, each once, in order.
  void collect(ast::ExprId root, std::vector<Derivation>& uses, int depth) {
    for_each_reference(c_, root, [&](ast::ExprId id, const Symbol& s) {
      if (!seen_.insert({static_cast<int>(s.kind), s.index}).second) return;
      switch (s.kind) {
        case SymbolKind::input:
          uses.push_back(input(id, s.index));
          return;
        case SymbolKind::parameter: {
          const auto& param = c_.parameters[s.index];
          Derivation d;
          d.kind = "parameter";
          d.label = param.type.kind == TypeKind::list
                        ? fmt::format("{} = {}", param.name, text(param.value))
                        : fmt::format("{} = {}", param.name, shown(id));
          d.citation = param.citation ? param.citation->text : "";
          uses.push_back(std::move(d));
          return;
        }
        case SymbolKind::rule: {
          if (!expanded_.count(s.index)) {
            uses.push_back(derive(s.index, depth));
            return;
          }
          Derivation d;
          d.kind = "rule";
          d.label = fmt::format("{} = {}", c_.rules[s.index].name, shown(id));
          d.note = "derived above";
          uses.push_back(std::move(d));
          return;
        }
        case SymbolKind::table: {
          Derivation d;
          d.kind = "table";
          d.label = "table " + c_.tables[s.index].name;
          d.citation =
              c_.tables[s.index].decl->citation ? c_.tables[s.index].decl->citation->text : "";
          uses.push_back(std::move(d));
          return;
        }
        default:
          return;  // members and a row's fields are explained by the aggregation's list
      }
    });
  }

  Derivation input(ast::ExprId id, std::uint32_t index) const {
    const auto& in = c_.inputs[index];
    Derivation d;
    d.kind = "input";
    d.citation = in.decl->citation ? in.decl->citation->text : "";
    if (in.type.kind == TypeKind::list) {
      const std::size_t rows = ev_.rows(index);
      d.label = fmt::format("{} = {} row{}", in.name, rows, rows == 1 ? "" : "s");
    } else {
      d.label = fmt::format("{} = {}", in.name, shown(id));
    }
    const bool given = ev_.given(index);
    d.note = given                                    ? "given by the scheme"
             : in.decl->default_value != ast::no_expr ? "the ruleset's default"
                                                      : "not given";
    return d;
  }

  const Evaluation& ev_;
  const Program& p_;
  const CheckedRuleset& c_;
  const ast::Ast& ast_;
  ExpressionWords own_words_;  // when the caller keeps none
  ExpressionWords& words_;
  std::set<std::uint32_t> expanded_;
  std::set<std::pair<int, std::uint32_t>> seen_;
};

void render(const Derivation& d, const std::string& prefix, bool last, bool root,
            std::string& out) {
  const std::string branch = root ? "" : (last ? "└── " : "├── ");
  std::string line = prefix + branch + d.label;
  if (!d.citation.empty()) line += "  [" + d.citation + "]";
  if (!d.kind.empty() && d.kind != "rule" && d.kind != "exception")
    line += "  (" + d.kind + (d.note.empty() ? "" : ", " + d.note) + ")";
  out += line + "\n";
  const std::string inner = prefix + (root ? "" : (last ? "    " : "│   "));
  const std::string rail = d.uses.empty() ? "    " : "│   ";
  if (!d.formula.empty())
    out += inner + rail + (d.kind == "exception" ? "" : "= ") + d.formula + "\n";
  for (const auto& step : d.working) out += inner + rail + "  " + step + "\n";
  if ((d.kind == "rule" || d.kind == "exception") && !d.note.empty())
    out += inner + rail + d.note + "\n";
  for (std::size_t i = 0; i < d.uses.size(); ++i)
    render(d.uses[i], inner, i + 1 == d.uses.size(), false, out);
}

void render_markdown(const Derivation& d, std::size_t depth, std::string& out) {
  const std::string indent(depth * 2, ' ');
  std::string line = indent + "- " + d.label;
  if (!d.citation.empty()) line += " [" + d.citation + "]";
  if (!d.kind.empty() && d.kind != "rule" && d.kind != "exception")
    line += " (" + d.kind + (d.note.empty() ? "" : ", " + d.note) + ")";
  out += line + "\n";
  const std::string inner(depth * 2 + 2, ' ');
  if (!d.formula.empty())
    out += inner + "- " + (d.kind == "exception" ? "" : "= ") + "`" + d.formula + "`\n";
  if ((d.kind == "rule" || d.kind == "exception") && !d.note.empty())
    out += inner + "- " + d.note + "\n";
  for (const auto& step : d.working) out += inner + "- " + step + "\n";
  for (const auto& u : d.uses) render_markdown(u, depth + 1, out);
}

}  // namespace

std::string render_derivation_markdown(const Derivation& d) {
  std::string out;
  render_markdown(d, 0, out);
  return out;
}

std::string why(const Evaluation& evaluation, ast::ExprId condition, ExpressionWords* words) {
  return Explainer(evaluation, words).why(condition, 0);
}

Derivation derive_rule(const Evaluation& evaluation, std::uint32_t rule, ExpressionWords* words) {
  return Explainer(evaluation, words).derive(rule, 0);
}

std::string render_derivation(const Derivation& d) {
  std::string out;
  render(d, "", true, true, out);
  return out;
}

}  // namespace spdl
