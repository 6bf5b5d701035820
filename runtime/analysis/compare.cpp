#include "spdl/runtime/analysis/compare.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "spdl/runtime/eval/evaluator.hpp"
#include "spdl/runtime/ir/value_display.hpp"
#include "spdl/runtime/report/report.hpp"

namespace spdl {

namespace {

std::string change_line(const Change& c) {
  auto side = [](const std::string& v, const std::string& cite) {
    return cite.empty() ? v : v + " [" + cite + "]";
  };
  switch (c.kind) {
    case ChangeKind::added:
      return fmt::format("{} {} is new", c.what, c.name);
    case ChangeKind::removed:
      return fmt::format("{} {} is removed", c.what, c.name);
    case ChangeKind::changed:
      if (c.what == "parameter") {
        return fmt::format("{}: {} → {}", c.name, side(c.old_value, c.old_citation),
                           side(c.new_value, c.new_citation));
      }
      return fmt::format("{} {} changed", c.what, c.name);
  }
  return c.name;
}

// The changed declarations a rule, check or policy of the new ruleset depends on.
class Reasons {
 public:
  Reasons(const CheckedRuleset& b, const RulesetDiff& diff) : b_(b) {
    for (const auto& c : diff.changes) changed_[c.name] = {rank(c), change_line(c)};
    uses_.resize(b.rules.size());
    for (std::uint32_t r = 0; r < b.rules.size(); ++r) {
      references(b.rules[r].decl->value, uses_[r]);
      for (const auto& ex : b.rules[r].exceptions) {
        references(ex.clause->condition, uses_[r]);
        references(ex.clause->value, uses_[r]);
      }
    }
  }

  std::vector<std::string> of_expressions(const std::vector<ast::ExprId>& roots) const {
    std::set<std::pair<int, std::uint32_t>> direct;
    for (const auto e : roots) references(e, direct);
    return collect(direct);
  }
  std::vector<std::string> of_rule(std::uint32_t r) const {
    return collect({{static_cast<int>(SymbolKind::rule), r}});
  }

 private:
  void references(ast::ExprId e, std::set<std::pair<int, std::uint32_t>>& out) const {
    for_each_reference(b_, e, [&](ast::ExprId, const Symbol& s) {
      if (s.kind == SymbolKind::rule || s.kind == SymbolKind::parameter ||
          s.kind == SymbolKind::input) {
        out.insert({static_cast<int>(s.kind), s.index});
      }
    });
  }

  // What explains a difference best comes first: a parameter's new value, then a changed formula,
  // then what the revision added or took away, inputs last.
  static int rank(const Change& c) {
    if (c.kind == ChangeKind::changed) return c.what == "parameter" ? 0 : 1;
    return c.what == "input" ? 3 : 2;
  }

  std::vector<std::string> collect(std::set<std::pair<int, std::uint32_t>> start) const {
    std::vector<std::pair<int, std::string>> found;
    std::set<std::pair<int, std::uint32_t>> seen;
    std::vector<std::pair<int, std::uint32_t>> stack(start.begin(), start.end());
    auto note = [&](const std::string& name) {
      const auto it = changed_.find(name);
      if (it != changed_.end() && std::find(found.begin(), found.end(), it->second) == found.end())
        found.push_back(it->second);
    };
    while (!stack.empty()) {
      const auto item = stack.back();
      stack.pop_back();
      if (!seen.insert(item).second) continue;
      const auto kind = static_cast<SymbolKind>(item.first);
      if (kind == SymbolKind::parameter) note(b_.parameters[item.second].name);
      if (kind == SymbolKind::input) note(b_.inputs[item.second].name);
      if (kind != SymbolKind::rule) continue;
      const auto& rule = b_.rules[item.second];
      note(rule.name);
      for (const auto& ex : rule.exceptions) note(rule.name + "." + ex.clause->label);
      for (const auto& u : uses_[item.second]) stack.push_back(u);
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (auto& f : found) out.push_back(std::move(f.second));
    return out;
  }

  const CheckedRuleset& b_;
  std::map<std::string, std::pair<int, std::string>> changed_;  // name: rank, line
  std::vector<std::set<std::pair<int, std::uint32_t>>> uses_;
};

struct Sum {
  Rational total;
  Unit unit;
  std::size_t unknown = 0;
};

bool summable(const Type& t) {
  return t.is_number() && !t.unit.dimensionless();
}

}  // namespace

std::optional<Comparison> compare_rulesets(const Program& before, const Program& after,
                                           const std::vector<Scheme>& schemes_before,
                                           const std::vector<Scheme>& schemes_after,
                                           const CompareOptions& options,
                                           Diagnostics& diagnostics) {
  const auto& a = *before.checked;
  const auto& b = *after.checked;
  Comparison out;
  out.diff = diff_rulesets(before, after);
  out.group_by = options.group_by;
  out.schemes = std::min(schemes_before.size(), schemes_after.size());

  SlotId group_slot = no_slot;
  Type group_type;
  if (!options.group_by.empty()) {
    const auto s = b.find(options.group_by);
    if (s && s->kind == SymbolKind::rule) {
      group_slot = after.rule_slots[s->index];
      group_type = b.rules[s->index].type;
    } else if (s && s->kind == SymbolKind::input) {
      group_slot = after.input_slots[s->index];
      group_type = b.inputs[s->index].type;
    }
    if (group_slot == no_slot ||
        (!group_type.is_boolean() && group_type.kind != TypeKind::enumeration)) {
      diagnostics.error(
          "compare-group", Span{},
          fmt::format(
              "--group-by needs a yes/no or enumeration rule or input of {}; `{}` is not one",
              b.header().id, options.group_by));
      return std::nullopt;
    }
  }

  // The quantities both rulesets compute, in the new ruleset's order.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> figures;  // (rule in a, rule in b)
  for (std::uint32_t j = 0; j < b.rules.size(); ++j) {
    if (b.rules[j].origin.imported || !summable(b.rules[j].type)) continue;
    const auto s = a.find(b.rules[j].name);
    if (s && s->kind == SymbolKind::rule && summable(a.rules[s->index].type))
      figures.emplace_back(s->index, j);
  }
  const Reasons reasons(b, out.diff);

  // The dwellings on each scheme, to weigh the schemes a revision catches or releases.
  SlotId dwellings_slot = no_slot;
  Unit dwellings_unit;
  if (const auto d = b.find("dwellings");
      d && d->kind == SymbolKind::input && b.inputs[d->index].type.is_number()) {
    dwellings_slot = after.input_slots[d->index];
    dwellings_unit = b.inputs[d->index].type.unit;
  }
  struct Moved {
    Rational caught, released;
  };
  std::map<std::string, std::map<std::string, Moved>> moved;  // by group, by policy
  std::map<std::string, Rational> group_dwellings;

  Evaluator ea(before);
  Evaluator eb(after);
  std::map<std::string, std::pair<std::vector<Sum>, std::vector<Sum>>> sums;  // by group
  std::map<std::string, GroupTotals> groups;
  std::vector<std::string> group_order = {""};
  for (std::size_t i = 0; i < out.schemes; ++i) {
    const Evaluation& va_all = ea.evaluate(schemes_before[i]);
    const Evaluation& vb_all = eb.evaluate(schemes_after[i]);
    const Report ra = build_report(va_all);
    const Report rb = build_report(vb_all);

    std::string group;
    if (group_slot != no_slot) {
      const Value& g = vb_all.slot(group_slot);
      group = fmt::format("{} = {}", options.group_by,
                          g.known() ? display_known(g, group_type, b) : "unknown");
      if (!groups.count(group)) group_order.push_back(group);
    }

    SchemeComparison sc;
    sc.name = schemes_after[i].name;
    sc.group = group;
    // Policies, figures and checks the two share, by name.
    for (const auto& pb : rb.policies) {
      const PolicyReport* pa = nullptr;
      for (const auto& p : ra.policies) {
        if (p.name == pb.name) pa = &p;
      }
      if (pa && !pb.name.empty() && pa->applies != pb.applies) {
        std::vector<ast::ExprId> roots;
        for (const auto& pol : b.policies) {
          if (pol.name == pb.name && pol.decl->applies != ast::no_expr)
            roots.push_back(pol.decl->applies);
        }
        sc.changes.push_back({pb.name + " applies", applicability_name(pa->applies),
                              applicability_name(pb.applies), reasons.of_expressions(roots)});
      }
      for (const auto& fb : pb.figures) {
        for (const auto& p : ra.policies) {
          for (const auto& fa : p.figures) {
            if (fa.name == fb.name && fa.value.display != fb.value.display) {
              sc.changes.push_back({fb.name, fa.value.display, fb.value.display,
                                    reasons.of_rule(fb.rule), fa.value.exact, fb.value.exact});
            }
          }
        }
      }
      for (const auto& cb : pb.checks) {
        for (const auto& p : ra.policies) {
          for (const auto& ca : p.checks) {
            if (ca.name != cb.name || ca.finding == cb.finding) continue;
            std::vector<ast::ExprId> roots;
            for (const auto& k : b.checks) {
              if (k.name == cb.name) roots = {k.decl->applies, k.decl->requirement};
            }
            sc.changes.push_back({cb.name, finding_name(ca.finding), finding_name(cb.finding),
                                  reasons.of_expressions(roots)});
          }
        }
      }
    }

    // Every scheme counts towards the totals of all schemes, and of its group if there are groups.
    std::vector<std::string> keys = {""};
    if (!group.empty()) keys.push_back(group);
    const Value* scheme_dwellings = dwellings_slot != no_slot && vb_all.slot(dwellings_slot).known()
                                        ? &vb_all.slot(dwellings_slot)
                                        : nullptr;
    for (const auto& key : keys) {
      auto& g = groups[key];
      g.group = key;
      ++g.schemes;
      if (scheme_dwellings) group_dwellings[key] = group_dwellings[key] + scheme_dwellings->number;
      if (!sc.changes.empty()) ++g.differing;
      auto& [sa, sb] = sums[key];
      if (sa.empty()) {
        for (const auto& [ia, ib] : figures) {
          sa.push_back({Rational(), a.rules[ia].type.unit, 0});
          sb.push_back({Rational(), b.rules[ib].type.unit, 0});
        }
      }
      for (std::size_t f = 0; f < figures.size(); ++f) {
        const Value& va = va_all.slot(before.rule_slots[figures[f].first]);
        const Value& vb = vb_all.slot(after.rule_slots[figures[f].second]);
        if (va.known())
          sa[f].total = sa[f].total + va.number;
        else
          ++sa[f].unknown;
        if (vb.known())
          sb[f].total = sb[f].total + vb.number;
        else
          ++sb[f].unknown;
      }
      for (const auto& pb : rb.policies) {
        if (pb.name.empty() || pb.applies == Applicability::always) continue;
        const PolicyReport* pa = nullptr;
        for (const auto& p : ra.policies) {
          if (p.name == pb.name) pa = &p;
        }
        if (!pa) continue;
        auto it = std::find_if(g.policies.begin(), g.policies.end(),
                               [&](const PolicyCount& c) { return c.name == pb.name; });
        if (it == g.policies.end()) {
          g.policies.push_back({pb.name, 0, 0, 0, 0});
          it = std::prev(g.policies.end());
        }
        const bool was = pa->applies == Applicability::yes;
        const bool is = pb.applies == Applicability::yes;
        it->before += was;
        it->after += is;
        it->newly_caught += !was && is;
        it->released += was && !is;
        if (scheme_dwellings && was != is) {
          auto& m = moved[key][pb.name];
          (is ? m.caught : m.released) = (is ? m.caught : m.released) + scheme_dwellings->number;
        }
      }
    }
    if (!sc.changes.empty()) out.differing.push_back(std::move(sc));
  }

  for (const auto& key : group_order) {
    auto it = groups.find(key);
    if (it == groups.end()) continue;
    auto& g = it->second;
    const auto& [sa, sb] = sums[key];
    for (std::size_t f = 0; f < figures.size() && f < sa.size(); ++f) {
      const Rational change = sb[f].total - sa[f].total;
      const std::string shown = display_number(change, sb[f].unit);
      g.figures.push_back(
          {b.rules[figures[f].second].name, unit_name(sb[f].unit),
           display_number(sa[f].total, sa[f].unit), display_number(sb[f].total, sb[f].unit),
           change.sign() > 0 ? "+" + shown : shown, sa[f].unknown, sb[f].unknown,
           exact_number(sa[f].total, sa[f].unit), exact_number(sb[f].total, sb[f].unit),
           exact_number(change, sb[f].unit)});
    }
    if (dwellings_slot != no_slot) {
      for (auto& p : g.policies) {
        const Moved m = moved[key][p.name];
        p.dwellings_newly_caught = display_number(m.caught, dwellings_unit);
        p.dwellings_released = display_number(m.released, dwellings_unit);
        p.dwellings_in_group = display_number(group_dwellings[key], dwellings_unit);
        p.dwellings_newly_caught_value = exact_number(m.caught, dwellings_unit);
        p.dwellings_released_value = exact_number(m.released, dwellings_unit);
        p.dwellings_in_group_value = exact_number(group_dwellings[key], dwellings_unit);
        if (const auto caught = Rational::divide(m.caught, group_dwellings[key])) {
          p.share_newly_caught = display_number(*caught, Unit::percentage());
          p.share_released = display_number(*Rational::divide(m.released, group_dwellings[key]),
                                            Unit::percentage());
        }
      }
    }
    out.totals.push_back(std::move(g));
  }
  return out;
}

}  // namespace spdl
