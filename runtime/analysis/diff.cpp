#include "spdl/runtime/analysis/diff.hpp"

#include <fmt/format.h>

#include <map>

#include "spdl/lang/syntax/printer.hpp"
#include "spdl/runtime/ir/value_display.hpp"

namespace spdl {

const char* change_kind_name(ChangeKind k) {
  switch (k) {
    case ChangeKind::added:
      return "added";
    case ChangeKind::removed:
      return "removed";
    case ChangeKind::changed:
      return "changed";
  }
  return "?";
}

namespace {

std::string cite(const std::optional<ast::Citation>& c) {
  return c ? c->text : "";
}

std::string text(const CheckedRuleset& c, ast::ExprId e) {
  return e == ast::no_expr ? "" : print_expression(c.ast(), c.sources(), e);
}

ast::ExprId unparen(const ast::Ast& ast, ast::ExprId e) {
  while (e != ast::no_expr && ast[e].kind == ast::ExprKind::paren) e = ast[e].a;
  return e;
}

// Two nodes say the same thing, apart from their children.
bool alike_node(const CheckedRuleset& a, const ast::Expr& x, const CheckedRuleset& b,
                const ast::Expr& y) {
  if (x.kind != y.kind || x.op != y.op || x.args_count != y.args_count) return false;
  const auto& aa = a.ast();
  const auto& bb = b.ast();
  switch (x.kind) {
    case ast::ExprKind::number: {
      const auto& p = aa.numbers[x.a];
      const auto& q = bb.numbers[y.a];
      return p.value == q.value && p.unit == q.unit && p.money == q.money;
    }
    case ast::ExprKind::boolean:
    case ast::ExprKind::date:
      return x.a == y.a;
    case ast::ExprKind::text:
      return aa.strings[x.a] == bb.strings[y.a];
    case ast::ExprKind::name:
    case ast::ExprKind::call:
      return aa.names[x.a] == bb.names[y.a];
    case ast::ExprKind::field:
      return aa.names[x.b] == bb.names[y.b];
    default:
      return true;
  }
}

void collect_differences(const CheckedRuleset& a, ast::ExprId ea, const CheckedRuleset& b,
                         ast::ExprId eb, std::vector<ExpressionChange>& out) {
  ea = unparen(a.ast(), ea);
  eb = unparen(b.ast(), eb);
  if (ea == ast::no_expr || eb == ast::no_expr) {
    if (ea != eb) out.push_back({text(a, ea), text(b, eb)});
    return;
  }
  const ast::Expr& x = a.ast()[ea];
  const ast::Expr& y = b.ast()[eb];
  if (!alike_node(a, x, b, y)) {
    out.push_back({text(a, ea), text(b, eb)});
    return;
  }
  if (x.kind == ast::ExprKind::call || x.kind == ast::ExprKind::list) {
    for (std::uint32_t i = 0; i < x.args_count; ++i)
      collect_differences(a, a.ast().arg(x, i), b, b.ast().arg(y, i), out);
    if (x.kind == ast::ExprKind::call) collect_differences(a, x.b, b, y.b, out);
    return;
  }
  const bool leaf = x.kind == ast::ExprKind::number || x.kind == ast::ExprKind::boolean ||
                    x.kind == ast::ExprKind::date || x.kind == ast::ExprKind::text ||
                    x.kind == ast::ExprKind::name;
  if (leaf) return;
  collect_differences(a, x.a, b, y.a, out);
  if (x.kind != ast::ExprKind::field) collect_differences(a, x.b, b, y.b, out);
  collect_differences(a, x.c, b, y.c, out);
}

class Differ {
 public:
  Differ(const Program& before, const Program& after)
      : p_(before), q_(after), a_(*before.checked), b_(*after.checked) {}

  RulesetDiff run() {
    const auto& ha = a_.header();
    const auto& hb = b_.header();
    diff_.old_id = ha.id;
    diff_.old_title = ha.title;
    diff_.old_status = ha.status ? ast::status_name(*ha.status) : "";
    diff_.new_id = hb.id;
    diff_.new_title = hb.title;
    diff_.new_status = hb.status ? ast::status_name(*hb.status) : "";
    diff_.new_amends = hb.amends;
    parameters();
    rules();
    checks();
    conditions();
    inputs();
    tables();
    enums();
    policies();
    return std::move(diff_);
  }

 private:
  template <typename Items, typename Name>
  std::map<std::string, std::size_t> index(const Items& items, Name name) {
    std::map<std::string, std::size_t> m;
    for (std::size_t i = 0; i < items.size(); ++i) m[name(items[i])] = i;
    return m;
  }

  // Items of NEW in order (changed or added), then items of OLD that NEW lacks (removed).
  template <typename Items, typename Compare, typename Describe>
  void pair_up(const char* what, const Items& old_items, const Items& new_items, Compare compare,
               Describe describe) {
    const auto by_name = index(old_items, [](const auto& x) { return x.name; });
    const auto in_new = index(new_items, [](const auto& x) { return x.name; });
    for (std::size_t j = 0; j < new_items.size(); ++j) {
      const auto it = by_name.find(new_items[j].name);
      if (it == by_name.end()) {
        Change c = describe(new_items[j], b_, q_);
        c.what = what;
        c.kind = ChangeKind::added;
        c.new_value = std::move(c.old_value);
        c.new_citation = std::move(c.old_citation);
        c.old_value.clear();
        c.old_citation.clear();
        diff_.changes.push_back(std::move(c));
        continue;
      }
      Change c;
      c.what = what;
      c.name = new_items[j].name;
      if (compare(old_items[it->second], new_items[j], c)) diff_.changes.push_back(std::move(c));
    }
    for (const auto& old_item : old_items) {
      if (in_new.count(old_item.name)) continue;
      Change c = describe(old_item, a_, p_);
      c.what = what;
      c.kind = ChangeKind::removed;
      diff_.changes.push_back(std::move(c));
    }
  }

  std::string parameter_value(const CheckedRuleset& c, const Program& p, std::size_t i) const {
    const auto& param = c.parameters[i];
    const SlotId s = p.parameter_slots[i];
    if (s == no_slot) return text(c, param.value);  // a list
    const Value& v = p.initial_slots[s];
    return v.known() ? display_known(v, param.type, c) : text(c, param.value);
  }

  void parameters() {
    auto describe = [&](const CheckedParameter& x, const CheckedRuleset& c, const Program& p) {
      Change ch;
      ch.name = x.name;
      ch.old_value = parameter_value(c, p, static_cast<std::size_t>(&x - c.parameters.data()));
      ch.old_citation = cite(x.citation);
      return ch;
    };
    pair_up(
        "parameter", a_.parameters, b_.parameters,
        [&](const CheckedParameter& x, const CheckedParameter& y, Change& ch) {
          ch.old_value =
              parameter_value(a_, p_, static_cast<std::size_t>(&x - a_.parameters.data()));
          ch.new_value =
              parameter_value(b_, q_, static_cast<std::size_t>(&y - b_.parameters.data()));
          ch.old_citation = cite(x.citation);
          ch.new_citation = cite(y.citation);
          if (!x.type.is_error() && !y.type.is_error() && !x.type.compatible(y.type)) {
            ch.notes.push_back(
                fmt::format("measures {} instead of {}", b_.describe(y.type), a_.describe(x.type)));
          }
          if (ch.old_value == ch.new_value && text(a_, x.value) != text(b_, y.value)) {
            ch.notes.push_back(fmt::format("written {} instead of {}, with the same value",
                                           text(b_, y.value), text(a_, x.value)));
          }
          return ch.old_value != ch.new_value || ch.old_citation != ch.new_citation ||
                 !ch.notes.empty();
        },
        describe);
  }

  static std::string exception_text(const CheckedRuleset& c, const ast::ExceptionClause& e) {
    return fmt::format("{}when {} then {}", e.over.empty() ? "" : "over " + e.over + " ",
                       text(c, e.condition), text(c, e.value));
  }

  void rules() {
    pair_up(
        "rule", a_.rules, b_.rules,
        [&](const CheckedRule& x, const CheckedRule& y, Change& ch) {
          ch.old_value = text(a_, x.decl->value);
          ch.new_value = text(b_, y.decl->value);
          ch.old_citation = cite(x.decl->citation);
          ch.new_citation = cite(y.decl->citation);
          ch.differences = expression_differences(a_, x.decl->value, b_, y.decl->value);
          if (!x.type.is_error() && !y.type.is_error() && !x.type.compatible(y.type)) {
            ch.notes.push_back(
                fmt::format("gives {} instead of {}", b_.describe(y.type), a_.describe(x.type)));
          }
          exceptions(x, y);
          return !ch.differences.empty() || ch.old_citation != ch.new_citation || !ch.notes.empty();
        },
        [&](const CheckedRule& x, const CheckedRuleset& c, const Program&) {
          Change ch;
          ch.name = x.name;
          ch.old_value = text(c, x.decl->value);
          ch.old_citation = cite(x.decl->citation);
          return ch;
        });
  }

  // A rule's exceptions, by label; recorded after the rule itself.
  void exceptions(const CheckedRule& x, const CheckedRule& y) {
    std::map<std::string, const ast::ExceptionClause*> old_ex, new_ex;
    for (const auto& e : x.exceptions) old_ex[e.clause->label] = e.clause;
    for (const auto& e : y.exceptions) new_ex[e.clause->label] = e.clause;
    for (const auto& e : y.exceptions) {
      const auto* clause = e.clause;
      Change ch;
      ch.what = "exception";
      ch.name = y.name + "." + clause->label;
      ch.new_value = exception_text(b_, *clause);
      ch.new_citation = cite(clause->citation);
      const auto it = old_ex.find(clause->label);
      if (it == old_ex.end()) {
        ch.kind = ChangeKind::added;
        pending_.push_back(std::move(ch));
        continue;
      }
      ch.old_value = exception_text(a_, *it->second);
      ch.old_citation = cite(it->second->citation);
      ch.differences = expression_differences(a_, it->second->condition, b_, clause->condition);
      const auto values = expression_differences(a_, it->second->value, b_, clause->value);
      ch.differences.insert(ch.differences.end(), values.begin(), values.end());
      if (it->second->over != clause->over)
        ch.notes.push_back(fmt::format("now over `{}`", clause->over));
      if (!ch.differences.empty() || ch.old_citation != ch.new_citation || !ch.notes.empty())
        pending_.push_back(std::move(ch));
    }
    for (const auto& e : x.exceptions) {
      if (new_ex.count(e.clause->label)) continue;
      Change ch;
      ch.what = "exception";
      ch.name = x.name + "." + e.clause->label;
      ch.kind = ChangeKind::removed;
      ch.old_value = exception_text(a_, *e.clause);
      ch.old_citation = cite(e.clause->citation);
      pending_.push_back(std::move(ch));
    }
  }

  void checks() {
    // Exceptions of rules follow the rules; exceptions of rules that were added or removed too.
    for (const auto& r : b_.rules) {
      bool known = false;
      for (const auto& o : a_.rules) known |= o.name == r.name;
      if (known) continue;
      for (const auto& e : r.exceptions) {
        Change ch;
        ch.what = "exception";
        ch.name = r.name + "." + e.clause->label;
        ch.kind = ChangeKind::added;
        ch.new_value = exception_text(b_, *e.clause);
        ch.new_citation = cite(e.clause->citation);
        pending_.push_back(std::move(ch));
      }
    }
    diff_.changes.insert(diff_.changes.end(), pending_.begin(), pending_.end());
    pending_.clear();
    auto check_text = [](const CheckedRuleset& c, const CheckedCheck& k) {
      std::string t =
          k.decl->applies == ast::no_expr ? "" : "when " + text(c, k.decl->applies) + " ";
      return t + "require " + text(c, k.decl->requirement);
    };
    pair_up(
        "check", a_.checks, b_.checks,
        [&](const CheckedCheck& x, const CheckedCheck& y, Change& ch) {
          ch.old_value = check_text(a_, x);
          ch.new_value = check_text(b_, y);
          ch.old_citation = cite(x.decl->citation);
          ch.new_citation = cite(y.decl->citation);
          if (x.decl->applies != ast::no_expr || y.decl->applies != ast::no_expr) {
            ch.differences = expression_differences(a_, x.decl->applies, b_, y.decl->applies);
          }
          const auto req = expression_differences(a_, x.decl->requirement, b_, y.decl->requirement);
          ch.differences.insert(ch.differences.end(), req.begin(), req.end());
          if (a_.text(x.decl->message_span) != b_.text(y.decl->message_span)) {
            ch.notes.push_back("its message is reworded: " +
                               std::string(b_.text(y.decl->message_span)));
          }
          return !ch.differences.empty() || ch.old_citation != ch.new_citation || !ch.notes.empty();
        },
        [&](const CheckedCheck& x, const CheckedRuleset& c, const Program&) {
          Change ch;
          ch.name = x.name;
          ch.old_value = check_text(c, x);
          ch.old_citation = cite(x.decl->citation);
          return ch;
        });
  }

  // A condition: its text as written, and when it is to be secured.
  void conditions() {
    auto condition_text = [](const CheckedRuleset& c, const CheckedCondition& k) {
      std::string t(c.text(k.decl->text_span));
      if (k.decl->applies != ast::no_expr) t += " when " + text(c, k.decl->applies);
      return t;
    };
    pair_up(
        "condition", a_.conditions, b_.conditions,
        [&](const CheckedCondition& x, const CheckedCondition& y, Change& ch) {
          ch.old_value = condition_text(a_, x);
          ch.new_value = condition_text(b_, y);
          ch.old_citation = cite(x.decl->citation);
          ch.new_citation = cite(y.decl->citation);
          if (x.decl->applies != ast::no_expr || y.decl->applies != ast::no_expr)
            ch.differences = expression_differences(a_, x.decl->applies, b_, y.decl->applies);
          if (a_.text(x.decl->text_span) != b_.text(y.decl->text_span))
            ch.notes.push_back("its text is reworded");
          return !ch.differences.empty() || ch.old_citation != ch.new_citation || !ch.notes.empty();
        },
        [&](const CheckedCondition& x, const CheckedRuleset& c, const Program&) {
          Change ch;
          ch.name = x.name;
          ch.old_value = condition_text(c, x);
          ch.old_citation = cite(x.decl->citation);
          return ch;
        });
  }

  static std::string input_text(const CheckedRuleset& c, const CheckedInput& i) {
    std::string t = c.describe(i.type);
    if (i.decl->at_least != ast::no_expr) t += ", at least " + text(c, i.decl->at_least);
    if (i.decl->at_most != ast::no_expr) t += ", at most " + text(c, i.decl->at_most);
    if (i.decl->optional) t += ", optional";
    if (i.decl->default_value != ast::no_expr) t += ", default " + text(c, i.decl->default_value);
    return t;
  }

  void inputs() {
    pair_up(
        "input", a_.inputs, b_.inputs,
        [&](const CheckedInput& x, const CheckedInput& y, Change& ch) {
          ch.old_value = input_text(a_, x);
          ch.new_value = input_text(b_, y);
          ch.old_citation = cite(x.decl->citation);
          ch.new_citation = cite(y.decl->citation);
          return ch.old_value != ch.new_value || ch.old_citation != ch.new_citation;
        },
        [&](const CheckedInput& x, const CheckedRuleset& c, const Program&) {
          Change ch;
          ch.name = x.name;
          ch.old_value = input_text(c, x);
          ch.old_citation = cite(x.decl->citation);
          return ch;
        });
  }

  static std::string table_text(const CheckedRuleset& c, const CheckedTable& t) {
    std::string out;
    for (const auto& row : t.decl->rows) {
      out += "|";
      for (const auto cell : row.cells) out += " " + text(c, cell) + " |";
      out += "\n";
    }
    return out;
  }

  void tables() {
    pair_up(
        "table", a_.tables, b_.tables,
        [&](const CheckedTable& x, const CheckedTable& y, Change& ch) {
          ch.old_value = table_text(a_, x);
          ch.new_value = table_text(b_, y);
          ch.old_citation = cite(x.decl->citation);
          ch.new_citation = cite(y.decl->citation);
          return ch.old_value != ch.new_value || ch.old_citation != ch.new_citation;
        },
        [&](const CheckedTable& x, const CheckedRuleset& c, const Program&) {
          Change ch;
          ch.name = x.name;
          ch.old_value = table_text(c, x);
          ch.old_citation = cite(x.decl->citation);
          return ch;
        });
  }

  static std::string members(const CheckedEnum& e) {
    std::string out;
    for (const auto* m : e.members) out += (out.empty() ? "" : ", ") + m->name;
    return out;
  }

  void enums() {
    pair_up(
        "enum", a_.enums, b_.enums,
        [&](const CheckedEnum& x, const CheckedEnum& y, Change& ch) {
          ch.old_value = members(x);
          ch.new_value = members(y);
          return ch.old_value != ch.new_value;
        },
        [&](const CheckedEnum& x, const CheckedRuleset&, const Program&) {
          Change ch;
          ch.name = x.name;
          ch.old_value = members(x);
          return ch;
        });
  }

  void policies() {
    auto policy_text = [](const CheckedRuleset& c, const CheckedPolicy& p) {
      return fmt::format(
          "\"{}\"{}", p.decl->title,
          p.decl->applies == ast::no_expr ? "" : " applies when " + text(c, p.decl->applies));
    };
    pair_up(
        "policy", a_.policies, b_.policies,
        [&](const CheckedPolicy& x, const CheckedPolicy& y, Change& ch) {
          ch.old_value = policy_text(a_, x);
          ch.new_value = policy_text(b_, y);
          ch.old_citation = cite(x.decl->citation);
          ch.new_citation = cite(y.decl->citation);
          return ch.old_value != ch.new_value || ch.old_citation != ch.new_citation;
        },
        [&](const CheckedPolicy& x, const CheckedRuleset& c, const Program&) {
          Change ch;
          ch.name = x.name;
          ch.old_value = policy_text(c, x);
          ch.old_citation = cite(x.decl->citation);
          return ch;
        });
  }

  const Program& p_;
  const Program& q_;
  const CheckedRuleset& a_;
  const CheckedRuleset& b_;
  RulesetDiff diff_;
  std::vector<Change> pending_;
};

}  // namespace

std::vector<ExpressionChange> expression_differences(const CheckedRuleset& a, ast::ExprId ea,
                                                     const CheckedRuleset& b, ast::ExprId eb) {
  std::vector<ExpressionChange> out;
  collect_differences(a, ea, b, eb, out);
  return out;
}

RulesetDiff diff_rulesets(const Program& before, const Program& after) {
  return Differ(before, after).run();
}

}  // namespace spdl
