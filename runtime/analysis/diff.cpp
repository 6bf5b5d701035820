#include "spdl/runtime/analysis/diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "spdl/lang/syntax/printer.hpp"
#include "spdl/runtime/ir/value_display.hpp"
#include "spdl/runtime/report/formula_words.hpp"
#include "spdl/runtime/report/wording.hpp"

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

// The names an expression refers to, each given to `see` as its symbol.
template <typename See>
void each_name(const CheckedRuleset& c, ast::ExprId e, See&& see) {
  if (e == ast::no_expr) return;
  const ast::Expr& x = c.ast()[e];
  switch (x.kind) {
    case ast::ExprKind::number:
    case ast::ExprKind::boolean:
    case ast::ExprKind::text:
    case ast::ExprKind::date:
      return;
    case ast::ExprKind::name:
      if (e < c.expr_symbol.size()) see(c.expr_symbol[e]);
      return;
    case ast::ExprKind::field:
      if (e < c.expr_symbol.size()) see(c.expr_symbol[e]);
      each_name(c, x.a, see);
      return;
    case ast::ExprKind::call:
      for (std::uint32_t i = 0; i < c.ast().arg_count(x); ++i) each_name(c, c.ast().arg(x, i), see);
      each_name(c, x.b, see);
      return;
    case ast::ExprKind::list:
      for (std::uint32_t i = 0; i < c.ast().arg_count(x); ++i) each_name(c, c.ast().arg(x, i), see);
      return;
    default:
      each_name(c, x.a, see);
      each_name(c, x.b, see);
      each_name(c, x.c, see);
  }
}

// Which policies each parameter, input and rule bears on: those of the rules, checks and
// conditions that use it, directly or through other rules, and of the policies' own conditions.
struct PolicyReach {
  std::vector<std::set<std::int32_t>> parameters, inputs, rules;

  explicit PolicyReach(const CheckedRuleset& c)
      : parameters(c.parameters.size()), inputs(c.inputs.size()), rules(c.rules.size()) {
    for (std::size_t i = 0; i < c.rules.size(); ++i) {
      if (c.rules[i].policy >= 0) reach(c, rule_exprs(c.rules[i]), c.rules[i].policy);
    }
    for (const auto& k : c.checks) {
      if (k.policy >= 0) reach(c, {k.decl->applies, k.decl->requirement}, k.policy);
    }
    for (const auto& k : c.conditions) {
      if (k.policy >= 0) reach(c, {k.decl->applies}, k.policy);
    }
    for (std::size_t i = 0; i < c.policies.size(); ++i)
      reach(c, {c.policies[i].decl->applies}, static_cast<std::int32_t>(i));
  }

 private:
  static std::vector<ast::ExprId> rule_exprs(const CheckedRule& r) {
    std::vector<ast::ExprId> out = {r.decl->value};
    for (const auto& e : r.exceptions) {
      out.push_back(e.clause->condition);
      out.push_back(e.clause->value);
    }
    return out;
  }

  void reach(const CheckedRuleset& c, std::vector<ast::ExprId> todo, std::int32_t policy) {
    std::set<std::uint32_t> seen_rules;
    while (!todo.empty()) {
      const ast::ExprId e = todo.back();
      todo.pop_back();
      each_name(c, e, [&](const Symbol& s) {
        if (s.kind == SymbolKind::parameter && s.index < parameters.size()) {
          parameters[s.index].insert(policy);
        } else if (s.kind == SymbolKind::input && s.index < inputs.size()) {
          inputs[s.index].insert(policy);
        } else if (s.kind == SymbolKind::rule && s.index < rules.size() &&
                   seen_rules.insert(s.index).second) {
          rules[s.index].insert(policy);
          for (const auto x : rule_exprs(c.rules[s.index])) todo.push_back(x);
        }
      });
    }
  }
};

// A list written as members (`[social_rent, shared_ownership]`): their names and labels.
std::optional<std::vector<std::pair<std::string, std::string>>> listed_members(
    const CheckedRuleset& c, ast::ExprId e) {
  e = unparen(c.ast(), e);
  if (e == ast::no_expr || c.ast()[e].kind != ast::ExprKind::list) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> out;
  const ast::Expr& x = c.ast()[e];
  for (std::uint32_t i = 0; i < c.ast().arg_count(x); ++i) {
    const ast::ExprId item = c.ast().arg(x, i);
    if (item >= c.expr_symbol.size() || c.expr_symbol[item].kind != SymbolKind::enum_member)
      return std::nullopt;
    const Symbol& s = c.expr_symbol[item];
    const auto* m = c.enums[s.index].members[s.sub];
    out.emplace_back(m->name, m->label.empty() ? human_name(m->name) : m->label);
  }
  return out;
}

// The members of two lists, by name: kept, removed and added, each as labels.
ListChange list_change(const std::vector<std::pair<std::string, std::string>>& before,
                       const std::vector<std::pair<std::string, std::string>>& after) {
  ListChange out;
  const auto has = [](const auto& list, const std::string& name) {
    return std::any_of(list.begin(), list.end(), [&](const auto& m) { return m.first == name; });
  };
  for (const auto& m : before) (has(after, m.first) ? out.kept : out.removed).push_back(m.second);
  for (const auto& m : after) {
    if (!has(before, m.first)) out.added.push_back(m.second);
  }
  return out;
}

std::string joined_labels(const std::vector<std::pair<std::string, std::string>>& members) {
  std::string out;
  for (std::size_t i = 0; i < members.size(); ++i) {
    out += i == 0 ? "" : i + 1 == members.size() ? " and " : ", ";
    out += members[i].second;
  }
  return out.empty() ? "none" : out;
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
    label_and_place();
    lists();
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
    if (const auto members = listed_members(c, x.value)) side.words = joined_labels(*members);
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
          ch.before = rule_side(x, a_, p_);
          ch.after = rule_side(y, b_, q_);
          ch.differences = expression_differences(a_, x.decl->value, b_, y.decl->value);
          if (!x.type.is_error() && !y.type.is_error() && !x.type.compatible(y.type))
            ch.notes.push_back({ChangeNoteKind::gives, a_.describe(x.type), b_.describe(y.type)});
          exceptions(x, y);
          return !ch.differences.empty() || ch.before.citation != ch.after.citation ||
                 !ch.notes.empty();
        },
        rule_side);
  }

  // A rule as written, and as a sentence; an apportioned part as the division it is.
  static DeclarationSide rule_side(const CheckedRule& x, const CheckedRuleset& c,
                                   const Program& p) {
    DeclarationSide side = written(text(c, x.decl->value), x.decl->citation);
    side.words = formula_words(p, x.decl->value);
    return side;
  }

  static DeclarationSide exception_side(const ast::ExceptionClause& e, const CheckedRuleset& c,
                                        const Program& p) {
    DeclarationSide side = written(exception_text(c, e), e.citation);
    side.words =
        fmt::format("where {}: {}", formula_words(p, e.condition), formula_words(p, e.value));
    return side;
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
      ch.after = exception_side(*clause, b_, q_);
      if (it == old_ex.end()) {
        pending_.push_back(std::move(ch));
        continue;
      }
      ch.before = exception_side(*it->second, a_, p_);
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
      ch.before = exception_side(*e.clause, a_, p_);
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
        ch.after = exception_side(*e.clause, b_, q_);
        pending_.push_back(std::move(ch));
      }
    }
    diff_.changes.insert(diff_.changes.end(), pending_.begin(), pending_.end());
    pending_.clear();
    auto check_side = [&](const CheckedRuleset& c, const CheckedCheck& k) {
      const Program& p = &c == &a_ ? p_ : q_;
      std::string t =
          k.decl->applies == ast::no_expr ? "" : "when " + text(c, k.decl->applies) + " ";
      DeclarationSide side =
          written(t + "require " + text(c, k.decl->requirement), k.decl->citation);
      side.words =
          (k.decl->applies == ast::no_expr ? std::string()
                                           : "where " + formula_words(p, k.decl->applies) + ", ") +
          formula_words(p, k.decl->requirement);
      return side;
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
          // A check need not have a message (`else "..."`): its span is then empty.
          const auto message = [](const CheckedRuleset& c, const CheckedCheck& k) {
            return k.decl->message_span.valid() ? std::string(c.text(k.decl->message_span))
                                                : std::string();
          };
          if (message(a_, x) != message(b_, y))
            ch.notes.push_back({ChangeNoteKind::reworded, message(a_, x), message(b_, y)});
          return !ch.differences.empty() || ch.before.citation != ch.after.citation ||
                 !ch.notes.empty();
        },
        [&](const CheckedCheck& x, const CheckedRuleset& c, const Program&) {
          return check_side(c, x);
        });
  }

  // A condition: its text as written, and when it is to be secured.
  void conditions() {
    auto side = [](const CheckedCondition& k, const CheckedRuleset& c, const Program& p) {
      std::string t(c.text(k.decl->text_span));
      std::string w = t;
      if (k.decl->applies != ast::no_expr) {
        t += " when " + text(c, k.decl->applies);
        w += ", where " + formula_words(p, k.decl->applies);
      }
      DeclarationSide out = written(std::move(t), k.decl->citation);
      out.words = std::move(w);
      return out;
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

  static std::vector<std::pair<std::string, std::string>> member_labels(const CheckedEnum& e) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto* m : e.members)
      out.emplace_back(m->name, m->label.empty() ? human_name(m->name) : m->label);
    return out;
  }

  void enums() {
    auto side = [](const CheckedEnum& x, const CheckedRuleset&, const Program&) {
      return DeclarationSide{members(x), std::nullopt, "", joined_labels(member_labels(x))};
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
    auto side = [](const CheckedPolicy& p, const CheckedRuleset& c, const Program& program) {
      DeclarationSide out = written(
          fmt::format(
              "\"{}\"{}", p.decl->title,
              p.decl->applies == ast::no_expr ? "" : " applies when " + text(c, p.decl->applies)),
          p.decl->citation);
      out.words = p.decl->applies == ast::no_expr
                      ? "applies to every scheme"
                      : "applies where " + formula_words(program, p.decl->applies);
      return out;
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

  // Each change's name in words and the policies it bears on, read in the ruleset that has it.
  void label_and_place() {
    const PolicyReach reach_a(a_), reach_b(b_);
    for (auto& ch : diff_.changes) {
      const bool in_new = ch.kind != ChangeKind::removed;
      const CheckedRuleset& c = in_new ? b_ : a_;
      const PolicyReach& reach = in_new ? reach_b : reach_a;
      std::set<std::int32_t> found;
      std::string name = ch.name;
      if (ch.declaration == DeclarationKind::exception) {
        const auto dot = ch.name.rfind('.');
        name = ch.name.substr(0, dot);
        ch.label = human_name(name) + ", exception " + human_name(ch.name.substr(dot + 1));
      } else if (ch.declaration == DeclarationKind::policy) {
        for (std::size_t i = 0; i < c.policies.size(); ++i) {
          if (c.policies[i].name == ch.name) {
            ch.label = policy_heading(ch.name, c.policies[i].decl->title);
            found.insert(static_cast<std::int32_t>(i));
          }
        }
      } else {
        ch.label = human_name(ch.name);
      }
      const auto symbol = c.find(name);
      switch (ch.declaration) {
        case DeclarationKind::parameter:
          for (std::size_t i = 0; i < c.parameters.size(); ++i) {
            if (c.parameters[i].name == name) found = reach.parameters[i];
          }
          break;
        case DeclarationKind::input:
          if (symbol && symbol->kind == SymbolKind::input) found = reach.inputs[symbol->index];
          break;
        case DeclarationKind::rule:
        case DeclarationKind::exception:
          for (std::size_t i = 0; i < c.rules.size(); ++i) {
            if (c.rules[i].name != name) continue;
            found = reach.rules[i];
            if (c.rules[i].policy >= 0) found.insert(c.rules[i].policy);
          }
          break;
        case DeclarationKind::check:
          for (const auto& k : c.checks) {
            if (k.name == name && k.policy >= 0) found.insert(k.policy);
          }
          break;
        case DeclarationKind::condition:
          for (const auto& k : c.conditions) {
            if (k.name == name && k.policy >= 0) found.insert(k.policy);
          }
          break;
        default:
          break;
      }
      for (const auto i : found) {
        const auto& policy = c.policies[static_cast<std::size_t>(i)];
        ch.policies.push_back(policy_heading(policy.name, policy.decl->title));
      }
    }
  }

  // Lists whose members changed, in both rulesets: enumerations, lists of members, shares.
  void lists() {
    for (const auto& y : b_.enums) {
      for (const auto& x : a_.enums) {
        if (x.name != y.name) continue;
        ListChange l = list_change(member_labels(x), member_labels(y));
        if (l.removed.empty() && l.added.empty()) continue;
        l.declaration = DeclarationKind::enumeration;
        l.name = y.name;
        l.label = human_name(y.name);
        diff_.lists.push_back(std::move(l));
      }
    }
    for (const auto& y : b_.parameters) {
      for (const auto& x : a_.parameters) {
        if (x.name != y.name) continue;
        const auto before = listed_members(a_, x.value);
        const auto after = listed_members(b_, y.value);
        if (!before || !after) continue;
        ListChange l = list_change(*before, *after);
        if (l.removed.empty() && l.added.empty()) continue;
        l.name = y.name;
        l.label = human_name(y.name);
        diff_.lists.push_back(std::move(l));
      }
    }
    for (const auto& y : b_.shares) {
      for (const auto& x : a_.shares) {
        if (x.name != y.name) continue;
        const auto parts = [](const CheckedShares& g) {
          std::vector<std::pair<std::string, std::string>> out;
          for (const auto& part : g.parts) out.emplace_back(part.name, human_name(part.name));
          return out;
        };
        ListChange l = list_change(parts(x), parts(y));
        if (l.removed.empty() && l.added.empty()) continue;
        l.name = y.name;
        l.label = human_name(y.name);
        l.shares = true;
        diff_.lists.push_back(std::move(l));
      }
    }
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
