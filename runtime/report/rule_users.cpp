#include "spdl/runtime/report/rule_users.hpp"

namespace spdl {

RuleUsers rule_users(const CheckedRuleset& c) {
  RuleUsers users;
  users.rules.resize(c.rules.size());
  users.checks.resize(c.rules.size());
  users.policies.resize(c.rules.size());
  const auto note = [&](ast::ExprId e, std::vector<std::vector<std::uint32_t>>& by_rule,
                        std::uint32_t user) {
    if (e == ast::no_expr) return;
    for_each_reference(c, e, [&](ast::ExprId, const Symbol& s) {
      if (s.kind == SymbolKind::rule) by_rule[s.index].push_back(user);
    });
  };
  for (std::uint32_t r = 0; r < c.rules.size(); ++r) {
    note(c.rules[r].decl->value, users.rules, r);
    for (const auto& ex : c.rules[r].exceptions) {
      note(ex.clause->condition, users.rules, r);
      note(ex.clause->value, users.rules, r);
    }
  }
  for (std::uint32_t k = 0; k < c.checks.size(); ++k) {
    note(c.checks[k].decl->applies, users.checks, k);
    note(c.checks[k].decl->requirement, users.checks, k);
  }
  for (std::uint32_t p = 0; p < c.policies.size(); ++p)
    note(c.policies[p].decl->applies, users.policies, p);
  return users;
}

}  // namespace spdl
