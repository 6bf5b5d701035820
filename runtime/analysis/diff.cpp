#include "spdl/runtime/analysis/diff.hpp"

#include <fmt/format.h>

#include <map>

#include "spdl/lang/syntax/printer.hpp"
#include "spdl/runtime/ir/value_display.hpp"

namespace spdl {

const char* declaration_kind_name(DeclarationKind k) {
  switch (k) {
    case DeclarationKind::parameter:
      return "parameter";
    case DeclarationKind::rule:
      return "rule";
    case DeclarationKind::exception:
      return "exception";
    case DeclarationKind::check:
      return "check";
    case DeclarationKind::condition:
      return "condition";
    case DeclarationKind::input:
      return "input";
    case DeclarationKind::table:
      return "table";
    case DeclarationKind::enumeration:
      return "enum";
    case DeclarationKind::policy:
      return "policy";
  }
  return "?";
}

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

std::string cite(const ast::Citation* c) {
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
  if (x.kind != y.kind || x.op != y.op || a.ast().arg_count(x) != b.ast().arg_count(y))
    return false;
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
    for (std::uint32_t i = 0; i < a.ast().arg_count(x); ++i)
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
    diff_.old_authority = ha.authority;
    diff_.new_authority = hb.authority;
    for (const auto& d : ha.dates) diff_.old_dates.push_back(ast::event_text(d));
    for (const auto& d : hb.dates) diff_.new_dates.push_back(ast::event_text(d));
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
  // Each item of NEW is paired with the item of OLD of its name; `describe` gives an item's side.
  template <typename Items, typename Compare, typename Describe>
  void pair_up(DeclarationKind what, const Items& old_items, const Items& new_items,
               Compare compare, Describe describe) {
    const auto by_name = index(old_items, [](const auto& x) { return x.name; });
    const auto in_new = index(new_items, [](const auto& x) { return x.name; });
    for (std::size_t j = 0; j < new_items.size(); ++j) {
      const auto it = by_name.find(new_items[j].name);
      Change c;
      c.declaration = what;
      c.name = new_items[j].name;
      if (it == by_name.end()) {
        c.kind = ChangeKind::added;
        c.after = describe(new_items[j], b_, q_);
        diff_.changes.push_back(std::move(c));
        continue;
      }
      if (compare(old_items[it->second], new_items[j], c)) diff_.changes.push_back(std::move(c));
    }
    for (const auto& old_item : old_items) {
      if (in_new.count(old_item.name)) continue;
      Change c;
      c.declaration = what;
      c.name = old_item.name;
      c.kind = ChangeKind::removed;
      c.before = describe(old_item, a_, p_);
      diff_.changes.push_back(std::move(c));
    }
  }

  // A parameter's side: its formula, and its value unless it is a list.
  static DeclarationSide parameter_side(const CheckedParameter& x, const CheckedRuleset& c,
                                        const Program& p) {
    const std::size_t i = static_cast<std::size_t>(&x - c.parameters.data());
    DeclarationSide side{text(c, x.value), std::nullopt, cite(x.citation)};
    if (const SlotId s = p.parameter_slots[i]; s != no_slot && p.initial_slots[s].known()) {
      const Value& v = p.initial_slots[s];
      side.value =
          known_figure(v, x.type, c, v.kind == ValueKind::text ? &p.texts[v.aux] : nullptr);
    }
    return side;
  }

  // The same value: by value where both have one, else as written.
  static bool same_value(const DeclarationSide& a, const DeclarationSide& b) {
    if (a.value && b.value) return *a.value == *b.value;
    return !a.value && !b.value && a.written == b.written;
  }

  void parameters() {
    pair_up(
        DeclarationKind::parameter, a_.parameters, b_.parameters,
        [&](const CheckedParameter& x, const CheckedParameter& y, Change& ch) {
          ch.before = parameter_side(x, a_, p_);
          ch.after = parameter_side(y, b_, q_);
          if (!x.type.is_error() && !y.type.is_error() && !x.type.compatible(y.type)) {
            ch.notes.push_back(
                {ChangeNoteKind::measures, a_.describe(x.type), b_.describe(y.type)});
          }
          const bool same = same_value(ch.before, ch.after);
          if (same && ch.before.written != ch.after.written)
            ch.notes.push_back({ChangeNoteKind::rewritten, ch.before.written, ch.after.written});
          return !same || ch.before.citation != ch.after.citation || !ch.notes.empty();
        },
        parameter_side);
  }

  static std::string exception_text(const CheckedRuleset& c, const ast::ExceptionClause& e) {
    return fmt::format("{}when {} then {}", e.over.empty() ? "" : "over " + e.over + " ",
                       text(c, e.condition), text(c, e.value));
  }

  // A declaration as written, with its citation; the rest of the diff works out what changed.
  static DeclarationSide written(std::string text, const std::optional<ast::Citation>& citation) {
    return {std::move(text), std::nullopt, cite(citation)};
  }

  void rules() {
    pair_up(
        DeclarationKind::rule, a_.rules, b_.rules,
        [&](const CheckedRule& x, const CheckedRule& y, Change& ch) {
          ch.before = written(text(a_, x.decl->value), x.decl->citation);
          ch.after = written(text(b_, y.decl->value), y.decl->citation);
          ch.differences = expression_differences(a_, x.decl->value, b_, y.decl->value);
          if (!x.type.is_error() && !y.type.is_error() && !x.type.compatible(y.type))
            ch.notes.push_back({ChangeNoteKind::gives, a_.describe(x.type), b_.describe(y.type)});
          exceptions(x, y);
          return !ch.differences.empty() || ch.before.citation != ch.after.citation ||
                 !ch.notes.empty();
        },
        [&](const CheckedRule& x, const CheckedRuleset& c, const Program&) {
          return written(text(c, x.decl->value), x.decl->citation);
        });
  }

  static Change exception_change(const std::string& rule, const ast::ExceptionClause& clause,
                                 ChangeKind kind) {
    Change ch;
    ch.declaration = DeclarationKind::exception;
    ch.name = rule + "." + clause.label;
    ch.kind = kind;
    return ch;
  }

  // A rule's exceptions, by label; recorded after the rule itself.
  void exceptions(const CheckedRule& x, const CheckedRule& y) {
    std::map<std::string, const ast::ExceptionClause*> old_ex, new_ex;
    for (const auto& e : x.exceptions) old_ex[e.clause->label] = e.clause;
    for (const auto& e : y.exceptions) new_ex[e.clause->label] = e.clause;
    for (const auto& e : y.exceptions) {
      const auto* clause = e.clause;
      const auto it = old_ex.find(clause->label);
      Change ch = exception_change(y.name, *clause,
                                   it == old_ex.end() ? ChangeKind::added : ChangeKind::changed);
      ch.after = written(exception_text(b_, *clause), clause->citation);
      if (it == old_ex.end()) {
        pending_.push_back(std::move(ch));
        continue;
      }
      ch.before = written(exception_text(a_, *it->second), it->second->citation);
      ch.differences = expression_differences(a_, it->second->condition, b_, clause->condition);
      const auto values = expression_differences(a_, it->second->value, b_, clause->value);
      ch.differences.insert(ch.differences.end(), values.begin(), values.end());
      if (it->second->over != clause->over)
        ch.notes.push_back({ChangeNoteKind::over, it->second->over, clause->over});
      if (!ch.differences.empty() || ch.before.citation != ch.after.citation || !ch.notes.empty())
        pending_.push_back(std::move(ch));
    }
    for (const auto& e : x.exceptions) {
      if (new_ex.count(e.clause->label)) continue;
      Change ch = exception_change(x.name, *e.clause, ChangeKind::removed);
      ch.before = written(exception_text(a_, *e.clause), e.clause->citation);
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
        Change ch = exception_change(r.name, *e.clause, ChangeKind::added);
        ch.after = written(exception_text(b_, *e.clause), e.clause->citation);
        pending_.push_back(std::move(ch));
      }
    }
    diff_.changes.insert(diff_.changes.end(), pending_.begin(), pending_.end());
    pending_.clear();
    auto check_side = [](const CheckedRuleset& c, const CheckedCheck& k) {
      std::string t =
          k.decl->applies == ast::no_expr ? "" : "when " + text(c, k.decl->applies) + " ";
      return written(t + "require " + text(c, k.decl->requirement), k.decl->citation);
    };
    pair_up(
        DeclarationKind::check, a_.checks, b_.checks,
        [&](const CheckedCheck& x, const CheckedCheck& y, Change& ch) {
          ch.before = check_side(a_, x);
          ch.after = check_side(b_, y);
          if (x.decl->applies != ast::no_expr || y.decl->applies != ast::no_expr) {
            ch.differences = expression_differences(a_, x.decl->applies, b_, y.decl->applies);
          }
          const auto req = expression_differences(a_, x.decl->requirement, b_, y.decl->requirement);
          ch.differences.insert(ch.differences.end(), req.begin(), req.end());
          if (a_.text(x.decl->message_span) != b_.text(y.decl->message_span)) {
            ch.notes.push_back({ChangeNoteKind::reworded,
                                std::string(a_.text(x.decl->message_span)),
                                std::string(b_.text(y.decl->message_span))});
          }
          return !ch.differences.empty() || ch.before.citation != ch.after.citation ||
                 !ch.notes.empty();
        },
        [&](const CheckedCheck& x, const CheckedRuleset& c, const Program&) {
          return check_side(c, x);
        });
  }

  // A condition: its text as written, and when it is to be secured.
  void conditions() {
    auto side = [](const CheckedCondition& k, const CheckedRuleset& c, const Program&) {
      std::string t(c.text(k.decl->text_span));
      if (k.decl->applies != ast::no_expr) t += " when " + text(c, k.decl->applies);
      return written(std::move(t), k.decl->citation);
    };
    pair_up(
        DeclarationKind::condition, a_.conditions, b_.conditions,
        [&](const CheckedCondition& x, const CheckedCondition& y, Change& ch) {
          ch.before = side(x, a_, p_);
          ch.after = side(y, b_, q_);
          if (x.decl->applies != ast::no_expr || y.decl->applies != ast::no_expr)
            ch.differences = expression_differences(a_, x.decl->applies, b_, y.decl->applies);
          if (a_.text(x.decl->text_span) != b_.text(y.decl->text_span)) {
            ch.notes.push_back({ChangeNoteKind::reworded, std::string(a_.text(x.decl->text_span)),
                                std::string(b_.text(y.decl->text_span))});
          }
          return !ch.differences.empty() || ch.before.citation != ch.after.citation ||
                 !ch.notes.empty();
        },
        side);
  }

  static std::string input_text(const CheckedRuleset& c, const CheckedInput& i) {
    std::string t = c.describe(i.type);
    if (i.decl->at_least != ast::no_expr) t += ", at least " + text(c, i.decl->at_least);
    if (i.decl->at_most != ast::no_expr) t += ", at most " + text(c, i.decl->at_most);
    if (i.decl->optional) t += ", optional";
    if (i.decl->default_value != ast::no_expr) t += ", default " + text(c, i.decl->default_value);
    return t;
  }

  // Declarations compared as written: changed when the text or the citation is.
  static bool rewritten(const Change& ch) {
    return ch.before.written != ch.after.written || ch.before.citation != ch.after.citation;
  }

  void inputs() {
    auto side = [](const CheckedInput& x, const CheckedRuleset& c, const Program&) {
      return written(input_text(c, x), x.decl->citation);
    };
    pair_up(
        DeclarationKind::input, a_.inputs, b_.inputs,
        [&](const CheckedInput& x, const CheckedInput& y, Change& ch) {
          ch.before = side(x, a_, p_);
          ch.after = side(y, b_, q_);
          return rewritten(ch);
        },
        side);
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
    auto side = [](const CheckedTable& x, const CheckedRuleset& c, const Program&) {
      return written(table_text(c, x), x.decl->citation);
    };
    pair_up(
        DeclarationKind::table, a_.tables, b_.tables,
        [&](const CheckedTable& x, const CheckedTable& y, Change& ch) {
          ch.before = side(x, a_, p_);
          ch.after = side(y, b_, q_);
          return rewritten(ch);
        },
        side);
  }

  static std::string members(const CheckedEnum& e) {
    std::string out;
    for (const auto* m : e.members) out += (out.empty() ? "" : ", ") + m->name;
    return out;
  }

  void enums() {
    auto side = [](const CheckedEnum& x, const CheckedRuleset&, const Program&) {
      return DeclarationSide{members(x), std::nullopt, ""};
    };
    pair_up(
        DeclarationKind::enumeration, a_.enums, b_.enums,
        [&](const CheckedEnum& x, const CheckedEnum& y, Change& ch) {
          ch.before = side(x, a_, p_);
          ch.after = side(y, b_, q_);
          return ch.before.written != ch.after.written;
        },
        side);
  }

  void policies() {
    auto side = [](const CheckedPolicy& p, const CheckedRuleset& c, const Program&) {
      return written(
          fmt::format(
              "\"{}\"{}", p.decl->title,
              p.decl->applies == ast::no_expr ? "" : " applies when " + text(c, p.decl->applies)),
          p.decl->citation);
    };
    pair_up(
        DeclarationKind::policy, a_.policies, b_.policies,
        [&](const CheckedPolicy& x, const CheckedPolicy& y, Change& ch) {
          ch.before = side(x, a_, p_);
          ch.after = side(y, b_, q_);
          return rewritten(ch);
        },
        side);
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

bool citation_only(const Change& c) {
  if (c.kind != ChangeKind::changed || c.before.citation == c.after.citation) return false;
  if (!c.differences.empty()) return false;
  for (const auto& n : c.notes) {
    if (n.kind != ChangeNoteKind::rewritten) return false;
  }
  if (c.before.value && c.after.value) return *c.before.value == *c.after.value;
  return c.before.written == c.after.written;
}

RulesetDiff diff_rulesets(const Program& before, const Program& after) {
  return Differ(before, after).run();
}

}  // namespace spdl
