#pragma once
// What a test file's cases exercise: the rules they expect and everything those rules are computed
// from, the exceptions that applied and did not, the checks whose findings they expect. For a
// revision (a ruleset that amends another), also each change the revision makes.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/analysis/diff.hpp"
#include "spdl/runtime/eval/evaluation.hpp"
#include "spdl/runtime/testing/ruleset_tests.hpp"

namespace spdl {

class CoverageTracker {
 public:
  explicit CoverageTracker(const CheckedRuleset& ruleset);

  // The rules a check's or a policy's finding is computed from.
  const std::set<std::uint32_t>& rules_of_check(const std::string& check);
  const std::set<std::uint32_t>& rules_of_policy(const std::string& policy);

  void expected_check(const std::string& check) { expected_checks_.insert(check); }
  void expected_parameter(std::uint32_t parameter) { expected_parameters_.insert(parameter); }
  // After a case: the rules it expected (with those of its checks and policies) and what its
  // evaluation did.
  // Gives the rules the case reached: those expected and everything they are computed from.
  std::set<std::uint32_t> record(const std::set<std::uint32_t>& expected_rules,
                                 const Evaluation& evaluation);

  // The totals. `revision` is the diff against the ruleset amended, for a revision.
  Coverage finish(const RulesetDiff* revision) const;

 private:
  bool owned(const Origin& origin) const { return origin.module == c_.load->main; }
  void collect(ast::ExprId id, std::set<std::uint32_t>& rules,
               std::set<std::uint32_t>& parameters) const;
  bool exception_exercised(std::uint32_t rule, std::size_t exception) const;
  std::set<std::uint32_t> parameters_exercised() const;
  std::set<std::uint32_t> parameters_read() const;

  const CheckedRuleset& c_;
  std::vector<std::set<std::uint32_t>> uses_;             // by rule: the rules it reads
  std::vector<std::set<std::uint32_t>> parameters_of_;    // by rule: the parameters it reads
  std::vector<std::set<std::uint32_t>> parameter_reads_;  // by parameter: those it is computed from
  std::map<std::string, std::set<std::uint32_t>> uses_of_check_;
  std::map<std::string, std::set<std::uint32_t>> parameters_of_check_;
  std::map<std::string, std::set<std::uint32_t>> uses_of_policy_;
  std::set<std::uint32_t> covered_rules_;
  std::set<std::string> expected_checks_;
  std::set<std::uint32_t> expected_parameters_;
  std::vector<std::vector<bool>> exception_on_;
  std::vector<std::vector<bool>> exception_off_;
};

// What a case names besides rules: the parameters, checks and policies it expects.
struct CaseExpectations {
  std::set<std::uint32_t> parameters;
  std::set<std::string> checks;
  std::set<std::string> policies;
};

// What one case exercised, by the places of the declarations (spdl cite): the rules it reached,
// the exceptions that gave their values, the checks and policies it expected, and what their
// formulas read (parameters with their shares declarations, inputs, tables).
CaseCoverage case_exercised(const Load& load, const CheckedRuleset& ruleset,
                            const Evaluation& evaluation, std::string name, std::uint32_t line,
                            const std::set<std::uint32_t>& reached,
                            const CaseExpectations& expected);

}  // namespace spdl
