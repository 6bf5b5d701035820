#pragma once
// Ruleset tests: YAML files beside a ruleset (NAME.test.yaml), each case a scheme and the values
// expected of it, in the manner of OpenFisca's YAML tests. spec/testing.md is the reference:
//
//   ruleset: revised_draft_2006.spd
//   cases:
//     - name: 15 dwellings in a settlement of 3,001 people qualify
//       scheme: {dwellings: 15, settlement_population: 3001, site_area: 0.3 ha}
//       expect:
//         policy_applies: yes
//         affordable_required: 6 dwellings     # 15 x 40% = 6
//         enough_affordable: unknown           # a check's finding
//     - name: what if the share were 35%
//       parameters: {affordable_share: 35%}
//       scheme: {dwellings: 15, settlement_population: 3001, site_area: 0.3 ha}
//       expect:
//         affordable_required: 5 dwellings     # 15 x 35% = 5.25, so 5
//
// An expectation names a rule, a parameter, a check (met, not met, not applicable, unknown) or a
// policy (yes, no, unknown); a value may also be `unknown`, `unknown (needs site_area)` or `error`.
// The long form {value: 12 dwellings, exception: viability} also says which exception must fire.
// A number written with decimal places (36.14%) is compared to those places when the value
// computed has a decimal expansion that does not end; otherwise numbers compare exactly.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "spdl/lang/base/diagnostic.hpp"
#include "spdl/runtime/engine/engine.hpp"

namespace spdl {

struct TestFailure {
  std::string file;
  std::uint32_t line = 0;
  std::string case_name;
  std::string path;      // the expectation's key ("affordable_required"); empty for the case's own
  std::string expected;  // as the test wrote it, with its precision: "36.14% (to 2 places)"
  std::string actual;    // as spdl shows it: "36.1428…%", "met", "unknown (needs site_area)"
  std::string message;   // "affordable_required: expected 6 dwellings, got 5 dwellings"
  std::string derivation;  // of the actual value, when it is a rule
};

// A parameter a case changed: given in its `parameters:` or, when `derived`, computed from one.
struct ParameterChange {
  std::string name;
  std::string before;  // "40%"
  std::string after;   // "35%"
  bool derived = false;
};

struct CaseResult {
  std::string name;
  std::uint32_t line = 0;
  std::vector<ParameterChange> parameters;
  std::vector<TestFailure> failures;
  bool passed() const { return failures.empty(); }
};

// What a revision (a ruleset that `amends` another) changes, against the ruleset it amends, and
// whether the revision's own cases exercise each change.
struct RevisionChange {
  std::string what;  // "parameter", "rule", "exception", "check"; others are listed, not counted
  std::string name;  // "affordable_share", "affordable_required.viability"
  std::string kind;  // "added", "changed", "removed"
  // A parameter, rule, exception or check that the revision adds or changes, which a case can
  // exercise (a parameter that no formula reads cannot be).
  bool counted = false;
  bool exercised = false;
  std::string note;  // why it is not counted: "removed", "read by no formula", "an input"
};

struct RevisionCoverage {
  std::string amends;  // the id of the ruleset revised
  std::vector<RevisionChange> changes;
  std::size_t counted() const;
  std::size_t exercised() const;
};

struct Coverage {
  std::vector<std::string> rules_missed;       // no case expected them or anything that uses them
  std::vector<std::string> exceptions_never;   // "rule.label": never gave a tested value
  std::vector<std::string> exceptions_always;  // applied in every case that tested their rule
  std::vector<std::string> checks_missed;      // no case expected their finding
  std::size_t rules = 0, exceptions = 0, checks = 0;
  std::optional<RevisionCoverage> revision;  // for a ruleset that amends another
  bool complete() const;
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
  std::vector<CaseResult> cases;
  Diagnostics diagnostics;  // a test file or ruleset that cannot be read
  std::string diagnostics_text;
  Coverage coverage;
  // Every case that ran (its scheme valid, its expectations given), in file order.
  std::vector<CaseCoverage> case_coverage;

  std::size_t passed() const;
  std::size_t failure_count() const;
  bool can_run() const { return diagnostics_text.empty(); }
  bool ok() const { return can_run() && !cases.empty() && passed() == cases.size(); }
};

// Run one test file.
TestFileResult run_test_file(const std::filesystem::path& file);
// Run a test file's text (from standard input, say) named `display_path`; its `ruleset:` and
// `scheme_file:` paths are read relative to `folder`.
TestFileResult run_test_text(const std::string& display_path, std::string text,
                             const std::filesystem::path& folder);
// Where a test file run on a ruleset given as text may read `scheme_file:` from: paths relative
// to `folder`, and only files that lie (links followed) inside `within`. Empty: none at all.
struct TestFilesAllowed {
  std::filesystem::path folder;
  std::filesystem::path within;
};
// A test file's text run on a ruleset already opened (the workbench's unsaved source): its
// `ruleset:` line only names it, and a case's `scheme_file:` is read only as `files` allows
// (else the case fails saying so: the text could name any file at all).
TestFileResult run_test_text_on(const std::string& display_path, std::string text,
                                OpenedRuleset ruleset, const TestFilesAllowed& files = {});
// The test files under a path: the path itself, or every *.test.yaml below a folder.
std::vector<std::filesystem::path> find_test_files(const std::filesystem::path& path);

}  // namespace spdl
