#pragma once
// The report of one evaluation: per policy, whether it applies and why, its figures and its
// checks, with citations; then what information is missing. Renderers (text, markdown, JSON)
// only format this; they compute nothing.
//
// What the ruleset says and no scheme changes (names, citations, documentation, titles) is not
// copied for each report: those fields are views of the checked ruleset's text, which the report
// keeps alive (Report::ruleset), so a report may outlive the program it came from.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spdl/runtime/eval/evaluation.hpp"
#include "spdl/runtime/ir/figure_value.hpp"
#include "spdl/runtime/report/explain.hpp"
#include "spdl/runtime/report/rule_users.hpp"

namespace spdl {

enum class Finding { met, not_met, not_applicable, unknown, error };
enum class Applicability { yes, no, unknown, error, always };

const char* finding_name(Finding f);              // "met", "not met", ...
const char* applicability_name(Applicability a);  // "yes", "no", ...

struct ValueReport {
  std::string display;  // "24 dwellings", "yes", "unknown", "error"
  std::string exact;    // "24", "5281380.00", "0.4", "1039/4552"; "" when not a number
  std::optional<double> approximate;
  std::string unit;                // "dwellings", "£", "%", ""
  std::string state;               // "known", "unknown", "error"
  std::vector<std::string> needs;  // inputs that would settle an unknown: "site_area"
  std::string error;               // what went wrong, for an error
  bool is_set = false;             // a set of members: `members` holds their names
  std::vector<std::string> members;
  std::string kind;  // "number", "yes/no", "enumeration", "date", "text"
};

struct FigureReport {
  std::string_view name;  // the ruleset's text, as every std::string_view here
  std::string_view citation;
  std::string_view doc;
  ValueReport value;
  std::string_view exception;  // the exception that gave the value, if any
  std::string_view exception_citation;
  std::uint32_t rule = 0;
  std::optional<Derivation> derivation;  // with --explain
  // False when the figure is unknown but everything that uses it is settled: what it waits for
  // would change nothing the report shows (so Missing information does not ask for it).
  bool bears = true;
};

struct CheckReport {
  std::string_view name;
  std::string_view citation;
  std::string_view doc;
  Finding finding = Finding::unknown;
  std::string message;  // the message, with its values, when the check is not met
  std::vector<std::string> needs;
  std::string error;
  // A requirement that compares two figures (`require a >= b`): each side, named in words and
  // valued as the report shows it, so an outcome can say "24 proposed against 24 required".
  struct Side {
    std::string name;
    std::string display;
    bool known = true;  // its value is known (not waiting for an input, not in error)
  };
  std::optional<std::pair<Side, Side>> compared;
};

// A requirement with no figure, for the officer to secure by legal agreement or planning
// condition. It applies when its policy does and its own `when` holds.
struct ConditionReport {
  std::string_view name;
  std::string_view citation;
  std::string_view doc;
  std::string policy;  // the policy's name as a heading labels it ("SPG 7.2"); "" outside one
  Applicability applies = Applicability::yes;
  std::string text;  // with its values, unless it does not apply
  std::vector<std::string> needs;
  std::string error;
};

struct PolicyReport {
  std::string_view name;  // "H16"; empty for declarations outside any policy
  std::string_view title;
  std::string_view citation;
  Applicability applies = Applicability::always;
  std::string why;  // the threshold that caught the site, with its numbers
  std::vector<std::string> needs;
  std::vector<FigureReport> figures;
  std::vector<CheckReport> checks;
  std::vector<ConditionReport> conditions;
};

struct InputReport {
  std::string_view name;
  std::string display;
  bool given = false;      // the scheme gave it
  bool defaulted = false;  // the ruleset's default was used
  std::string assumed;     // the default's value, when it was used
};

// An input the scheme does not give, and what giving it would settle: whether policies apply,
// figures and checks (by their names as the report shows them). A figure or check of a policy
// whose applying already waits for the input is not listed again.
struct MissingInput {
  std::string input;
  std::vector<std::string> policies;
  std::vector<std::string> figures;
  std::vector<std::string> checks;
  std::vector<std::string> conditions;  // whether each is to be secured
};

// "whether H16 and SPG 5.2 apply; affordable proposed; the check enough affordable".
std::string missing_settles(const MissingInput& missing);

struct Report {
  std::string_view ruleset_id;
  std::string_view title;
  std::string_view authority;
  std::string status;
  std::vector<std::string> dates;  // "published 2006-03-23"
  std::string_view source;
  std::string_view amends;
  std::string scheme_name;
  std::string scheme_reference;
  std::string scheme_path;
  std::vector<InputReport> inputs;  // the inputs the ruleset uses
  std::vector<PolicyReport> policies;
  // Every condition to secure (by legal agreement or planning condition): those that apply, then
  // those that may (unknown), in the order of the policies.
  std::vector<ConditionReport> to_secure;
  // Every missing input that left a figure, a check or whether a policy applies unknown, sorted;
  // the figures of a policy that does not apply are left out, since they do not bear on the scheme.
  std::vector<std::string> needs;
  std::vector<MissingInput> missing;  // the same inputs, each with what it would settle
  // Conflicts between exceptions, divisions by zero: each once, at the formula where it arose.
  std::vector<Diagnostic> errors;
  std::shared_ptr<const Load> load;  // the ruleset's files, which the errors' spans point into
  // The checked ruleset whose text the views above are of: kept as long as the report is.
  std::shared_ptr<const CheckedRuleset> ruleset;
  // When the version was chosen as the one in force on a date (`--on`): the date, YYYY-MM-DD, and
  // why this version, in words (runtime/engine/in_force.hpp). Empty when the ruleset was named.
  std::string chosen_on;
  std::string chosen_because;
};

// The decision in words, for the top of every report: two or three lines an officer pastes first
// ("H16, SPG 5.2 and 5 more policies apply; SPG 6.11 does not.", "All 12 checks that apply are
// met.", "Still needed: open_market_value."). Each policy's outcome in one line: whether it
// applies, its route (a figure that is an enumeration), what it requires against what is proposed,
// and its checks ("Applies. Enough affordable: 24 dwellings proposed against 24 dwellings
// required. Complies: all 1 check met."). Every renderer shows these words.
std::vector<std::string> decision_lines(const Report& report);
std::string policy_outcome(const PolicyReport& policy);

struct ReportOptions {
  bool explain = false;  // add each figure's derivation
  // What uses each rule of this program, made by the first report whose unknown figure asks:
  // a caller that reports on many schemes passes the same (empty at first) table to each, and
  // it is made once. Without one, each such report makes its own.
  RuleUsers* users = nullptr;
  // The words of this program's expressions, kept the same way (explain.hpp). Without them, each
  // report prints its own.
  ExpressionWords* words = nullptr;
};

// Read the report off an evaluation.
Report build_report(const Evaluation& evaluation, const ReportOptions& options = {});

// Renderers. Text is for a terminal (colour only if asked), markdown for a committee report,
// JSON for programs (its format is documented in spec/report-format.md).
std::string render_report_text(const Report& report, bool colour);
std::string render_report_markdown(const Report& report);
std::string render_report_json(const Report& report);
// Where one of the report's errors arose, for people: "rulesets/x.spd:4:24"; "" with no place.
std::string error_place(const Report& report, const Diagnostic& error);

// How a value reads in a report; `type` gives its unit.
ValueReport report_value(const Evaluation& evaluation, const Value& value, const Type& type);

// What the report reads off an evaluation, as data: a value (with the inputs an unknown waits
// for, or an error's message), whether policy p applies, and check k's finding.
FigureValue figure_of(const Evaluation& evaluation, const Value& value, const Type& type);
Applicability policy_applicability(const Evaluation& evaluation, std::uint32_t policy);
Finding check_finding(const Evaluation& evaluation, std::uint32_t check);

}  // namespace spdl
