#pragma once
// Ruleset tests: YAML files beside a ruleset (NAME.test.yaml), each case a scheme and the values
// expected of it, in the manner of OpenFisca's YAML tests:
//
//   ruleset: revised_draft_2006.spd
//   cases:
//     - name: 15 dwellings in a settlement of 3,001 people qualify
//       scheme: {dwellings: 15, settlement_population: 3001, site_area: 0.3 ha}
//       expect:
//         policy_applies: yes
//         affordable_required: 6 dwellings     # 15 x 40% = 6
//         enough_affordable: unknown           # a check's finding
//
// An expectation names a rule, a parameter, a check (met, not met, not applicable, unknown) or a
// policy (yes, no, unknown); a value may also be `unknown`, `unknown (needs site_area)` or `error`.
// The long form {value: 12 dwellings, exception: viability} also says which exception must fire.

#include <filesystem>
#include <string>
#include <vector>

#include "spdl/lang/base/diagnostic.hpp"

namespace spdl {

struct TestFailure {
  std::string file;
  std::uint32_t line = 0;
  std::string case_name;
  std::string message;     // "affordable_required: expected 6 dwellings, got 5 dwellings"
  std::string derivation;  // of the actual value, when it is a rule
};

struct Coverage {
  std::vector<std::string> rules_missed;       // no case expected them or anything that uses them
  std::vector<std::string> exceptions_never;   // "rule.label": never gave a tested value
  std::vector<std::string> exceptions_always;  // applied in every case that tested their rule
  std::vector<std::string> checks_missed;      // no case expected their finding
  std::size_t rules = 0, exceptions = 0, checks = 0;
  bool complete() const {
    return rules_missed.empty() && exceptions_never.empty() && exceptions_always.empty() &&
           checks_missed.empty();
  }
};

// Where a declaration is written: its file (the canonical path the module loader gives) and the
// byte offset where it begins. Ties what a case exercised to the declaration, whichever ruleset
// the case ran against (spdl cite).
struct DeclarationPlace {
  std::string file;
  std::uint32_t offset = 0;
  auto operator<=>(const DeclarationPlace&) const = default;
};

// What one case exercised, as coverage counts it: the rules it expected and those they are
// computed from, the exceptions that gave those rules' values, the checks and policies it
// expected; and besides (what coverage does not count) the policy headings of those rules and
// checks, the parameters, inputs and tables their formulas read, and the parameters it expected.
struct CaseCoverage {
  std::string name;
  std::uint32_t line = 0;
  std::vector<DeclarationPlace> exercised;  // sorted
};

struct TestFileResult {
  std::string file;
  std::string ruleset;
  std::size_t cases = 0;
  std::size_t passed = 0;
  std::vector<TestFailure> failures;
  Diagnostics diagnostics;  // a test file or ruleset that cannot be read
  std::string diagnostics_text;
  Coverage coverage;
  // Every case that ran (its scheme valid, its expectations given), in file order.
  std::vector<CaseCoverage> case_coverage;
};

// Run one test file.
TestFileResult run_test_file(const std::filesystem::path& file);
// The test files under a path: the path itself, or every *.test.yaml below a folder.
std::vector<std::filesystem::path> find_test_files(const std::filesystem::path& path);

}  // namespace spdl
