#include "spdl/runtime/analysis/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "spdl/runtime/eval/evaluator.hpp"
#include "spdl/runtime/ir/value_display.hpp"
#include "spdl/runtime/lower/lower_from_checked.hpp"
#include "spdl/runtime/report/report.hpp"

namespace spdl {

namespace {

// The changed declarations a rule, check or policy of the new ruleset depends on.
class Reasons {
 public:
  Reasons(const CheckedRuleset& b, const RulesetDiff& diff) : b_(b) {
    for (std::size_t i = 0; i < diff.changes.size(); ++i) {
      if (!citation_only(diff.changes[i]))
        changed_[diff.changes[i].name] = {rank(diff.changes[i]), i};
    }
    uses_.resize(b.rules.size());
    for (std::uint32_t r = 0; r < b.rules.size(); ++r) {
      references(b.rules[r].decl->value, uses_[r]);
      for (const auto& ex : b.rules[r].exceptions) {
        references(ex.clause->condition, uses_[r]);
        references(ex.clause->value, uses_[r]);
      }
    }
  }

  std::vector<std::size_t> of_expressions(const std::vector<ast::ExprId>& roots) const {
    std::set<std::pair<int, std::uint32_t>> direct;
    for (const auto e : roots) references(e, direct);
    return collect(direct);
  }
  std::vector<std::size_t> of_rule(std::uint32_t r) const {
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
    if (c.kind == ChangeKind::changed) return c.declaration == DeclarationKind::parameter ? 0 : 1;
    return c.declaration == DeclarationKind::input ? 3 : 2;
  }

  std::vector<std::size_t> collect(std::set<std::pair<int, std::uint32_t>> start) const {
    std::vector<std::pair<int, std::size_t>> found;
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
    std::vector<std::size_t> out;
    for (const auto& f : found) out.push_back(f.second);
    return out;
  }

  const CheckedRuleset& b_;
  std::map<std::string, std::pair<int, std::size_t>> changed_;  // name: rank, change
  std::vector<std::set<std::pair<int, std::uint32_t>>> uses_;
};

// One outcome both rulesets give each scheme: a policy's applying, a figure or a check, by its
// index in the old ruleset and in the new, with the changes it depends on.
struct Shared {
  OutcomeKind kind;
  std::uint32_t before;
  std::uint32_t after;
  std::vector<std::size_t> reasons;
};

// What the two rulesets share, by name, in the order the new ruleset's report shows it: each
// policy's applying, then its figures and its checks; then what lies outside any policy.
std::vector<Shared> shared_outcomes(const CheckedRuleset& a, const CheckedRuleset& b,
                                    const Reasons& reasons) {
  std::vector<Shared> out;
  const auto section = [&](std::int32_t policy) {
    if (policy >= 0) {
      const auto& pb = b.policies[static_cast<std::size_t>(policy)];
      std::optional<std::uint32_t> pa;
      for (std::uint32_t i = 0; i < a.policies.size(); ++i) {
        if (a.policies[i].name == pb.name) pa = i;
      }
      if (pa && !pb.name.empty()) {
        std::vector<ast::ExprId> roots;
        for (const auto& pol : b.policies) {
          if (pol.name == pb.name && pol.decl->applies != ast::no_expr)
            roots.push_back(pol.decl->applies);
        }
        out.push_back({OutcomeKind::policy, *pa, static_cast<std::uint32_t>(policy),
                       reasons.of_expressions(roots)});
      }
    }
    for (std::uint32_t j = 0; j < b.rules.size(); ++j) {
      if (b.rules[j].origin.imported || b.rules[j].policy != policy) continue;
      for (std::uint32_t i = 0; i < a.rules.size(); ++i) {
        if (!a.rules[i].origin.imported && a.rules[i].name == b.rules[j].name)
          out.push_back({OutcomeKind::figure, i, j, reasons.of_rule(j)});
      }
    }
    for (std::uint32_t j = 0; j < b.checks.size(); ++j) {
      if (b.checks[j].origin.imported || b.checks[j].policy != policy) continue;
      std::vector<ast::ExprId> roots;
      for (const auto& k : b.checks) {
        if (k.name == b.checks[j].name) roots = {k.decl->applies, k.decl->requirement};
      }
      for (std::uint32_t i = 0; i < a.checks.size(); ++i) {
        if (!a.checks[i].origin.imported && a.checks[i].name == b.checks[j].name)
          out.push_back({OutcomeKind::check, i, j, reasons.of_expressions(roots)});
      }
    }
  };
  for (std::uint32_t p = 0; p < b.policies.size(); ++p) section(static_cast<std::int32_t>(p));
  section(-1);
  return out;
}

struct Sum {
  Rational total;
  Unit unit;
  std::size_t unknown = 0;
};

// A revision's new parameter value, applied alone to the old ruleset: the change it is, the
// parameter's index in the old ruleset and its new value.
struct Trial {
  std::size_t change;
  std::uint32_t parameter;
  Value value;
};

std::vector<Trial> trials_of(const Program& before, const Program& after, const RulesetDiff& diff) {
  const auto& a = *before.checked;
  const auto& b = *after.checked;
  std::vector<Trial> out;
  for (std::size_t i = 0; i < diff.changes.size(); ++i) {
    const Change& c = diff.changes[i];
    if (c.declaration != DeclarationKind::parameter || c.kind != ChangeKind::changed ||
        citation_only(c))
      continue;
    const auto sa = a.find(c.name);
    const auto sb = b.find(c.name);
    if (!sa || !sb || sa->kind != SymbolKind::parameter || sb->kind != SymbolKind::parameter)
      continue;
    const auto& pa = a.parameters[sa->index];
    const auto& pb = b.parameters[sb->index];
    if (pa.type.kind == TypeKind::list || !pa.type.compatible(pb.type)) continue;
    const SlotId slot = after.parameter_slots[sb->index];
    if (slot == no_slot || slot >= after.initial_slots.size()) continue;
    const Value& v = after.initial_slots[slot];
    if (!v.known() || v.kind == ValueKind::text) continue;
    out.push_back({i, sa->index, v});
  }
  return out;
}

// The old ruleset with some of the trials applied (a bit set over `trials`), built once each.
class TrialPrograms {
 public:
  TrialPrograms(const Program& before, const std::vector<Trial>& trials)
      : before_(before), trials_(trials) {}

  // Null when the program cannot be built with these values (a parameter computed from one
  // divides by zero, say).
  Evaluator* with(std::uint32_t set) {
    auto it = built_.find(set);
    if (it != built_.end()) return it->second.get();
    ParameterOverrides overrides;
    for (std::size_t t = 0; t < trials_.size(); ++t) {
      if (set & (1u << t)) overrides[trials_[t].parameter] = trials_[t].value;
    }
    Diagnostics ignored;
    auto program = lower_from_checked(before_.checked, ignored, overrides);
    auto& slot = built_[set];
    if (program) slot = std::make_unique<Evaluator>(std::move(program));
    ++programs_;
    return slot.get();
  }
  std::size_t programs() const { return programs_; }

 private:
  const Program& before_;
  const std::vector<Trial>& trials_;
  std::map<std::uint32_t, std::unique_ptr<Evaluator>> built_;
  std::size_t programs_ = 0;
};

// Whether evaluation `v` of the old ruleset (with some trials applied) gives outcome `o` the new
// ruleset gave.
bool gives(const Evaluation& v, const Program& before, const Shared& o, const OutcomeChange& c) {
  const auto& a = *before.checked;
  switch (o.kind) {
    case OutcomeKind::policy:
      return policy_applicability(v, o.before) == c.applies_after;
    case OutcomeKind::figure:
      return figure_of(v, v.slot(before.rule_slots[o.before]), a.rules[o.before].type) ==
             c.figure_after;
    case OutcomeKind::check:
      return check_finding(v, o.before) == c.finding_after;
  }
  return false;
}

// The changes that decided each changed outcome of one scheme: the trials among the changes it
// depends on, each alone; if none gives the new outcome alone, the smallest set that does. An
// outcome no set of trials reproduces (a formula changed too) keeps its dependencies.
void decide(SchemeComparison& sc, const std::vector<const Shared*>& outcomes, const Scheme& scheme,
            const Program& before, const std::vector<Trial>& trials, TrialPrograms& programs) {
  constexpr std::size_t most = 10;  // 2^10 programs at worst, for one outcome
  for (std::size_t k = 0; k < sc.changes.size(); ++k) {
    OutcomeChange& c = sc.changes[k];
    std::vector<std::size_t> relevant;  // indices into trials
    for (std::size_t t = 0; t < trials.size() && t < 32; ++t) {
      if (std::find(c.reasons.begin(), c.reasons.end(), trials[t].change) != c.reasons.end())
        relevant.push_back(t);
    }
    if (relevant.empty() || relevant.size() > most) continue;
    const auto try_set = [&](std::uint32_t set) {
      Evaluator* e = programs.with(set);
      return e && gives(e->evaluate(scheme), before, *outcomes[k], c);
    };
    std::vector<std::size_t> decided;
    for (const auto t : relevant) {
      if (try_set(1u << t)) decided.push_back(trials[t].change);
    }
    // The smallest set, by size, then in the order of the changes.
    for (std::size_t size = 2; decided.empty() && size <= relevant.size(); ++size) {
      for (std::uint32_t pick = 0; pick < (1u << relevant.size()) && decided.empty(); ++pick) {
        if (static_cast<std::size_t>(std::popcount(pick)) != size) continue;
        std::uint32_t set = 0;
        for (std::size_t r = 0; r < relevant.size(); ++r) {
          if (pick & (1u << r)) set |= 1u << relevant[r];
        }
        if (!try_set(set)) continue;
        for (std::size_t r = 0; r < relevant.size(); ++r) {
          if (pick & (1u << r)) decided.push_back(trials[relevant[r]].change);
        }
      }
    }
    if (decided.empty()) continue;
    c.together =
        decided.size() > 1 && std::none_of(relevant.begin(), relevant.end(),
                                           [&](std::size_t t) { return try_set(1u << t); });
    c.reasons = std::move(decided);
    c.tested = true;
  }
}

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
      out.group_by_kind = "rule";
    } else if (s && s->kind == SymbolKind::input) {
      group_slot = after.input_slots[s->index];
      group_type = b.inputs[s->index].type;
      out.group_by_kind = "input";
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
  const std::vector<Shared> shared = shared_outcomes(a, b, reasons);
  // The policies whose applying is counted: those of the new ruleset that apply only sometimes,
  // with their namesakes in the old.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> counted;  // (policy in a, policy in b)
  for (const auto& o : shared) {
    if (o.kind == OutcomeKind::policy && after.policy_applies[o.after] != no_slot)
      counted.emplace_back(o.before, o.after);
  }

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

  const std::vector<Trial> trials = trials_of(before, after, out.diff);
  TrialPrograms trial_programs(before, trials);
  // Outcomes that are not numbers, counted: yes/no and enumeration rules both rulesets compute,
  // but not a rule that is the whole of a policy's condition (its policy is counted already).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> kinds;  // (rule in a, rule in b)
  for (std::uint32_t j = 0; j < b.rules.size(); ++j) {
    const Type& t = b.rules[j].type;
    if (b.rules[j].origin.imported || (!t.is_boolean() && t.kind != TypeKind::enumeration))
      continue;
    const bool condition = std::any_of(b.policies.begin(), b.policies.end(), [&](const auto& p) {
      const auto e = p.decl->applies;
      return e != ast::no_expr && b.ast()[e].kind == ast::ExprKind::name &&
             b.expr_symbol[e].kind == SymbolKind::rule && b.expr_symbol[e].index == j;
    });
    const auto sa = a.find(b.rules[j].name);
    if (!condition && sa && sa->kind == SymbolKind::rule && a.rules[sa->index].type.kind == t.kind)
      kinds.emplace_back(sa->index, j);
  }
  // By group, by (rule, value label): counts before and after.
  std::map<std::string,
           std::map<std::pair<std::string, std::string>, std::pair<std::size_t, std::size_t>>>
      kind_counts;
  std::vector<std::pair<std::string, std::string>> kind_order;

  Evaluator ea(before);
  Evaluator eb(after);
  std::map<std::string, std::pair<std::vector<Sum>, std::vector<Sum>>> sums;  // by group
  std::map<std::string, GroupTotals> groups;
  std::vector<std::string> group_order = {""};
  for (std::size_t i = 0; i < out.schemes; ++i) {
    const Evaluation& va = ea.evaluate(schemes_before[i]);
    const Evaluation& vb = eb.evaluate(schemes_after[i]);

    std::string group;
    if (group_slot != no_slot) {
      const Value& g = vb.slot(group_slot);
      group = fmt::format("{} = {}", options.group_by,
                          g.known() ? display_known(g, group_type, b) : "unknown");
      if (!groups.count(group)) group_order.push_back(group);
    }

    SchemeComparison sc;
    sc.name = schemes_after[i].name;
    sc.group = group;
    std::vector<const Shared*> decided_by;  // each change's outcome, in step with sc.changes
    for (const auto& o : shared) {
      OutcomeChange change;
      change.kind = o.kind;
      switch (o.kind) {
        case OutcomeKind::policy:
          change.name = b.policies[o.after].name;
          change.applies_before = policy_applicability(va, o.before);
          change.applies_after = policy_applicability(vb, o.after);
          if (change.applies_before == change.applies_after) continue;
          break;
        case OutcomeKind::figure:
          change.name = b.rules[o.after].name;
          change.figure_before =
              figure_of(va, va.slot(before.rule_slots[o.before]), a.rules[o.before].type);
          change.figure_after =
              figure_of(vb, vb.slot(after.rule_slots[o.after]), b.rules[o.after].type);
          if (change.figure_before == change.figure_after) continue;
          break;
        case OutcomeKind::check:
          change.name = b.checks[o.after].name;
          change.finding_before = check_finding(va, o.before);
          change.finding_after = check_finding(vb, o.after);
          if (change.finding_before == change.finding_after) continue;
          break;
      }
      change.reasons = o.reasons;
      sc.changes.push_back(std::move(change));
      decided_by.push_back(&o);
    }
    if (options.test_reasons && !sc.changes.empty() && !trials.empty())
      decide(sc, decided_by, schemes_before[i], before, trials, trial_programs);

    // Every scheme counts towards the totals of all schemes, and of its group if there are groups.
    std::vector<std::string> keys = {""};
    if (!group.empty()) keys.push_back(group);
    const Value* scheme_dwellings = dwellings_slot != no_slot && vb.slot(dwellings_slot).known()
                                        ? &vb.slot(dwellings_slot)
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
        const Value& x = va.slot(before.rule_slots[figures[f].first]);
        const Value& y = vb.slot(after.rule_slots[figures[f].second]);
        if (x.known())
          sa[f].total = sa[f].total + x.number;
        else
          ++sa[f].unknown;
        if (y.known())
          sb[f].total = sb[f].total + y.number;
        else
          ++sb[f].unknown;
      }
      if (g.policies.empty()) {
        for (const auto& [pa, pb] : counted)
          g.policies.push_back({b.policies[pb].name, 0, 0, 0, 0, 0, 0, std::nullopt});
      }
      for (const auto& [ka, kb] : kinds) {
        const auto label = [&](const Evaluation& v, const Program& prog, const CheckedRuleset& cr,
                               std::uint32_t r) -> std::string {
          const Value& x = v.slot(prog.rule_slots[r]);
          if (!x.known()) return "not known";
          if (cr.rules[r].type.is_boolean()) return x.aux ? "yes" : "no";
          return display_known(x, cr.rules[r].type, cr);
        };
        const std::string was = label(va, before, a, ka);
        const std::string is = label(vb, after, b, kb);
        auto& counts = kind_counts[key];
        for (const auto& [value, after_side] : {std::pair{was, false}, std::pair{is, true}}) {
          const std::pair<std::string, std::string> id{b.rules[kb].name, value};
          if (b.rules[kb].type.is_boolean() && value == "no") continue;  // yes is counted
          if (std::find(kind_order.begin(), kind_order.end(), id) == kind_order.end())
            kind_order.push_back(id);
          auto& n = counts[id];
          (after_side ? n.second : n.first) += 1;
        }
      }
      for (std::size_t c = 0; c < counted.size(); ++c) {
        auto& count = g.policies[c];
        const Applicability before_applies = policy_applicability(va, counted[c].first);
        const Applicability after_applies = policy_applicability(vb, counted[c].second);
        const bool was = before_applies == Applicability::yes;
        const bool is = after_applies == Applicability::yes;
        const bool settled_before = was || before_applies == Applicability::no;
        const bool settled_after = is || after_applies == Applicability::no;
        count.before += was;
        count.after += is;
        count.unknown_before += !settled_before;
        count.unknown_after += !settled_after;
        count.newly_caught += settled_before && settled_after && !was && is;
        count.released += settled_before && settled_after && was && !is;
        if (scheme_dwellings && settled_before && settled_after && was != is) {
          auto& m = moved[key][count.name];
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
      g.figures.push_back({b.rules[figures[f].second].name, sa[f].total, sb[f].total, sa[f].unit,
                           sb[f].unit, sa[f].unknown, sb[f].unknown});
    }
    const auto& everyone = kind_counts[""];
    for (const auto& id : kind_order) {
      const auto all = everyone.find(id);
      if (all == everyone.end() || all->second.first == all->second.second) continue;
      const auto here = kind_counts[key].find(id);
      const auto n =
          here == kind_counts[key].end() ? std::pair<std::size_t, std::size_t>{0, 0} : here->second;
      g.outcomes.push_back({id.first, id.second, n.first, n.second});
    }
    if (dwellings_slot != no_slot) {
      for (auto& p : g.policies) {
        const Moved m = moved[key][p.name];
        p.dwellings = DwellingsMoved{m.caught, m.released, group_dwellings[key], dwellings_unit};
      }
    }
    out.totals.push_back(std::move(g));
  }
  return out;
}

}  // namespace spdl
