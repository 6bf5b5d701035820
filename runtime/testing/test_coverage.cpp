#include "spdl/runtime/testing/test_coverage.hpp"

namespace spdl {

std::size_t RevisionCoverage::counted() const {
  std::size_t n = 0;
  for (const auto& c : changes) n += c.counted ? 1 : 0;
  return n;
}

std::size_t RevisionCoverage::exercised() const {
  std::size_t n = 0;
  for (const auto& c : changes) n += c.counted && c.exercised ? 1 : 0;
  return n;
}

bool Coverage::complete() const {
  return rules_missed.empty() && exceptions_never.empty() && exceptions_always.empty() &&
         checks_missed.empty() && (!revision || revision->exercised() == revision->counted());
}

CoverageTracker::CoverageTracker(const CheckedRuleset& c) : c_(c) {
  uses_.resize(c.rules.size());
  parameters_of_.resize(c.rules.size());
  for (std::uint32_t r = 0; r < c.rules.size(); ++r) {
    collect(c.rules[r].decl->value, uses_[r], parameters_of_[r]);
    for (const auto& ex : c.rules[r].exceptions) {
      collect(ex.clause->condition, uses_[r], parameters_of_[r]);
      collect(ex.clause->value, uses_[r], parameters_of_[r]);
    }
  }
  parameter_reads_.resize(c.parameters.size());
  for (std::uint32_t p = 0; p < c.parameters.size(); ++p) {
    std::set<std::uint32_t> no_rules;
    if (c.parameters[p].value != ast::no_expr)
      collect(c.parameters[p].value, no_rules, parameter_reads_[p]);
  }
  for (const auto& check : c.checks) {
    auto& rules = uses_of_check_[check.name];
    auto& parameters = parameters_of_check_[check.name];
    collect(check.decl->applies, rules, parameters);
    collect(check.decl->requirement, rules, parameters);
  }
  for (const auto& policy : c.policies) {
    std::set<std::uint32_t> parameters;
    collect(policy.decl->applies, uses_of_policy_[policy.name], parameters);
  }
  exception_on_.assign(c.rules.size(), {});
  exception_off_.assign(c.rules.size(), {});
  for (std::uint32_t r = 0; r < c.rules.size(); ++r) {
    exception_on_[r].assign(c.rules[r].exceptions.size(), false);
    exception_off_[r].assign(c.rules[r].exceptions.size(), false);
  }
}

void CoverageTracker::collect(ast::ExprId id, std::set<std::uint32_t>& rules,
                              std::set<std::uint32_t>& parameters) const {
  if (id == ast::no_expr) return;
  for_each_reference(c_, id, [&](ast::ExprId, const Symbol& s) {
    if (s.kind == SymbolKind::rule) rules.insert(s.index);
    if (s.kind == SymbolKind::parameter) parameters.insert(s.index);
  });
}

const std::set<std::uint32_t>& CoverageTracker::rules_of_check(const std::string& check) {
  return uses_of_check_[check];
}

const std::set<std::uint32_t>& CoverageTracker::rules_of_policy(const std::string& policy) {
  return uses_of_policy_[policy];
}

// A rule counts as exercised when a case expects it or anything computed from it.
std::set<std::uint32_t> CoverageTracker::record(const std::set<std::uint32_t>& expected,
                                                const Evaluation& evaluation) {
  std::vector<std::uint32_t> stack(expected.begin(), expected.end());
  std::set<std::uint32_t> reached;
  while (!stack.empty()) {
    const auto r = stack.back();
    stack.pop_back();
    if (!reached.insert(r).second) continue;
    for (const auto u : uses_[r]) stack.push_back(u);
  }
  for (const auto r : reached) {
    covered_rules_.insert(r);
    const std::int32_t fired = evaluation.fired(r);
    for (std::size_t i = 0; i < exception_on_[r].size(); ++i) {
      (static_cast<std::int32_t>(i) == fired ? exception_on_[r] : exception_off_[r])[i] = true;
    }
  }
  return reached;
}

bool CoverageTracker::exception_exercised(std::uint32_t rule, std::size_t exception) const {
  return exception_on_[rule][exception] && exception_off_[rule][exception];
}

// A parameter is exercised when a case expects it, or a rule or check that reads it (or a
// parameter computed from it).
std::set<std::uint32_t> CoverageTracker::parameters_exercised() const {
  std::vector<std::uint32_t> stack(expected_parameters_.begin(), expected_parameters_.end());
  for (const auto r : covered_rules_)
    stack.insert(stack.end(), parameters_of_[r].begin(), parameters_of_[r].end());
  for (const auto& check : expected_checks_) {
    if (const auto it = parameters_of_check_.find(check); it != parameters_of_check_.end())
      stack.insert(stack.end(), it->second.begin(), it->second.end());
  }
  std::set<std::uint32_t> reached;
  while (!stack.empty()) {
    const auto p = stack.back();
    stack.pop_back();
    if (!reached.insert(p).second) continue;
    for (const auto q : parameter_reads_[p]) stack.push_back(q);
  }
  return reached;
}

// The parameters some formula reads: only those can be exercised.
std::set<std::uint32_t> CoverageTracker::parameters_read() const {
  std::set<std::uint32_t> read;
  for (const auto& p : parameters_of_) read.insert(p.begin(), p.end());
  for (const auto& p : parameter_reads_) read.insert(p.begin(), p.end());
  for (const auto& [check, p] : parameters_of_check_) read.insert(p.begin(), p.end());
  std::set<std::uint32_t> no_rules;
  for (const auto& policy : c_.policies) collect(policy.decl->applies, no_rules, read);
  for (const auto& input : c_.inputs) collect(input.decl->default_value, no_rules, read);
  for (const auto& table : c_.tables) {
    for (const auto& row : table.decl->rows) {
      for (const auto cell : row.cells) collect(cell, no_rules, read);
    }
  }
  return read;
}

Coverage CoverageTracker::finish(const RulesetDiff* revision) const {
  Coverage cov;
  // Coverage counts what the tested file declares itself: a ruleset it amends and the modules it
  // uses have tests of their own.
  for (std::uint32_t r = 0; r < c_.rules.size(); ++r) {
    const auto& rule = c_.rules[r];
    if (!owned(rule.origin)) continue;
    ++cov.rules;
    cov.exceptions += rule.exceptions.size();
    if (!covered_rules_.count(r)) cov.rules_missed.push_back(rule.name);
    for (std::size_t i = 0; i < rule.exceptions.size(); ++i) {
      const std::string label = rule.name + "." + rule.exceptions[i].clause->label;
      if (!exception_on_[r][i]) {
        cov.exceptions_never.push_back(label);
      } else if (!exception_off_[r][i]) {
        cov.exceptions_always.push_back(label);
      }
    }
  }
  for (const auto& check : c_.checks) {
    if (!owned(check.origin)) continue;
    ++cov.checks;
    if (!expected_checks_.count(check.name)) cov.checks_missed.push_back(check.name);
  }
  if (!revision) return cov;

  RevisionCoverage rev;
  rev.amends = revision->old_id;
  const auto parameters = parameters_exercised();
  const auto read = parameters_read();
  for (const auto& change : revision->changes) {
    using K = DeclarationKind;
    RevisionChange out{declaration_kind_name(change.declaration), change.name,
                       change_kind_name(change.kind)};
    out.counted = change.kind != ChangeKind::removed &&
                  (change.declaration == K::parameter || change.declaration == K::rule ||
                   change.declaration == K::exception || change.declaration == K::check);
    if (change.kind == ChangeKind::removed) {
      out.note = "removed";
    } else if (!out.counted) {
      out.note = "not counted";
    } else if (const auto s = c_.find(change.name); change.declaration == K::parameter && s &&
                                                    s->kind == SymbolKind::parameter &&
                                                    !read.count(s->index)) {
      out.counted = false;
      out.note = "read by no formula";
    }
    if (out.counted) {
      if (change.declaration == K::exception) {
        const auto dot = change.name.find('.');
        const auto rule = c_.find(change.name.substr(0, dot));
        if (rule && rule->kind == SymbolKind::rule && dot != std::string::npos) {
          const auto& exceptions = c_.rules[rule->index].exceptions;
          for (std::size_t i = 0; i < exceptions.size(); ++i) {
            if (exceptions[i].clause->label == change.name.substr(dot + 1))
              out.exercised = exception_exercised(rule->index, i);
          }
        }
      } else if (change.declaration == K::check) {
        out.exercised = expected_checks_.count(change.name) > 0;
      } else if (const auto symbol = c_.find(change.name)) {
        if (change.declaration == K::rule && symbol->kind == SymbolKind::rule)
          out.exercised = covered_rules_.count(symbol->index) > 0;
        if (change.declaration == K::parameter && symbol->kind == SymbolKind::parameter)
          out.exercised = parameters.count(symbol->index) > 0;
      }
    }
    rev.changes.push_back(std::move(out));
  }
  cov.revision = std::move(rev);
  return cov;
}

namespace {

struct CaseExercise {
  const Load& load;
  const CheckedRuleset& c;
  std::set<DeclarationPlace> out;

  DeclarationPlace place(const Origin& origin, const Span& span) const {
    return {load.modules[origin.module].path.string(), span.begin};
  }

  // The parameters (and their shares declarations), inputs and tables a formula reads.
  void reads(ast::ExprId id) {
    for_each_reference(c, id, [&](ast::ExprId, const Symbol& s) {
      if (s.kind == SymbolKind::parameter) {
        const auto& p = c.parameters[s.index];
        out.insert(place(p.origin, p.span));
        if (p.shares >= 0) {
          const auto& group = c.shares[static_cast<std::size_t>(p.shares)];
          out.insert(place(group.origin, group.decl->span));
        }
      } else if (s.kind == SymbolKind::input) {
        out.insert(place(c.inputs[s.index].origin, c.inputs[s.index].decl->span));
      } else if (s.kind == SymbolKind::table) {
        out.insert(place(c.tables[s.index].origin, c.tables[s.index].decl->span));
      }
    });
  }
};

}  // namespace

CaseCoverage case_exercised(const Load& load, const CheckedRuleset& c, const Evaluation& evaluation,
                            std::string name, std::uint32_t line,
                            const std::set<std::uint32_t>& reached,
                            const CaseExpectations& expected) {
  CaseExercise e{load, c, {}};
  std::set<std::int32_t> policies;
  for (const auto r : reached) {
    const auto& rule = c.rules[r];
    e.out.insert(e.place(rule.origin, rule.decl->span));
    e.reads(rule.decl->value);
    const std::int32_t fired = evaluation.fired(r);
    for (std::size_t i = 0; i < rule.exceptions.size(); ++i) {
      const auto& ex = rule.exceptions[i];
      e.reads(ex.clause->condition);
      if (static_cast<std::int32_t>(i) == fired) {
        e.out.insert(e.place(ex.origin, ex.clause->span));
        e.reads(ex.clause->value);
      }
    }
    policies.insert(rule.policy);
  }
  for (const auto& check : c.checks) {
    if (!expected.checks.count(check.name)) continue;
    e.out.insert(e.place(check.origin, check.decl->span));
    e.reads(check.decl->applies);
    e.reads(check.decl->requirement);
    policies.insert(check.policy);
  }
  for (std::size_t p = 0; p < c.policies.size(); ++p) {
    if (!policies.count(static_cast<std::int32_t>(p)) &&
        !expected.policies.count(c.policies[p].name))
      continue;
    e.out.insert(e.place(c.policies[p].origin, c.policies[p].decl->span));
    e.reads(c.policies[p].decl->applies);
  }
  for (const auto p : expected.parameters) {
    e.out.insert(e.place(c.parameters[p].origin, c.parameters[p].span));
  }
  return {std::move(name), line, {e.out.begin(), e.out.end()}};
}

}  // namespace spdl
