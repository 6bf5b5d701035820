#pragma once
// What uses each rule of a ruleset: other rules (in a value or an exception), checks, and
// policies (in whether they apply). A report asks it of an unknown figure, to tell whether
// anything it shows waits for that figure. It is the same for every scheme: a service keeps one
// for each program and passes it to each report (ReportOptions::users), and the first report
// that needs it makes it.

#include <cstdint>
#include <vector>

#include "spdl/lang/check/checked.hpp"

namespace spdl {

struct RuleUsers {
  std::vector<std::vector<std::uint32_t>> rules, checks, policies;  // by the rule used
};

RuleUsers rule_users(const CheckedRuleset& ruleset);

}  // namespace spdl
